package io.tracegate.gateway.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The capture interface: jobs, error behaviours, duplicates, headers. */
class CaptureApiTest extends CaptureTest {

    @Test
    void aCapturedDocumentIsAcceptedAsAJobThatSucceeds() {
        String unit = sgtin("api");

        HttpResponse<String> accepted = postDocument(document(commission(unit)), lineKey(), null);

        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(accepted.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).startsWith("/capture/"));
        assertThat(accepted.headers().firstValue("GS1-EPCIS-Capture-Limit")).hasValue("10000000");
        assertThat(accepted.headers().firstValue("GS1-EPCIS-Capture-File-Size-Limit")).isPresent();
        HttpResponse<String> job = awaitJob(accepted.headers().firstValue("Location").orElseThrow());
        assertSucceeded(job);
        assertThat((String) json(job, "$.captureErrorBehaviour")).isEqualTo("rollback");
        assertThat((Integer) json(job, "$.appliedCount")).isEqualTo(1);
        assertThat((String) json(job, "$.documentSha256")).hasSize(64);
        assertThat((String) json(job, "$.finishedAt")).isNotNull();
        assertThat(status(unit)).isEqualTo("active");
    }

    @Test
    void rollbackCapturesNothingWhenOneEventIsRefused() {
        String fresh = sgtin("rb");
        String again = sgtin("rb");
        capture(commission(again));

        HttpResponse<String> job = capture(document(commission(fresh), commission(again)), "rollback");

        assertRefused(job, again, "lifecycle.duplicate-commission");
        assertThat((Integer) json(job, "$.errors[0].eventIndex")).isEqualTo(1);
        assertThat(trace(fresh).statusCode()).isEqualTo(404);
    }

    @Test
    void proceedCapturesTheValidEventsAndReportsTheOthers() {
        String fresh = sgtin("pr");
        String again = sgtin("pr");
        capture(commission(again));

        HttpResponse<String> job = capture(document(commission(fresh), commission(again)), "proceed");

        assertRefused(job, again, "lifecycle.duplicate-commission");
        assertThat((String) json(job, "$.captureErrorBehaviour")).isEqualTo("proceed");
        assertThat((Boolean) json(job, "$.running")).isFalse();
        assertThat((Integer) json(job, "$.appliedCount")).isEqualTo(1);
        assertThat(status(fresh)).isEqualTo("active");
    }

    @Test
    void aRepostedDocumentIsIdempotent() {
        String unit = sgtin("dup");
        String doc = document(commission(unit), ship(unit));
        assertSucceeded(capture(doc, null));

        HttpResponse<String> again = capture(doc, null);

        assertSucceeded(again);
        assertThat((Integer) json(again, "$.appliedCount")).isZero();
        assertThat((Integer) json(again, "$.duplicateCount")).isEqualTo(2);
        HttpResponse<String> trace = trace(unit);
        assertThat((List<?>) json(trace, "$.events")).hasSize(2);
        assertThat((String) json(trace, "$.status")).isEqualTo("in_transit");
    }

    @Test
    void anUnreadableDocumentFailsItsJob() {
        HttpResponse<String> job = capture("{\"type\":\"EPCISDocument\",\"epcisBody\":{\"eventList\":[{\"type\":",
                null);

        assertThat((Boolean) json(job, "$.success")).isFalse();
        assertThat((String) json(job, "$.errors[0].type")).isEqualTo("epcisException:ValidationException");
        assertThat((String) json(job, "$.errors[0].detail")).contains("could not be read");
    }

    @Test
    void aRefusedEventListsItsFirstFindings() {
        String[] ghosts = new String[25];
        for (int i = 0; i < ghosts.length; i++) {
            ghosts[i] = sgtin("ghost");
        }

        HttpResponse<String> job = capture(document(ship(ghosts)), null);

        assertThat((List<?>) json(job, "$.errors[0].findings")).hasSize(10);
        assertThat((String) json(job, "$.errors[0].detail")).contains("24 more findings").contains("first 10");
    }

    @Test
    void anUnknownBehaviourIsRefused() {
        HttpResponse<String> response = postDocument(document(commission(sgtin("bh"))), lineKey(), "sometimes");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat((String) json(response, "$.detail")).contains("GS1-Capture-Error-Behaviour");
    }

    @Test
    void jobsAreListed() {
        capture(commission(sgtin("list")));

        HttpResponse<String> jobs = get("/capture", lineKey());

        assertThat(jobs.statusCode()).isEqualTo(200);
        assertThat((List<?>) json(jobs, "$[*].captureID")).isNotEmpty();
    }

    @Test
    void anUnknownJobIsNotFound() {
        assertThat(get("/capture/999999999", lineKey()).statusCode()).isEqualTo(404);
        assertThat(get("/capture/nope", lineKey()).statusCode()).isEqualTo(404);
    }
}
