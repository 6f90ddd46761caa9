package io.tracegate.gateway.serials;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracegate.gateway.capture.CaptureTest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * History imports ({@code Tracegate-Lifecycle: observe}): events that happened elsewhere are stored and the units
 * take the state they say, without refusals for history this store never saw; what no history can excuse is still
 * refused; later captures hold the observed units to the usual rules.
 */
class HistoryImportTest extends CaptureTest {

    private HttpResponse<String> postWithLifecycle(String document, String key, String lifecycle) {
        return send(request("/capture", key).header("Content-Type", "application/ld+json")
                .header("Tracegate-Lifecycle", lifecycle).POST(BodyPublishers.ofString(document)));
    }

    private HttpResponse<String> importHistory(String key, Event... events) {
        HttpResponse<String> accepted = postWithLifecycle(document(events), key, "observe");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String job = accepted.headers().firstValue("Location").orElseThrow();
        assertThat((String) json(get(job, key), "$.lifecycle")).isEqualTo("observe"); // a 202 has no body
        return awaitJob(job, key);
    }

    @Test
    void shippingAndReceivingUnitsNeverCommissionedHereImportsAndMarksThemObserved() {
        String unit = sgtin("hist");
        String box = caseSgtin("hist");
        String pallet = sscc();

        assertSucceeded(importHistory(ADMIN_KEY, pack(box, unit), pack(pallet, box), ship(pallet)));

        assertThat(status(unit)).isEqualTo("in_transit");
        HttpResponse<String> trace = trace(unit);
        assertThat((Boolean) json(trace, "$.observed")).isTrue();
        assertThat((String) json(trace, "$.parent")).isEqualTo(box);
        assertThat((String) json(trace, "$.owner")).as("the shipper").isEqualTo(SITE);
        assertThat((String) json(trace, "$.inTransitTo")).isEqualTo(BUYER);
        assertThat((List<?>) json(trace, "$.events")).hasSize(3);
    }

    @Test
    void theUsualRulesHoldForLaterEventsOnObservedUnits() {
        String unit = sgtin("later");
        assertSucceeded(importHistory(ADMIN_KEY, ship(unit)));
        String ours = sgtin("ours");
        assertSucceeded(capture(commission(ours)));
        assertThat((Boolean) json(trace(ours), "$.observed")).isFalse();

        assertRefused(capture(ship(unit)), unit, "lifecycle.ship-not-active");
        assertSucceeded(capture(objectEvent("OBSERVE").epcs(unit).bizStep("receiving").disposition("in_progress")
                .at(BUYER_SITE).to(BUYER, BUYER_SITE)));
        assertThat(status(unit)).isEqualTo("active");
    }

    @Test
    void aUnitTakesTheStateTheImportSaysWhateverItWasBefore() {
        String unit = sgtin("state");
        assertSucceeded(importHistory(ADMIN_KEY, commission(unit),
                objectEvent("OBSERVE").epcs(unit).bizStep("receiving").disposition("in_progress").at(BUYER_SITE)));

        assertThat(status(unit)).as("received without a shipment on record").isEqualTo("active");
        assertThat((String) json(trace(unit), "$.location")).isEqualTo(BUYER_SITE);
    }

    @Test
    void anObservedUnitMayBeCommissionedAgainByAnImportButOneWeCommissionedMayNot() {
        String observed = sgtin("again");
        assertSucceeded(importHistory(ADMIN_KEY, ship(observed)));
        assertSucceeded(importHistory(ADMIN_KEY, commission(observed)));
        assertThat((String) json(trace(observed), "$.lot")).isEqualTo("T100");

        String ours = sgtin("ours");
        assertSucceeded(capture(commission(ours)));
        assertRefused(importHistory(ADMIN_KEY, commission(ours)), ours, "lifecycle.duplicate-commission");
    }

    @Test
    void oneImportCannotPackAUnitIntoTwoContainers() {
        String unit = sgtin("two");
        String first = sscc();
        String second = sscc();

        HttpResponse<String> job = importHistory(ADMIN_KEY, pack(first, unit), pack(second, unit));

        assertRefused(job, unit, "lifecycle.child-in-other-parent");
        assertThat(trace(unit).statusCode()).as("nothing of the import applied").isEqualTo(404);
    }

    @Test
    void onlyAdminKeysAndKeysMadeForImportsMayImport() {
        HttpResponse<String> line = postWithLifecycle(document(ship(sgtin("x"))), lineKey(), "observe");
        assertThat(line.statusCode()).as(line.body()).isEqualTo(403);
        assertThat((String) json(line, "$.detail")).contains("may not import history");

        HttpResponse<String> created = post("/admin/keys", ADMIN_KEY, "{\"name\":\"" + unique("importer")
                + "\",\"roles\":[\"PARTNER\"],\"import\":true}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertSucceeded(importHistory(json(created, "$.key"), ship(sgtin("imported"))));

        HttpResponse<String> unknown = postWithLifecycle(document(ship(sgtin("x"))), ADMIN_KEY, "trust-me");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat((String) json(unknown, "$.detail")).contains("Tracegate-Lifecycle", "trust-me");
    }

    /** Two imports naming one unit this store never saw, at once: both are applied, one after the other. */
    @Test
    void concurrentImportsOfOneUnseenUnitBothApply() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                String unit = sgtin("both");
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<HttpResponse<String>>> jobs = new ArrayList<>();
                for (Event event : List.of(ship(unit), objectEvent("OBSERVE").epcs(unit).bizStep("inspecting")
                        .disposition("damaged").at(SITE))) {
                    jobs.add(clients.submit(() -> {
                        start.await();
                        return importHistory(ADMIN_KEY, event);
                    }));
                }
                for (Future<HttpResponse<String>> job : jobs) {
                    assertSucceeded(job.get());
                }
                assertThat((List<?>) json(trace(unit), "$.events")).as("round %d", round).hasSize(2);
                assertThat(status(unit)).isIn("in_transit", "damaged");
            }
        } finally {
            clients.shutdownNow();
        }
    }
}
