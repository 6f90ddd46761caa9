package io.tracegate.gateway.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A running job shows how many events it has read; its row's counts take over when it ends. */
class CaptureProgressTest extends CaptureTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CaptureProgress progress;

    @Test
    void aRunningJobShowsTheEventsReadSoFar() {
        long id = jdbc.sql("insert into capture_job (created_at, running, success, error_behaviour, submitted_by,"
                + " document_sha256, document_bytes) values (now(), true, true, 'rollback', 'someone', 'x', 0)"
                + " returning id").query(Long.class).single();
        try {
            progress.started(id).set(4242);

            HttpResponse<String> job = get("/capture/" + id, complianceKey());
            assertThat((Boolean) json(job, "$.running")).isTrue();
            assertThat((Integer) json(job, "$.eventCount")).isEqualTo(4242);
            assertThat(job.body()).as("the bindings' schema has no null finishedAt").doesNotContain("finishedAt");
            List<Integer> listed = json(get("/capture", complianceKey()),
                    "$[?(@.captureID == '" + id + "')].eventCount");
            assertThat(listed).containsExactly(4242);
        } finally {
            progress.ended(id);
        }
        assertThat((Integer) json(get("/capture/" + id, complianceKey()), "$.eventCount")).isZero();
    }

    @Test
    void aFinishedJobShowsItsOwnCounts() {
        HttpResponse<String> job = capture(commission(sgtin("p")), commission(sgtin("p")));

        assertThat((Boolean) json(job, "$.running")).isFalse();
        assertThat((Integer) json(job, "$.eventCount")).isEqualTo(2);
        long id = Long.parseLong(json(job, "$.captureID"));
        CaptureJob asIfRunning = new CaptureJob(id, String.valueOf(id), null, null, true, true, "rollback", "enforce",
                List.of(), 7, 0, 0, "x", 0, 1);
        assertThat(progress.withProgress(asIfRunning).eventCount()).as("the job is no longer registered as running")
                .isEqualTo(7);
    }
}
