package io.tracegate.gateway.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracegate.gateway.capture.CaptureTest;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Recalls and unit marks over HTTP: who may record them, what is refused, and concurrent writers. */
class ComplianceTest extends CaptureTest {

    private static final String GTIN = "00300010123455";

    @Test
    void aLotIsRecalledOnceEvenByConcurrentOfficers() throws Exception {
        String lot = unique("RC");
        String body = "{\"gtin\":\"" + GTIN + "\",\"lot\":\"" + lot + "\",\"reason\":\"FDA class II recall\"}";

        List<HttpResponse<String>> answers = together(6, i -> post("/recalls", complianceKey(), body));

        assertThat(answers.stream().map(HttpResponse::statusCode).toList())
                .containsExactlyInAnyOrder(201, 409, 409, 409, 409, 409);
        HttpResponse<String> created = answers.stream().filter(a -> a.statusCode() == 201).findFirst().orElseThrow();
        long id = ((Number) json(created, "$.id")).longValue();
        assertThat(created.headers().firstValue("Location")).hasValue("/recalls/" + id);
        assertThat(answers.stream().filter(a -> a.statusCode() == 409))
                .allSatisfy(a -> assertThat((String) json(a, "$.detail")).contains("already under recall " + id));
        HttpResponse<String> list = get("/recalls", complianceKey());
        assertThat((List<String>) json(list, "$[?(@.lot == '" + lot + "')].reason"))
                .containsExactly("FDA class II recall");
        assertThat((List<String>) json(list, "$[?(@.lot == '" + lot + "')].recalledBy")).singleElement()
                .satisfies(by -> assertThat(by).startsWith("compliance-"));
    }

    @Test
    void aBadRecallIsRefusedNamingTheField() {
        assertRefused("{\"gtin\":\"00300010123454\",\"lot\":\"L1\",\"reason\":\"r\"}", "gtin:");
        assertRefused("{\"gtin\":\"" + GTIN + "\",\"lot\":\"ABCDEFGHIJKLMNOPQRSTU\",\"reason\":\"r\"}", "lot:");
        assertRefused("{\"gtin\":\"" + GTIN + "\",\"reason\":\"r\"}", "lot:");
        assertRefused("{\"gtin\":\"" + GTIN + "\",\"lot\":\"L1\"}", "reason:");
        assertThat(post("/recalls", lineKey(), "{}").statusCode()).isEqualTo(403);
    }

    @Test
    void marksAreKeptWithWhoAndWhenAndTheLatestDecides() throws Exception {
        String unit = sgtin("m");
        String path = "/units/" + URLEncoder.encode(unit, StandardCharsets.UTF_8) + "/marks";
        Instant before = Instant.now().minusSeconds(1);

        List<HttpResponse<String>> marked = together(8, i -> post(path, complianceKey(),
                "{\"mark\":\"" + (i % 2 == 0 ? "suspect" : "illegitimate") + "\",\"note\":\"case " + i + "\"}"));

        assertThat(marked).allSatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(201));
        HttpResponse<String> history = get(path, complianceKey());
        List<Integer> ids = json(history, "$.marks[*].id");
        assertThat(ids).hasSize(8).isSorted();
        String last = ((List<String>) json(history, "$.marks[*].mark")).get(7);
        assertThat((String) json(history, "$.standing")).isEqualTo(last.toLowerCase());
        assertThat((List<String>) json(history, "$.marks[*].markedBy")).allSatisfy(by -> assertThat(by)
                .startsWith("compliance-"));
        assertThat((List<String>) json(history, "$.marks[*].markedAt")).allSatisfy(at -> assertThat(Instant.parse(at))
                .isAfter(before));

        // a Digital Link names the same unit; clearing ends the marks
        String link = "https://id.gs1.org/01/" + GTIN + "/21/" + unit.substring(unit.lastIndexOf('.') + 1);
        assertThat(post("/units/" + URLEncoder.encode(link, StandardCharsets.UTF_8) + "/marks", complianceKey(),
                "{\"mark\":\"cleared\"}").statusCode()).isEqualTo(201);
        assertThat((String) json(get(path, complianceKey()), "$.standing")).isEqualTo("none");
    }

    @Test
    void aBadMarkIsRefused() {
        String path = "/units/" + URLEncoder.encode(sgtin("m"), StandardCharsets.UTF_8) + "/marks";

        HttpResponse<String> unknownMark = post(path, complianceKey(), "{\"mark\":\"dubious\"}");
        HttpResponse<String> badEpc = post("/units/nonsense/marks", complianceKey(), "{\"mark\":\"suspect\"}");

        assertThat(unknownMark.statusCode()).isEqualTo(400);
        assertThat((String) json(unknownMark, "$.detail")).startsWith("mark:").contains("dubious");
        assertThat(badEpc.statusCode()).isEqualTo(400);
        assertThat(post(path, lineKey(), "{\"mark\":\"suspect\"}").statusCode()).isEqualTo(403);
    }

    private void assertRefused(String body, String field) {
        HttpResponse<String> refused = post("/recalls", complianceKey(), body);
        assertThat(refused.statusCode()).as(body).isEqualTo(400);
        assertThat((String) json(refused, "$.detail")).as(body).startsWith(field);
    }
}
