package io.tracegate.gateway.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracegate.gateway.capture.CaptureTest;
import io.tracegate.gateway.security.Role;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The audit trail: what is recorded for captures, keys and master data; the chain and its verification; the
 * database's refusal to change or remove records; concurrent appends.
 */
class AuditTrailTest extends CaptureTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditTrail trail;

    @Test
    void capturesKeysAndMasterDataAreRecordedAndTheChainHolds() {
        HttpResponse<String> job = capture(commission(sgtin("audit")));
        assertSucceeded(job);
        String id = json(job, "$.captureID");
        String sha = json(job, "$.documentSha256");
        HttpResponse<String> records = get("/audit?object=capture:" + id, complianceKey());
        assertThat(records.statusCode()).as(records.body()).isEqualTo(200);
        assertThat((List<String>) json(records, "$.records[*].action")).containsExactly("capture.committed");
        assertThat((List<String>) json(records, "$.records[0].objectIds")).contains("capture:" + id,
                "document:" + sha);
        assertThat((String) json(records, "$.records[0].payloadSha256")).isEqualTo(sha);

        String name = unique("audited");
        createKey(name, Role.LINE);
        assertThat(delete("/admin/keys/" + name, ADMIN_KEY).statusCode()).isEqualTo(204);
        HttpResponse<String> keyRecords = get("/audit?object=key:" + name, complianceKey());
        assertThat((List<String>) json(keyRecords, "$.records[*].action")).containsExactly("key.created",
                "key.revoked");
        assertThat((List<String>) json(keyRecords, "$.records[*].actor")).containsOnly("admin");

        HttpResponse<String> put = send(request("/masterdata/products/" + OwnProduct.GTIN, ADMIN_KEY)
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\":\"Audited product\"}")));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat((List<String>) json(get("/audit?object=product:" + OwnProduct.GTIN, complianceKey()),
                "$.records[*].action")).contains("masterdata.product");

        HttpResponse<String> verify = get("/audit/verify", complianceKey());
        assertThat(verify.statusCode()).isEqualTo(200);
        assertThat((Boolean) json(verify, "$.intact")).as(verify.body()).isTrue();
        assertThat(((Number) json(verify, "$.records")).longValue()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void listsByTimeAndPagesOn() {
        trail.record("tester", "test.paged", List.of("paged:1"), null);
        trail.record("tester", "test.paged", List.of("paged:1"), null);
        HttpResponse<String> first = get("/audit?object=paged:1&limit=1&from=2000-01-01", complianceKey());
        assertThat((List<?>) json(first, "$.records")).hasSize(1);
        String next = json(first, "$.next");
        HttpResponse<String> second = get(next, complianceKey());
        assertThat((List<?>) json(second, "$.records")).hasSize(1);
        assertThat(((Number) json(second, "$.records[0].seq")).longValue())
                .isGreaterThan(((Number) json(first, "$.records[0].seq")).longValue());
        assertThat((List<?>) json(get("/audit?object=paged:1&to=2000-01-01", complianceKey()), "$.records"))
                .isEmpty();
        HttpResponse<String> bad = get("/audit?from=yesterday", complianceKey());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat((String) json(bad, "$.detail")).contains("from", "yesterday");
        assertThat(get("/audit", createKey(unique("line"), Role.LINE)).statusCode()).isEqualTo(403);
    }

    @Test
    void theDatabaseRefusesToChangeOrRemoveRecords() {
        AuditRecord record = trail.record("tester", "test.immutable", List.of("immutable:1"), null);
        assertThatThrownBy(() -> jdbc.sql("update audit_record set actor = 'mallory' where seq = ?")
                .param(record.seq()).update()).rootCause().hasMessageContaining("append-only: UPDATE");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_record where seq = ?").param(record.seq()).update())
                .rootCause().hasMessageContaining("append-only: DELETE");
        assertThatThrownBy(() -> jdbc.sql("truncate audit_record").update()).rootCause()
                .hasMessageContaining("append-only: TRUNCATE");
        assertThat(jdbc.sql("select actor from audit_record where seq = ?").param(record.seq()).query(String.class)
                .single()).isEqualTo("tester");
    }

    @Test
    void verifyNamesTheFirstTamperedRecord() {
        AuditRecord changed = trail.record("tester", "test.tampered", List.of("tampered:1"), null);
        AuditRecord removed = trail.record("tester", "test.tampered", List.of("tampered:2"), null);
        trail.record("tester", "test.tampered", List.of("tampered:3"), null);
        try {
            tamper("update audit_record set object_ids = '{tampered:9}' where seq = " + changed.seq());
            HttpResponse<String> verify = get("/audit/verify", complianceKey());
            assertThat((Boolean) json(verify, "$.intact")).as(verify.body()).isFalse();
            assertThat(((Number) json(verify, "$.brokenAt")).longValue()).isEqualTo(changed.seq());
            assertThat((String) json(verify, "$.problem")).contains("was changed");
        } finally {
            tamper("update audit_record set object_ids = '{tampered:1}' where seq = " + changed.seq());
        }
        assertThat(trail.verify().intact()).isTrue();
        try {
            tamper("delete from audit_record where seq = " + removed.seq());
            AuditTrail.ChainCheck check = trail.verify();
            assertThat(check.intact()).isFalse();
            assertThat(check.brokenAt()).isEqualTo(removed.seq() + 1);
            assertThat(check.problem()).contains("record " + removed.seq() + " is missing");
        } finally {
            tamper("insert into audit_record values (" + removed.seq() + ", '" + removed.recordedAt() + "', 'tester',"
                    + " 'test.tampered', '{tampered:2}', null, '" + removed.previousHash() + "', '" + removed.hash()
                    + "')");
        }
        assertThat(trail.verify().intact()).isTrue();
    }

    /** Runs a statement on the trail with its append-only trigger off, as someone with the owner's rights could. */
    private void tamper(String sql) {
        jdbc.sql("alter table audit_record disable trigger audit_record_append_only").update();
        try {
            jdbc.sql(sql).update();
        } finally {
            jdbc.sql("alter table audit_record enable trigger audit_record_append_only").update();
        }
    }

    @Test
    void concurrentAppendsDoNotForkTheChain() throws Exception {
        int writers = 8;
        CyclicBarrier start = new CyclicBarrier(writers);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<List<AuditRecord>>> appended = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                appended.add(pool.submit(() -> {
                    List<AuditRecord> mine = new ArrayList<>();
                    start.await();
                    for (int i = 0; i < 5; i++) {
                        mine.add(trail.record("writer-" + writer, "test.concurrent", List.of("concurrent:" + i),
                                null));
                    }
                    return mine;
                }));
            }
            List<Long> seqs = new ArrayList<>();
            for (Future<List<AuditRecord>> f : appended) {
                f.get().forEach(r -> seqs.add(r.seq()));
            }
            long low = seqs.stream().mapToLong(Long::longValue).min().orElseThrow();
            assertThat(seqs).hasSize(writers * 5).doesNotHaveDuplicates();
            List<AuditRecord> stored = trail.list(null, null, null, low - 1, 1000).stream()
                    .filter(r -> r.action().equals("test.concurrent")).toList();
            assertThat(stored).hasSize(writers * 5);
            // one chain: every record's previous hash is the hash of the record just before it
            List<AuditRecord> around = trail.withNeighbours(stored);
            for (int i = 1; i < around.size(); i++) {
                if (around.get(i).seq() == around.get(i - 1).seq() + 1) {
                    assertThat(around.get(i).previousHash()).isEqualTo(around.get(i - 1).hash());
                }
            }
            assertThat(LongStream.range(low, low + writers * 5).boxed().toList()).containsAll(seqs);
            assertThat(trail.verify().intact()).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCanonicalFormAnyoneCanRecompute() {
        AuditRecord record = trail.record("tester", "test.canonical", List.of("canonical:\"quoted\""), "ab".repeat(32));
        String canonical = new String(record.canonicalBytes(), StandardCharsets.UTF_8);
        assertThat(canonical).isEqualTo("{\"seq\":" + record.seq() + ",\"recordedAt\":\"" + record.recordedAt()
                + "\",\"actor\":\"tester\",\"action\":\"test.canonical\",\"objectIds\":[\"canonical:\\\"quoted\\\"\"],"
                + "\"payloadSha256\":\"" + "ab".repeat(32) + "\",\"previousHash\":\"" + record.previousHash() + "\"}");
        HttpResponse<String> listed = get("/audit?object=" + URLEncoder.encode("canonical:\"quoted\"",
                StandardCharsets.UTF_8), complianceKey());
        assertThat((String) json(listed, "$.records[0].hash")).isEqualTo(record.hash());
    }
}
