package io.tracegate.gateway.capture;

import io.tracegate.gateway.config.DaemonThreads;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Deletes stored capture documents whose retention ended ({@code tracegate.documents.*}): a document is kept
 * {@code keep-accepted} after the end of an accepted job naming it (some or all of its events captured),
 * {@code keep-refused} after the end of a refused one, as long as the longest when several jobs name it, and always
 * while one of them runs. Files no job names (an upload refused before its job was recorded) and the leftovers of
 * interrupted uploads go once they are a day old. A sweep walks the files, not the jobs: it deletes what is on this
 * instance's disk, and a document stored again within the last day is kept (its job may not be recorded yet).
 */
@Component
class DocumentRetention {

    private static final Logger log = LoggerFactory.getLogger(DocumentRetention.class);
    private static final Pattern DOCUMENT = Pattern.compile("[0-9a-f]{64}");
    /** Longer than an upload's pauses, and than reading a large document for a limited key before its job exists. */
    static final Duration GRACE = Duration.ofDays(1);
    private static final int BATCH = 1000;
    private static final int PROGRESS_EVERY = 10_000;

    private final DocumentStore documents;
    private final JdbcClient jdbc;
    private final DocumentProperties settings;
    private final Clock clock;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("document-retention"));

    DocumentRetention(DocumentStore documents, JdbcClient jdbc, DocumentProperties settings, Clock clock) {
        this.documents = documents;
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    /** What one sweep did. */
    record Sweep(int checked, int deleted, long bytesFreed) {
    }

    @EventListener(ApplicationReadyEvent.class)
    void schedule() {
        sweeper.scheduleWithFixedDelay(this::sweepLogged, 60_000, settings.sweepInterval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        sweeper.shutdownNow();
    }

    private void sweepLogged() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.error("Document retention sweep failed; the next runs in {}", settings.sweepInterval(), e);
        }
    }

    /** Deletes every expired document of this instance's store. */
    synchronized Sweep sweep() {
        Instant now = clock.instant();
        Instant storedBefore = now.minus(GRACE);
        long started = System.nanoTime();
        log.info("Document retention sweep: keeping documents of accepted jobs {}, of refused jobs {}",
                settings.keepAccepted(), settings.keepRefused());
        int checked = 0;
        int deleted = 0;
        long freed = 0;
        try (Stream<Path> files = documents.files()) {
            Iterator<Path> iterator = files.iterator();
            while (iterator.hasNext()) {
                List<Path> batch = new ArrayList<>(BATCH);
                while (iterator.hasNext() && batch.size() < BATCH) {
                    batch.add(iterator.next());
                }
                Map<String, Instant> keptUntil = keptUntil(batch);
                for (Path file : batch) {
                    long bytes = expire(file, keptUntil, now, storedBefore);
                    if (bytes >= 0) {
                        deleted++;
                        freed += bytes;
                    }
                    if (++checked % PROGRESS_EVERY == 0) {
                        log.info("Document retention sweep: {} files checked, {} deleted ({} freed)", checked,
                                deleted, DocumentStore.megabytes(freed));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log.info("Document retention sweep done in {} ms: {} files checked, {} deleted ({} freed)",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), checked, deleted,
                DocumentStore.megabytes(freed));
        return new Sweep(checked, deleted, freed);
    }

    /** @return the bytes freed by deleting the file, or -1 when it stays */
    private long expire(Path file, Map<String, Instant> keptUntil, Instant now, Instant storedBefore)
            throws IOException {
        try {
            return expireOrKeep(file, keptUntil, now, storedBefore);
        } catch (NoSuchFileException gone) { // an upload's temporary file renamed into place meanwhile
            return -1;
        }
    }

    private long expireOrKeep(Path file, Map<String, Instant> keptUntil, Instant now, Instant storedBefore)
            throws IOException {
        String name = file.getFileName().toString();
        if (DOCUMENT.matcher(name).matches()) {
            Instant until = keptUntil.get(name);
            boolean expired = until == null || until.isBefore(now); // no job names it: stored, then refused
            return expired ? documents.deleteUnlessStoredSince(name, storedBefore) : -1;
        }
        if (name.endsWith(DocumentStore.EXPIRING_SUFFIX)) { // a sweep stopped while deleting it: judge it again
            Path document = file.resolveSibling(name.substring(0, name.length()
                    - DocumentStore.EXPIRING_SUFFIX.length()));
            Files.move(file, document, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return -1;
        }
        if (name.endsWith(DocumentStore.TEMPORARY_SUFFIX)
                && Files.getLastModifiedTime(file).toInstant().isBefore(storedBefore)) {
            long bytes = Files.size(file);
            return Files.deleteIfExists(file) ? bytes : -1;
        }
        return -1;
    }

    /**
     * Until when each document of the batch is kept; a document no job names is absent, one a running job names is
     * kept for ever (until that job ends).
     */
    private Map<String, Instant> keptUntil(List<Path> files) {
        String[] names = files.stream().map(file -> file.getFileName().toString())
                .filter(name -> DOCUMENT.matcher(name).matches()).toArray(String[]::new);
        Map<String, Instant> until = new HashMap<>();
        if (names.length == 0) {
            return until;
        }
        Period accepted = settings.keepAccepted();
        Period refused = settings.keepRefused();
        jdbc.sql("select document_sha256, bool_or(running) as running, max(coalesce(finished_at, created_at)"
                        + " + case when success or applied_count > 0 then make_interval(years => ?, months => ?,"
                        + " days => ?) else make_interval(years => ?, months => ?, days => ?) end) as kept_until"
                        + " from capture_job where document_sha256 = any(?) group by document_sha256")
                .params(accepted.getYears(), accepted.getMonths(), accepted.getDays(), refused.getYears(),
                        refused.getMonths(), refused.getDays(), names)
                .query(rs -> {
                    until.put(rs.getString("document_sha256"), rs.getBoolean("running") ? Instant.MAX
                            : rs.getTimestamp("kept_until").toInstant());
                });
        return until;
    }
}
