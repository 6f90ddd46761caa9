package io.tracegate.gateway.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracegate.gateway.security.Role;
import java.net.http.HttpResponse;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Issue 9: a capture job belongs to its key's id, not its name, which a new key may take once the old is revoked. */
class CaptureJobOwnerTest extends CaptureTest {

    private static final String SCHEMA = "migration_probe_v10";

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void dropSchema() {
        jdbc.sql("drop schema if exists " + SCHEMA + " cascade").update();
    }

    @Test
    void aNewKeyWithARevokedKeysNameDoesNotSeeItsJobs() {
        String name = unique("reused");
        String revoked = createKey(name, Role.LINE);
        String oldJob = postDocument(document(commission(sgtin("old"))), revoked, null).headers()
                .firstValue("Location").orElseThrow();
        assertThat(delete("/admin/keys/" + name, ADMIN_KEY).statusCode()).isEqualTo(204);

        String successor = createKey(name, Role.LINE);
        String newJob = postDocument(document(commission(sgtin("new"))), successor, null).headers()
                .firstValue("Location").orElseThrow();

        assertThat(get(oldJob, successor).statusCode()).isEqualTo(404);
        HttpResponse<String> listed = get("/capture", successor);
        List<String> ids = json(listed, "$[*].captureID");
        assertThat(ids).containsExactly(newJob.substring("/capture/".length()));
        assertThat(get(oldJob, complianceKey()).statusCode()).as("COMPLIANCE still sees every job").isEqualTo(200);
    }

    @Test
    void jobsFromBeforeKeyIdsBelongToTheKeyOfTheirNameActiveWhenTheyWereCreated() {
        Flyway.configure().dataSource(dataSource).schemas(SCHEMA).locations("classpath:db/migration").target("8")
                .load().migrate();
        // line-1 was revoked at 10:00 and its name given to a new key at 11:00
        long first = key("line-1", "09:00", "10:00");
        long second = key("line-1", "11:00", null);
        long other = key("line-2", "08:00", null);
        job("line-1", "09:30");
        job("line-1", "11:30");
        job("line-2", "09:30");
        job("line-1", "10:30"); // between the two: no line-1 key was active
        job("gone", "09:30");

        Flyway.configure().dataSource(dataSource).schemas(SCHEMA).locations("classpath:db/migration").load()
                .migrate();

        assertThat(jdbc.sql("select coalesce(api_key_id, 0) from " + SCHEMA + ".capture_job order by id")
                .query(Long.class).list()).containsExactly(first, second, other, 0L, 0L);
    }

    private long key(String name, String created, String revoked) {
        return jdbc.sql("insert into " + SCHEMA + ".api_key (name, key_hash, roles, created_at, revoked_at)"
                        + " values (?, gen_random_uuid()::text::bytea, '{LINE}', ?::timestamptz,"
                        + " cast(? as timestamptz)) returning id")
                .params(name, "2026-01-01T" + created + ":00Z", revoked == null ? null : "2026-01-01T" + revoked
                        + ":00Z")
                .query(Long.class).single();
    }

    private void job(String submittedBy, String created) {
        jdbc.sql("insert into " + SCHEMA + ".capture_job (created_at, running, success, error_behaviour,"
                        + " submitted_by, document_sha256, document_bytes)"
                        + " values (?::timestamptz, false, true, 'rollback', ?, 'x', 0)")
                .params("2026-01-01T" + created + ":00Z", submittedBy).update();
    }
}
