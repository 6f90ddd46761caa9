package io.tracegate.gateway.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where the events naming a unit are kept: on the unit's row once the serial store holds it, in {@code event_epc}
 * before (a partner's transaction may name a unit this gateway has not seen commissioned). The trace and the query
 * API find them in both places, by role.
 */
class UnitEventsTest extends CaptureTest {

    @Autowired
    JdbcClient jdbc;

    private List<String> eventTypes(String query) {
        var response = get("/events?" + query, complianceKey());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response, "$.epcisBody.queryResults.resultsBody.eventList[*].type");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void eventsBeforeAndAfterTheStoreHoldsAUnitAreFoundTogether() {
        String unit = sgtin("held-later");
        String po = "urn:epcglobal:cbv:bt:0614141000005:" + unique("PO");
        assertSucceeded(capture(transactionEvent("ADD").epcs(unit).purchaseOrder(po).bizStep("shipping")));
        assertSucceeded(capture(commission(unit)));
        assertSucceeded(capture(transformationEvent().inputs(unit).transformationId("urn:uuid:" + UUID.randomUUID())
                .bizStep("repackaging")));

        assertThat(eventTypes("MATCH_epc=" + encode(unit))).containsExactly("TransactionEvent", "ObjectEvent");
        assertThat(eventTypes("MATCH_inputEPC=" + encode(unit))).containsExactly("TransformationEvent");
        assertThat(eventTypes("MATCH_anyEPC=" + encode(unit)))
                .containsExactly("TransactionEvent", "ObjectEvent", "TransformationEvent");
        assertThat(eventTypes("MATCH_parentID=" + encode(unit))).isEmpty();
        List<String> traced = json(trace(unit), "$.events[*].eventID");
        assertThat(traced).hasSize(3);

        String key = Identifiers.key(unit);
        assertThat(jdbc.sql("select role from event_epc where epc = ?").param(key).query(String.class).list())
                .as("the transaction, from before the store held the unit").containsExactly("e");
        assertThat(jdbc.sql("select event_roles from serial_unit where epc = ?").param(key).query(String.class)
                .single()).as("commissioned, then an input").isEqualTo("ei");
    }
}
