package io.tracegate.gateway.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.unit.DataSize;

/**
 * Issue 9, Build 8: stored documents expire with the longest retention of the jobs naming them. The jobs are real
 * captures; their documents are copied into a store of the test's own, which a sweep then judges on a clock moved
 * forward, so that the other tests' documents are never touched.
 */
class DocumentRetentionTest extends CaptureTest {

    private static final DocumentProperties SETTINGS = new DocumentProperties(Period.ofYears(6), Period.ofDays(30),
            Duration.ofDays(1), DataSize.ofGigabytes(1));

    @Autowired
    DocumentStore shared;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path root;

    @Test
    void aDocumentIsKeptAsLongAsTheLongestRetentionOfItsJobs() throws IOException {
        String unit = sgtin("kept");
        String accepted = stored(capture(commission(unit)));
        String box = caseSgtin("box");
        String ghost = sgtin("ghost");
        HttpResponse<String> refusedJob = capture(pack(box, ghost));
        assertThat((Boolean) json(refusedJob, "$.success")).isFalse();
        String refused = stored(refusedJob);
        // the same document, refused while its units are unknown, then accepted
        String child = sgtin("child");
        String parent = caseSgtin("parent");
        Event commissioning = commission(parent, child);
        String packing = document(pack(parent, child));
        HttpResponse<String> refusedFirst = capture(packing, null);
        assertThat((Boolean) json(refusedFirst, "$.success")).isFalse();
        String sharedDocument = stored(refusedFirst);
        assertSucceeded(capture(commissioning));
        HttpResponse<String> acceptedThen = capture(packing, null);
        assertSucceeded(acceptedThen);
        assertThat(stored(acceptedThen)).isEqualTo(sharedDocument);
        String orphan = randomSha256();
        Files.createDirectories(document(orphan).getParent());
        Files.writeString(document(orphan), "an upload refused before its job was recorded");
        Path leftover = Files.writeString(root.resolve("upload-1" + DocumentStore.TEMPORARY_SUFFIX), "interrupted");
        String running = randomSha256();
        Files.createDirectories(document(running).getParent());
        Files.writeString(document(running), "a document whose job is still running");
        long runningJob = jdbc.sql("insert into capture_job (created_at, running, success, error_behaviour,"
                + " submitted_by, document_sha256, document_bytes) values (now() - interval '10 years', true, true,"
                + " 'rollback', 'test', ?, 0) returning id").param(running).query(Long.class).single();
        try {
            DocumentRetention.Sweep month = retention(Duration.ofDays(31)).sweep();

            assertThat(month.deleted()).isEqualTo(3);
            assertThat(document(refused)).doesNotExist();
            assertThat(document(orphan)).doesNotExist();
            assertThat(leftover).doesNotExist();
            assertThat(document(accepted)).exists();
            assertThat(document(sharedDocument)).as("kept for its accepted job").exists();
            assertThat(document(running)).exists();

            retention(Duration.ofDays(6 * 366 + 31)).sweep();

            assertThat(document(accepted)).doesNotExist();
            assertThat(document(sharedDocument)).doesNotExist();
            assertThat(document(running)).as("kept while its job runs").exists();
        } finally {
            jdbc.sql("delete from capture_job where id = ?").param(runningJob).update();
        }
    }

    @Test
    void aDocumentStoredAgainWhileTheSweepDeletesItIsKept() throws Exception {
        DocumentStore store = new DocumentStore(root, 0, directory -> Long.MAX_VALUE);
        DocumentRetention retention = new DocumentRetention(store, jdbc, SETTINGS, Clock.systemUTC());
        for (int round = 0; round < 30; round++) {
            byte[] bytes = ("a document no job names yet, round " + round + " " + UUID.randomUUID())
                    .getBytes(StandardCharsets.UTF_8);
            String sha256 = store.store(new ByteArrayInputStream(bytes), 1000).sha256();
            Files.setLastModifiedTime(document(sha256), FileTime.from(Instant.now().minus(Duration.ofDays(2))));
            CyclicBarrier start = new CyclicBarrier(2);
            CompletableFuture<?> sweep = CompletableFuture.runAsync(() -> {
                await(start);
                retention.sweep();
            });
            await(start);
            store.store(new ByteArrayInputStream(bytes), 1000); // its job would be recorded next
            sweep.join();

            assertThat(document(sha256)).as("round " + round).exists();
        }
    }

    /** The document of a finished job, copied into the test's store. */
    private String stored(HttpResponse<String> job) {
        String sha256 = json(job, "$.documentSha256");
        try {
            Files.createDirectories(document(sha256).getParent());
            Files.copy(shared.path(sha256), document(sha256));
        } catch (FileAlreadyExistsException again) {
            // the same document as an earlier job's
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sha256;
    }

    private DocumentRetention retention(Duration ahead) {
        return new DocumentRetention(new DocumentStore(root, 0, directory -> Long.MAX_VALUE), jdbc, SETTINGS,
                Clock.offset(Clock.systemUTC(), ahead));
    }

    private Path document(String sha256) {
        return root.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A random name in the form of a document's SHA-256. */
    private static String randomSha256() {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
    }
}
