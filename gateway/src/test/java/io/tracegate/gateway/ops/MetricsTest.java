package io.tracegate.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracegate.gateway.GatewayTest;
import io.tracegate.gateway.security.Role;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Capture and query figures at /actuator/prometheus move with what the gateway does. */
class MetricsTest extends GatewayTest {

    private static final String EVENT = """
            {"type":"ObjectEvent","eventTime":"2023-06-01T10:00:00Z","eventTimeZoneOffset":"+00:00","action":"%s",
             "epcList":["urn:epc:id:sgtin:0614141.107346.M%s1","urn:epc:id:sgtin:0614141.107346.M%s2"],
             "bizStep":"%s","disposition":"active","bizLocation":{"id":"urn:epc:id:sgln:0614141.00777.0"}}""";

    private String metrics(String key) {
        HttpResponse<String> response = get("/actuator/prometheus", key);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static double value(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.Ee+-]+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private void captureAndWait(String key, String event) throws InterruptedException {
        String document = "{\"@context\":[\"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld\"],"
                + "\"type\":\"EPCISDocument\",\"schemaVersion\":\"2.0\",\"creationDate\":\"2023-06-01T10:00:00Z\","
                + "\"epcisBody\":{\"eventList\":[" + event + "]}}";
        HttpResponse<String> accepted = send(request("/capture", key).header("Content-Type", "application/ld+json")
                .POST(BodyPublishers.ofString(document)));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String job = accepted.headers().firstValue("Location").orElseThrow();
        for (int i = 0; i < 600 && (Boolean) json(get(job, key), "$.running"); i++) {
            Thread.sleep(50);
        }
    }

    @Test
    void countsCapturesEventsEpcsRejectionsAndTimesCapturesAndQueries() throws InterruptedException {
        String line = createKey(unique("metrics-line"), Role.LINE);
        String compliance = createKey(unique("metrics-compliance"), Role.COMPLIANCE);
        String serial = UUID.randomUUID().toString().substring(0, 8);
        String before = metrics(compliance);

        captureAndWait(line, EVENT.formatted("ADD", serial, serial, "commissioning"));
        captureAndWait(line, EVENT.formatted("ADD", serial, serial, "commissioning")
                .replace("2023-06-01T10:00:00Z", "2023-06-01T11:00:00Z")); // commissioned twice: refused
        assertThat(get("/events?EQ_bizStep=commissioning&perPage=1", compliance).statusCode()).isEqualTo(200);

        String after = metrics(compliance);
        assertThat(value(after, "tracegate_captures_total{outcome=\"success\"}")
                - value(before, "tracegate_captures_total{outcome=\"success\"}")).isEqualTo(1);
        assertThat(value(after, "tracegate_captures_total{outcome=\"failure\"}")
                - value(before, "tracegate_captures_total{outcome=\"failure\"}")).isEqualTo(1);
        assertThat(value(after, "tracegate_capture_events_total") - value(before, "tracegate_capture_events_total"))
                .isEqualTo(1);
        assertThat(value(after, "tracegate_capture_epcs_total") - value(before, "tracegate_capture_epcs_total"))
                .isEqualTo(2);
        assertThat(value(after, "tracegate_capture_rejections_total")
                - value(before, "tracegate_capture_rejections_total")).isEqualTo(1);
        assertThat(value(after, "tracegate_capture_latency_seconds_count")
                - value(before, "tracegate_capture_latency_seconds_count")).isEqualTo(2);
        assertThat(value(after, "tracegate_query_seconds_count") - value(before, "tracegate_query_seconds_count"))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void showsMetricsToComplianceAndAdminOnly() {
        assertThat(get("/actuator/prometheus", ADMIN_KEY).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/prometheus", createKey(unique("metrics-partner"), Role.PARTNER)).statusCode())
                .isEqualTo(403);
    }
}
