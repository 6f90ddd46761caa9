package io.tracegate.gateway.serials;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracegate.gateway.GatewayTest;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * V8 moves the events naming each stored unit from {@code event_epc} onto the unit's row: a store captured before
 * it must answer exactly as before. Migrated in a schema of its own, from V7 with rows in it.
 */
class UnitAppearancesMigrationTest extends GatewayTest {

    private static final String SCHEMA = "migration_probe_v8";
    private static final String UNIT = "https://id.gs1.org/01/00300010123455/21/A1";
    private static final String CASE = "https://id.gs1.org/00/003000100000000018";

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    private Flyway flyway(String target) {
        return Flyway.configure().dataSource(dataSource).schemas(SCHEMA).locations("classpath:db/migration")
                .target(target).load();
    }

    @AfterEach
    void dropSchema() {
        jdbc.sql("drop schema if exists " + SCHEMA + " cascade").update();
    }

    @Test
    void eventsNamingStoredUnitsMoveOntoTheirRowsInTimeOrderAndOthersStay() {
        flyway("7").migrate();
        for (String key : List.of(UNIT, CASE)) {
            jdbc.sql("insert into " + SCHEMA + ".serial_unit (epc, written, kind, status, commissioned_at,"
                    + " updated_at, last_event) values (?, ?, 'sscc', 'ACTIVE', now(), now(), 3)")
                    .params(key, key).update();
        }
        // (epc, role, minutes after midnight, event ref): refs out of time order, a class and a unit not stored
        Object[][] rows = {{UNIT, "c", 20, 1}, {UNIT, "e", 10, 2}, {CASE, "p", 20, 1}, {UNIT, "e", 30, 3},
            {"https://id.gs1.org/01/00300010123455/10/LOT", "q", 10, 2},
            {"https://id.gs1.org/01/00300010123455/21/NOT-STORED", "e", 10, 2}};
        for (Object[] row : rows) {
            jdbc.sql("insert into " + SCHEMA + ".event_epc (epc, role, event_time, event_ref)"
                    + " values (?, ?, timestamptz '2026-01-01T00:00:00Z' + ? * interval '1 minute', ?)")
                    .params(row[0], row[1], row[2], row[3]).update();
        }

        flyway("latest").migrate();

        assertThat(refs(UNIT)).isEqualTo("{2,1,3} ece");
        assertThat(refs(CASE)).isEqualTo("{1} p");
        assertThat(jdbc.sql("select epc || ' ' || role from " + SCHEMA + ".event_epc order by epc")
                .query(String.class).list()).containsExactly(
                "https://id.gs1.org/01/00300010123455/10/LOT q",
                "https://id.gs1.org/01/00300010123455/21/NOT-STORED e");
    }

    private String refs(String key) {
        return jdbc.sql("select event_refs::text || ' ' || event_roles from " + SCHEMA + ".serial_unit where epc = ?")
                .param(key).query(String.class).single();
    }
}
