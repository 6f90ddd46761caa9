package io.tracegate.gateway.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracegate.epcis.validation.XsdValidator;
import io.tracegate.gateway.capture.CaptureTest;
import io.tracegate.gateway.security.Role;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The REST bindings' surface around the queries: discovery ({@code GET /}, {@code OPTIONS}), version negotiation,
 * paged lists ({@code /capture}, {@code /epcs}, {@code /bizSteps}), the XML capture job, what {@code POST /events}
 * answers and {@code eventCountLimit} without {@code orderBy}.
 */
class RestSurfaceTest extends CaptureTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    private HttpResponse<String> captureFor(String key, String events) throws InterruptedException {
        HttpResponse<String> accepted = send(request("/capture", key).header("Content-Type", "application/ld+json")
                .POST(BodyPublishers.ofString("""
                        {"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
                         "type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2023-06-10T00:00:00Z",
                         "epcisBody":{"eventList":[%s]}}""".formatted(events))));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return awaitJob(accepted.headers().firstValue("Location").orElseThrow(), key);
    }

    private static String observe(String epc, String bizStep) {
        return """
                {"type":"ObjectEvent","eventTime":"2023-06-01T10:00:00Z","eventTimeZoneOffset":"+00:00",
                 "action":"ADD","epcList":["%s"],"bizStep":"%s"}""".formatted(epc, bizStep);
    }

    @Test
    void discoveryListsTheTopLevelResourcesAndAnswersOptionsWith204AndTheGs1Headers() {
        String key = createKey(unique("discovery"), Role.COMPLIANCE);
        HttpResponse<String> root = get("/", key);
        assertThat(root.statusCode()).as(root.body()).isEqualTo(200);
        assertThat((List<String>) json(root, "$.member")).containsExactlyInAnyOrder("queries", "capture", "events",
                "eventTypes", "epcs", "readPoints", "bizLocations", "dispositions", "bizSteps");
        assertThat(root.headers().allValues("GS1-EPCIS-Version")).containsExactly("2.0.0");

        HttpResponse<String> capture = send(request("/capture", key).method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(capture.statusCode()).isEqualTo(204);
        assertThat(capture.headers().firstValue("Allow")).hasValue("OPTIONS, GET, POST");
        assertThat(capture.headers().firstValue("GS1-EPCIS-Capture-Limit")).isPresent();
        assertThat(capture.headers().firstValue("GS1-EPCIS-Capture-File-Size-Limit")).isPresent();
        assertThat(capture.headers().firstValue("GS1-Capture-Error-Behaviour")).hasValue("all");
        assertThat(capture.headers().firstValue("GS1-EPCIS-Min")).hasValue("1.2.0");
        for (String path : List.of("/", "/events/urn%3Auuid%3Ax", "/bizSteps/shipping/events", "/queries/q",
                "/queries/q/subscriptions", "/epcs")) {
            HttpResponse<String> options = send(request(path, key).method("OPTIONS", BodyPublishers.noBody()));
            assertThat(options.statusCode()).as(path).isEqualTo(204);
            assertThat(options.headers().firstValue("GS1-EPCIS-Max")).as(path).hasValue("2.0.0");
            assertThat(options.headers().firstValue("GS1-CBV-Version")).as(path).hasValue("2.0.0");
        }
        assertThat(send(request("/queries/q", key).method("OPTIONS", BodyPublishers.noBody())).headers()
                .firstValue("Allow")).hasValue("OPTIONS, GET, DELETE");
        assertThat(send(request("/", null).method("OPTIONS", BodyPublishers.noBody())).statusCode()).isEqualTo(401);
    }

    @Test
    void aVersionRangeThatExcludes20IsNotAcceptable() {
        String key = createKey(unique("versions"), Role.COMPLIANCE);
        for (String[] header : List.of(new String[] {"GS1-EPCIS-Min", "2.1"}, new String[] {"GS1-EPCIS-Max", "1.2.0"},
                new String[] {"GS1-CBV-Min", "3"}, new String[] {"GS1-CBV-Max", "1.2"})) {
            HttpResponse<String> refused = send(request("/events", key).header(header[0], header[1]).GET());
            assertThat(refused.statusCode()).as(header[0]).isEqualTo(406);
            assertThat((String) json(refused, "$.type")).isEqualTo("epcisException:NotAcceptableException");
            assertThat((String) json(refused, "$.detail")).contains(header[0], header[1]);
        }
        assertThat(send(request("/events?perPage=1", key).header("GS1-EPCIS-Min", "1.2.0")
                .header("GS1-EPCIS-Max", "2.0").header("GS1-CBV-Max", "2.0.0").GET()).statusCode()).isEqualTo(200);
        HttpResponse<String> malformed = send(request("/capture", key).header("GS1-EPCIS-Max", "two").GET());
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat((String) json(malformed, "$.detail")).contains("GS1-EPCIS-Max", "two");
    }

    @Test
    void listsArePagedAndAJobIsAlsoXml() throws Exception {
        String line = createKey(unique("paging-line"), Role.LINE);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> job = captureFor(line, observe("urn:epc:id:sgtin:0614141.107346.P" + RUN + i,
                    "urn:example:paging:" + RUN + ":" + i));
            ids.add(json(job, "$.captureID"));
        }
        // the key sees its own three jobs, newest first, two per page
        HttpResponse<String> first = get("/capture?perPage=2", line);
        assertThat((List<String>) json(first, "$[*].captureID")).containsExactly(ids.get(2), ids.get(1));
        assertThat(delete("/nextPageToken/" + next(first).replaceAll(".*nextPageToken=", "").replaceAll("&.*", ""),
                line).statusCode()).as("a token holds nothing to release").isEqualTo(204);
        HttpResponse<String> second = get(next(first), line);
        assertThat((List<String>) json(second, "$[*].captureID")).containsExactly(ids.get(0));
        assertThat(second.headers().firstValue("Link")).isEmpty();
        assertQueryParameterRefused(get("/capture?perPage=1&since=yesterday", line), "unknown list parameter",
                "since", "not a parameter of capture");

        HttpResponse<String> xml = send(request("/capture/" + ids.get(0), line).header("Accept", "application/xml")
                .GET());
        assertThat(xml.statusCode()).isEqualTo(200);
        assertThat(xml.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/xml");
        assertThat(xml.body()).contains("<epcis:EPCISCaptureJob", "captureID=\"" + ids.get(0) + "\"",
                "running=\"false\"", "<captureErrorBehaviour>rollback</captureErrorBehaviour>");
        assertThat(new XsdValidator().validate(new ByteArrayInputStream(xml.body().getBytes(StandardCharsets.UTF_8))))
                .isEmpty();

        String compliance = createKey(unique("paging-compliance"), Role.COMPLIANCE);
        List<String> steps = new ArrayList<>();
        String page = "/bizSteps?perPage=1";
        for (int i = 0; page != null && i < 1000; i++) {
            HttpResponse<String> response = get(page, compliance);
            steps.addAll(json(response, "$.member"));
            page = response.headers().firstValue("Link").isPresent() ? next(response) : null;
        }
        assertThat(steps).contains("urn:example:paging:" + RUN + ":0", "urn:example:paging:" + RUN + ":2")
                .doesNotHaveDuplicates().isSorted();

        HttpResponse<String> epcs = get("/epcs?perPage=1000", compliance);
        assertThat(epcs.statusCode()).isEqualTo(200);
        assertThat(epcs.body()).contains("/21/P" + RUN + "1");
        HttpResponse<String> urns = send(request("/epcs?perPage=1000", compliance)
                .header("GS1-EPC-Format", "Always_EPC_URN").GET());
        assertThat(urns.body()).contains("urn:epc:id:sgtin:0614141.107346.P" + RUN + "1");
    }

    @Test
    void postEventsAnswersTheEventAndEventCountLimitNeedsOrderBy() throws IOException {
        String line = createKey(unique("single-line"), Role.LINE);
        String event = """
                {"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
                 "type":"ObjectEvent","eventTime":"2023-06-01T10:00:00Z","eventTimeZoneOffset":"+00:00",
                 "action":"ADD","epcList":["urn:epc:id:sgtin:0614141.107346.E%s"],"bizStep":"commissioning"}"""
                .formatted(RUN);
        HttpResponse<String> created = send(request("/events", line).header("Content-Type", "application/ld+json")
                .POST(BodyPublishers.ofString(event)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat((String) json(created, "$.type")).isEqualTo("ObjectEvent");
        assertThat((List<String>) json(created, "$.@context")).contains(
                "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld");
        String eventId = json(created, "$.eventID");
        assertThat(URLDecoder.decode(created.headers().firstValue("Location").orElseThrow(), StandardCharsets.UTF_8))
                .isEqualTo("/events/" + eventId);

        String compliance = createKey(unique("single-compliance"), Role.COMPLIANCE);
        assertQueryParameterRefused(get("/events?eventCountLimit=1", compliance), "eventCountLimit alone",
                "eventCountLimit", "needs orderBy");
        assertThat(get("/events?eventCountLimit=1&orderBy=recordTime", compliance).statusCode()).isEqualTo(200);
    }

    private static String next(HttpResponse<String> page) {
        String link = page.headers().firstValue("Link").orElseThrow();
        String url = link.substring(1, link.indexOf('>'));
        return url.substring(url.indexOf('/', url.indexOf("//") + 2));
    }
}
