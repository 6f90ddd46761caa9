package io.tracegate.gateway.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracegate.gateway.GatewayTest;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** V13 indexes the new attribute kinds of events captured before V12, in a schema of its own. */
class EventAttributeKindsMigrationTest extends GatewayTest {

    private static final String SCHEMA = "migration_probe_v13";

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    private Flyway flyway(String target) {
        return Flyway.configure().dataSource(dataSource).schemas(SCHEMA).locations("classpath:db/migration")
                .javaMigrations(new V13__event_attribute_kinds()).target(target).load();
    }

    @AfterEach
    void dropSchema() {
        jdbc.sql("drop schema if exists " + SCHEMA + " cascade").update();
    }

    @Test
    void eventsStoredBeforeGainTheirExtensionSensorAndIlmdRows() {
        flyway("12").migrate();
        jdbc.sql("insert into " + SCHEMA + ".capture_job (id, created_at, running, success, error_behaviour,"
                + " submitted_by, document_sha256, document_bytes) overriding system value values (1, now(), false,"
                + " true, 'rollback', 'x', 'x', 0)").update();
        String body = """
                {"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
                  {"ex":"https://example.com/v13/"}],"type":"EPCISDocument","schemaVersion":"2.0",
                 "creationDate":"2023-06-10T00:00:00Z","epcisBody":{"eventList":[
                  {"type":"ObjectEvent","eventTime":"2023-06-01T12:00:00Z","eventTimeZoneOffset":"+00:00",
                   "action":"OBSERVE","quantityList":[{"epcClass":"urn:epc:class:lgtin:0614141.107346.B1",
                   "quantity":2.5,"uom":"KGM"}],"ex:tag":"old","ilmd":{"ex:lot":"L1"},
                   "sensorElementList":[{"sensorReport":[{"type":"Temperature","value":6.5,"uom":"CEL"}]}]}]}}""";
        jdbc.sql("insert into " + SCHEMA + ".epcis_event (id, event_hash, event_id, event_type, event_time,"
                + " record_time, capture_job_id, body) values (1, 'h', 'e', 'ObjectEvent', now(), now(), 1, ?)")
                .param(body).update();
        jdbc.sql("insert into " + SCHEMA + ".event_attribute values (1, 'i', 'lot', 'L1'), (1, 'n', '', '2.5')")
                .update();

        flyway("13").migrate();

        List<String> rows = jdbc.sql("select kind || ':' || name || '=' || value from " + SCHEMA
                + ".event_attribute where event_ref = 1 order by 1").query(String.class).list();
        assertThat(rows).containsExactly("g:=", "i:lot=L1", "n:=2.5", "u:KGM=2.5", "v:type=Temperature",
                "v:uom=CEL", "v:value=6.5", "w:value_CEL=6.5", "x:tag=old");
    }
}
