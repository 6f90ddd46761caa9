package io.tracegate.gateway.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.tracegate.gateway.GatewayProcess;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Acceptance 3: the real {@code gateway.jar} is killed (SIGKILL) in the middle of capturing a large document. After
 * a restart on the same data directory the job is reported failed, nothing of it is applied, and posting the document
 * again applies it exactly once. Runs in {@code verify}, after {@code package} built the jar.
 */
class CaptureCrashIT {

    private static final String ADMIN_KEY = "crash-test-admin-key-0123456789abcdefghijklmnopqrstuvwxyz";
    private static final int UNITS = 150_000;
    private static final int PER_CASE = 100;
    private static final int CASES_PER_PALLET = 50;

    private final GatewayProcess gateway = new GatewayProcess("crash-it", ADMIN_KEY);

    @AfterEach
    void stop() throws InterruptedException {
        gateway.close();
    }

    @Test
    void aKilledCaptureIsFailedAfterRestartAndItsDocumentCapturesExactlyOnce() throws Exception {
        String run = "c" + System.nanoTime() % 1_000_000; // serials stay within the 20 characters of AI (21)
        byte[] document = document(run);
        gateway.start(1);
        String lineKey = createLineKey();

        HttpResponse<String> accepted = postDocument(document, lineKey);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String job = accepted.headers().firstValue("Location").orElseThrow();
        Thread.sleep(1500); // well into the job: reading, checking and writing take far longer
        assertThat((Boolean) JsonPath.read(gateway.get(job, lineKey).body(), "$.running")).isTrue();
        gateway.kill();

        gateway.start(2);
        String after = gateway.get(job, lineKey).body();
        assertThat((Boolean) JsonPath.read(after, "$.running")).as(after).isFalse();
        assertThat((Boolean) JsonPath.read(after, "$.success")).as(after).isFalse();
        assertThat((String) JsonPath.read(after, "$.errors[0].detail")).contains("post the document again");
        assertThat(unitCount(run)).isZero();

        String retried = awaitJob(postDocument(document, lineKey), lineKey);
        assertThat((Boolean) JsonPath.read(retried, "$.success")).as(retried).isTrue();
        assertThat(unitCount(run)).isEqualTo(UNITS + UNITS / PER_CASE);

        String again = awaitJob(postDocument(document, lineKey), lineKey);
        assertThat((Integer) JsonPath.read(again, "$.appliedCount")).isZero();
        assertThat((Integer) JsonPath.read(again, "$.duplicateCount"))
                .isEqualTo((Integer) JsonPath.read(retried, "$.appliedCount"));
    }

    private String createLineKey() throws Exception {
        HttpResponse<String> created = gateway.send(gateway.request("/admin/keys", ADMIN_KEY)
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"name\":\"line\",\"roles\":[\"LINE\"]}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JsonPath.read(created.body(), "$.key");
    }

    private HttpResponse<String> postDocument(byte[] document, String key) throws Exception {
        return gateway.send(gateway.request("/capture", key).header("Content-Type", "application/ld+json")
                .POST(BodyPublishers.ofByteArray(document)));
    }

    private String awaitJob(HttpResponse<String> accepted, String key) throws Exception {
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String location = accepted.headers().firstValue("Location").orElseThrow();
        long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        while (System.nanoTime() < deadline) {
            String job = gateway.get(location, key).body();
            if (!(Boolean) JsonPath.read(job, "$.running")) {
                return job;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("capture job " + location + " still running after 20 minutes");
    }

    /** The SGTINs (units and cases) of this run's document in the store. */
    private long unitCount(String run) throws Exception {
        try (Connection connection = gateway.database();
             PreparedStatement statement = connection.prepareStatement(
                     "select count(*) from serial_unit where written like ?")) {
            statement.setString(1, "%." + run + ".%");
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** 150,000 units commissioned and packed into cases and pallets: about 15 MB of JSON-LD, several batches. */
    private static byte[] document(String run) {
        List<String> events = new ArrayList<>();
        List<String> units = new ArrayList<>();
        for (int i = 0; i < UNITS; i++) {
            units.add("urn:epc:id:sgtin:030001.0012345." + run + "." + i);
        }
        int caseCount = UNITS / PER_CASE;
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < caseCount; i++) {
            cases.add("urn:epc:id:sgtin:030001.1012345." + run + "." + i);
        }
        List<String> pallets = new ArrayList<>();
        long base = Math.abs(run.hashCode() % 100_000L) * 1000;
        for (int i = 0; i < caseCount / CASES_PER_PALLET; i++) {
            pallets.add("urn:epc:id:sscc:030001.4" + String.format("%010d", base + i));
        }
        for (int i = 0; i < UNITS; i += 1000) {
            events.add(event("ObjectEvent", "ADD", "commissioning", null, "epcList", units.subList(i, i + 1000)));
        }
        events.add(event("ObjectEvent", "ADD", "commissioning", null, "epcList", cases));
        events.add(event("ObjectEvent", "ADD", "commissioning", null, "epcList", pallets));
        for (int c = 0; c < caseCount; c++) {
            events.add(event("AggregationEvent", "ADD", "packing", cases.get(c), "childEPCs",
                    units.subList(c * PER_CASE, (c + 1) * PER_CASE)));
        }
        for (int p = 0; p < pallets.size(); p++) {
            events.add(event("AggregationEvent", "ADD", "packing", pallets.get(p), "childEPCs",
                    cases.subList(p * CASES_PER_PALLET, (p + 1) * CASES_PER_PALLET)));
        }
        return ("{\"@context\":[\"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld\"],"
                + "\"type\":\"EPCISDocument\",\"schemaVersion\":\"2.0\",\"creationDate\":\"2024-01-01T00:00:00Z\","
                + "\"epcisBody\":{\"eventList\":[" + String.join(",", events) + "]}}").getBytes(StandardCharsets.UTF_8);
    }

    private static String event(String type, String action, String bizStep, String parent, String listName,
            List<String> epcs) {
        return "{\"type\":\"" + type + "\",\"eventTime\":\"2024-02-01T00:00:00Z\",\"eventTimeZoneOffset\":\"+00:00\","
                + (parent == null ? "" : "\"parentID\":\"" + parent + "\",") + "\"" + listName + "\":[\""
                + String.join("\",\"", epcs) + "\"],\"action\":\"" + action + "\",\"bizStep\":\"" + bizStep + "\","
                + "\"readPoint\":{\"id\":\"urn:epc:id:sgln:030001.111111.0\"}}";
    }
}
