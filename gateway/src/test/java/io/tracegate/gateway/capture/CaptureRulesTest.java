package io.tracegate.gateway.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Capture refuses what the EPCIS standard forbids, event by event, with findings naming the field; documents that
 * cannot be read honestly (no context, duplicate members, numbers out of range, forbidden characters, broken UTF-8)
 * are refused whole with a reason; and JSON-LD is read whatever its member order.
 */
class CaptureRulesTest extends CaptureTest {

    @Test
    void eventsTheStandardForbidsAreRefusedNamingTheField() {
        String good = sgtin("rules");
        String noAction = objectEvent(null).epcs(sgtin("rules")).bizStep("commissioning").json();
        String noObjects = objectEvent("OBSERVE").bizStep("inspecting").json();
        String inventedStep = objectEvent("OBSERVE").epcs(sgtin("rules")).bizStep("transforming").json();
        String bareIlmd = commission(sgtin("rules")).json().replace("\"ilmd\":{", "\"ilmd\":{\"grade\":\"A\",");
        String bareField = objectEvent("OBSERVE").epcs(sgtin("rules")).json().replace("}", ",\"colour\":\"red\"}");

        HttpResponse<String> job = capture(document(List.of(noAction, noObjects, inventedStep, bareIlmd, bareField,
                commission(good).json())), "proceed");

        assertThat((Boolean) json(job, "$.success")).as(job.body()).isFalse();
        assertThat((Integer) json(job, "$.appliedCount")).as(job.body()).isEqualTo(1);
        assertFinding(job, 0, "epcis.required", "eventList[0]/action");
        assertFinding(job, 1, "epcis.identifiers", "eventList[1]/epcList");
        assertFinding(job, 2, "cbv.bizstep", "eventList[2]/bizStep");
        assertFinding(job, 3, "epcis.ilmd-namespace", "eventList[3]/ilmd/grade");
        assertFinding(job, 4, "epcis.user-field-namespace", "eventList[4]/colour");
        assertThat(status(good)).isEqualTo("active");
    }

    @Test
    void documentsThatCannotBeReadAreRefusedWholeWithTheReason() {
        String event = commission(sgtin("unreadable")).json();
        String noContext = document(commission(sgtin("unreadable"))).replaceFirst("\"@context\":\\[[^]]*],", "");
        String duplicate = document(List.of(event.replace("\"action\":\"ADD\"",
                "\"action\":\"ADD\",\"action\":\"ADD\"")));
        String hugeQuantity = document(List.of(objectEvent("OBSERVE").json().replace("}", ",\"quantityList\":"
                + "[{\"epcClass\":\"urn:epc:class:lgtin:030001.0012345.L1\",\"quantity\":1e99999999}]}")));
        String nul = document(List.of(event.replace("\"bizStep\":\"commissioning\"",
                "\"bizStep\":\"commis\\u0000sioning\"")));

        assertUnreadable(noContext.getBytes(StandardCharsets.UTF_8), "has no @context");
        assertUnreadable(duplicate.getBytes(StandardCharsets.UTF_8), "Duplicate field 'action'");
        assertUnreadable(hugeQuantity.getBytes(StandardCharsets.UTF_8), "quantity");
        assertUnreadable(nul.getBytes(StandardCharsets.UTF_8), "U+0000");
        byte[] overlong = document(List.of(event.replace("\"A", "\"A\u00C0\u00AF")))
                .getBytes(StandardCharsets.ISO_8859_1);     // C0 AF: an overlong '/'
        assertUnreadable(overlong, "invalid UTF-8");
    }

    @Test
    void aContextAfterTheBodyAndARedefinedPrefixKeepEveryNamespace() {
        String unit = sgtin("late-context");
        String id = "urn:uuid:" + UUID.randomUUID();
        String event = commission(unit).json().replace("cbvmda:", "mda:").replace("\"ilmd\":{", "\"eventID\":\""
                + id + "\",\"ilmd\":{\"cbvmda:grossWeight\":\"3.5\",")
                .replaceFirst("}$", ",\"ext1:reading\":{\"@type\":\"xsd:integer\",\"@unit\":\"kg\",\"@value\":\"10\"},"
                        + "\"extension\":{\"ext1:wrapped\":\"inside\"}}");
        String document = "{\"type\":\"EPCISDocument\",\"schemaVersion\":\"2.0\","
                + "\"creationDate\":\"2024-01-01T00:00:00Z\",\"epcisBody\":{\"eventList\":[" + event + "]},"
                + "\"@context\":[\"" + EPCIS_CONTEXT + "\",{\"cbvmda\":\"http://example.com/cbvmda/\",\"mda\":\"urn:epcglobal:cbv:mda:\","
                + "\"ext1\":\"http://example.com/ext1/\"}]}";

        assertSucceeded(capture(document, null));

        HttpResponse<String> json = get("/events/" + URLEncoder.encode(id, StandardCharsets.UTF_8), complianceKey());
        assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
        assertThat(json.body()).contains("http://example.com/cbvmda/", "http://example.com/ext1/", "T100",
                "\"@unit\"", "\"@value\"", "inside").doesNotContain("\"extension\"");
        HttpResponse<String> xml = send(request("/events/" + URLEncoder.encode(id, StandardCharsets.UTF_8),
                complianceKey()).header("Accept", "application/xml"));
        assertThat(xml.statusCode()).as(xml.body()).isEqualTo(200);
        assertThat(xml.body()).contains("=\"http://example.com/cbvmda/\"", "=\"http://example.com/ext1/\"",
                "unit=\"kg\"", "xsi:type=\"xsd:integer\"").doesNotContainPattern("<extension>\\s*<extension>");
    }

    private void assertFinding(HttpResponse<String> job, int event, String rule, String path) {
        List<String> paths = json(job, "$.errors[?(@.eventIndex == " + event + ")].findings[?(@.rule == '" + rule
                + "')].path");
        assertThat(paths).as(job.body()).contains(path);
    }

    private void assertUnreadable(byte[] document, String reason) {
        HttpResponse<String> accepted = send(request("/capture", lineKey())
                .header("Content-Type", "application/ld+json").POST(BodyPublishers.ofByteArray(document)));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        HttpResponse<String> job = awaitJob(accepted.headers().firstValue("Location").orElseThrow());
        assertThat((Boolean) json(job, "$.success")).as(job.body()).isFalse();
        assertThat((Integer) json(job, "$.errors[0].status")).as(job.body()).isEqualTo(400);
        assertThat((String) json(job, "$.errors[0].detail")).as(job.body()).contains("could not be read", reason);
    }
}
