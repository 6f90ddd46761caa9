package io.tracegate.gateway.capture;

import io.tracegate.epcis.io.EpcisFormat;
import io.tracegate.epcis.io.EpcisReadException;
import io.tracegate.epcis.io.EpcisReader;
import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.epcis.model.MasterData;
import io.tracegate.epcis.validation.EventRules;
import io.tracegate.epcis.validation.SchemaLayer;
import io.tracegate.gateway.compliance.AuditTrail;
import io.tracegate.gateway.config.DaemonThreads;
import io.tracegate.gateway.config.TracegateProperties;
import io.tracegate.gateway.masterdata.MasterDataStore;
import io.tracegate.gateway.ops.CaptureMetrics;
import io.tracegate.gateway.problem.EpcisProblemType;
import io.tracegate.gateway.security.ApiPrincipal;
import io.tracegate.gateway.serials.ActingKey;
import io.tracegate.gateway.serials.LifecycleFinding;
import io.tracegate.gateway.serials.LifecycleMode;
import io.tracegate.gateway.serials.SerialLifecycle;
import io.tracegate.gateway.serials.SerialStore;
import io.tracegate.gs1.epc.Epc;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Runs one capture job: streams the stored document event by event through the epcis-model reader, checks every
 * identifier, recognises events already captured by their hash, applies the rest to the serial store in batches
 * and writes them with COPY, all in ONE transaction. {@code rollback}: any refused event rolls everything back;
 * {@code proceed}: refused events are skipped and reported. A document that cannot be read, or has more events than
 * the capture limit, is rolled back whatever the behaviour. The job row is finished in the same transaction that
 * commits the events, so a crash leaves either everything or nothing, and a job still {@code running}.
 */
@Component
class CaptureProcessor {

    private static final Logger log = LoggerFactory.getLogger(CaptureProcessor.class);
    /** Refused events reported one by one; beyond, one summary entry says how many more. */
    private static final int MAX_REPORTED = 1000;
    /** Findings listed per refused event: a 1,000-EPC event of bad serials must not make a 100 MB job report. */
    private static final int MAX_FINDINGS = 10;
    /** Identifiers checked and prepared per task of the preparation pool: large enough to make a task's cost small. */
    private static final int CHUNK_IDENTIFIERS = 4096;
    /**
     * Identifiers from which a batch under {@code rollback} writes its events on a second connection (see
     * {@link EventTransaction}): below, two-phase commit costs more than it saves.
     */
    private static final int TWO_CONNECTIONS_FROM = 20_000;
    /** Runs of a job that collides with concurrent captures before it is failed (see {@link #run}). */
    private static final int MAX_ATTEMPTS = 5;

    private final DataSource dataSource;
    private final DocumentStore documents;
    private final CaptureJobs jobs;
    private final EventStore events;
    private final SerialLifecycle lifecycle;
    private final MasterDataStore masterData;
    private final TracegateProperties.Capture limits;
    private final Clock clock;
    private final CaptureMetrics metrics;
    private final CaptureProgress progress;
    private final AuditTrail audit;
    /** Resolved at each commit: listeners may depend on the capture service, which depends on this. */
    private final ObjectProvider<CaptureListener> listeners;
    // Checking identifiers and preparing events (hash, canonical keys) is most of a capture's own CPU work, and the
    // database waits for it: spread over the cores, while the job's thread reads the document on.
    private final ExecutorService preparation;
    /** The XSD / JSON Schema pass before the events, with {@code tracegate.capture.validation=schema}; else null. */
    private final SchemaLayer schema;
    private volatile Boolean twoConnections;

    CaptureProcessor(DataSource dataSource, DocumentStore documents, CaptureJobs jobs, EventStore events,
            SerialLifecycle lifecycle, MasterDataStore masterData, TracegateProperties properties, Clock clock,
            CaptureMetrics metrics, CaptureProgress progress, ObjectProvider<CaptureListener> listeners,
            AuditTrail audit) {
        this.dataSource = dataSource;
        this.documents = documents;
        this.jobs = jobs;
        this.events = events;
        this.lifecycle = lifecycle;
        this.masterData = masterData;
        this.limits = properties.capture();
        this.clock = clock;
        this.metrics = metrics;
        this.progress = progress;
        this.audit = audit;
        this.listeners = listeners;
        try {
            this.schema = limits.validation() == TracegateProperties.Validation.SCHEMA ? SchemaLayer.bundled() : null;
        } catch (IOException e) {
            throw new UncheckedIOException("the bundled EPCIS schemas cannot be loaded", e);
        }
        this.preparation = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), DaemonThreads.named("capture-prepare"));
    }

    @PreDestroy
    void stop() {
        preparation.shutdownNow();
    }

    /** What a job did. {@code eventIds} are those of the events applied or recognised as already captured. */
    record Outcome(boolean success, List<CaptureError> errors, int events, int applied, int duplicates,
                   List<String> eventIds) {
    }

    /**
     * Runs a job whose document may hold at most {@code maxEvents} events (more: nothing is captured), for the
     * caller {@code caller} (whose key's limits the lifecycle rules apply to what the events change). A job that collides with
     * concurrent captures of the same units (a deadlock between their row locks, or both creating the same new
     * container) is rolled back and run again from its stored document, a few times.
     */
    Outcome run(long jobId, String sha256, boolean proceed, long maxEvents, ApiPrincipal caller, LifecycleMode mode) {
        long started = System.nanoTime();
        AtomicInteger read = progress.started(jobId);
        Run run = null;
        Outcome outcome;
        try {
            for (int attempt = 1; ; attempt++) {
                run = new Run(jobId, maxEvents, proceed, caller, mode, read);
                try {
                    outcome = run(run, sha256, proceed);
                    break;
                } catch (ConcurrentCaptureConflict conflict) {
                    if (attempt == MAX_ATTEMPTS) {
                        outcome = conflicted(jobId, sha256, run, conflict);
                        break;
                    }
                    log.info("Capture job {} collided with a concurrent capture ({}); attempt {} of {}", jobId,
                            conflict.getMessage(), attempt + 1, MAX_ATTEMPTS);
                    pause(attempt);
                }
            }
        } finally {
            progress.ended(jobId);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        metrics.jobFinished(outcome.success(), outcome.applied(), outcome.applied() == 0 ? 0 : run.epcs,
                run.refused, Duration.ofMillis(millis));
        log.info("Capture job {}: {} events, {} applied, {} already captured, {} errors, success {}, in {} ms", jobId,
                outcome.events(), outcome.applied(), outcome.duplicates(), outcome.errors().size(), outcome.success(),
                millis);
        return outcome;
    }

    /** A random pause that grows with the attempt, so that two colliding jobs do not collide again in step. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(10, 50L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Outcome conflicted(long jobId, String sha256, Run run, ConcurrentCaptureConflict conflict) {
        CaptureError error = new CaptureError(EpcisProblemType.IMPLEMENTATION.uri().toString(), "Capture conflict",
                503, "the capture collided " + MAX_ATTEMPTS + " times with concurrent captures of the same units ("
                + conflict.getMessage() + "); nothing was captured: post the document again", "/capture/" + jobId,
                null, null, null);
        finishFailed(jobId, sha256, run, error);
        return new Outcome(false, List.of(error), run.count, 0, 0, List.of());
    }

    private Outcome run(Run run, String sha256, boolean proceed) throws ConcurrentCaptureConflict {
        long jobId = run.jobId;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                boolean readable = run.read(connection, sha256);
                boolean commit = readable && (proceed || run.errors.isEmpty());
                List<CaptureError> reported = run.reported();
                if (commit) {
                    jobs.finish(connection, jobId, reported.isEmpty(), reported, run.count, run.applied,
                            run.duplicates, run.eventTransaction != null);
                    CommittedCapture committed = new CommittedCapture(jobId, run.caller, run.mode, sha256,
                            run.committed);
                    for (CaptureListener listener : listeners.orderedStream().toList()) {
                        listener.committing(connection, committed);
                    }
                    // last before the commit: the append holds the audit trail until then
                    audit.record(connection, run.key.name(), "capture.committed", auditObjects(jobId, sha256),
                            sha256);
                    run.commit(connection);
                    for (CaptureListener listener : listeners.orderedStream().toList()) {
                        try {
                            listener.committed(committed);
                        } catch (RuntimeException e) {
                            // the job has committed: a listener that cannot act now (stopping, say) does not undo it
                            log.warn("Capture job {} committed; a listener could not be told: {}", jobId,
                                    e.toString());
                        }
                    }
                    return new Outcome(reported.isEmpty(), reported, run.count, run.applied, run.duplicates,
                            run.eventIds);
                }
                connection.rollback();
                jobs.finish(connection, jobId, false, reported, run.count, 0, 0);
                audit.record(connection, run.key.name(), "capture.refused", auditObjects(jobId, sha256), sha256);
                connection.commit();
                return new Outcome(false, reported, run.count, 0, 0, List.of());
            } finally {
                run.endEvents();
            }
        } catch (Exception | OutOfMemoryError e) {
            // the working set of a batch is garbage now: even after running out of heap, the job can be failed
            run.batch.clear();
            run.chunk.clear();
            run.preparing.forEach(task -> task.cancel(true));
            String conflict = ConcurrentCaptureConflict.stateOf(e);
            if (conflict != null) {
                throw new ConcurrentCaptureConflict(conflict, e);
            }
            String incident = UUID.randomUUID().toString();
            log.error("Capture job {} failed, incident {}", jobId, incident, e);
            CaptureError error = new CaptureError(EpcisProblemType.IMPLEMENTATION.uri().toString(),
                    EpcisProblemType.IMPLEMENTATION.title(), 500, "the capture failed: incident " + incident
                    + " (see the gateway log); nothing was captured", "/capture/" + jobId, null, null, null);
            finishFailed(jobId, sha256, run, error);
            return new Outcome(false, List.of(error), run.count, 0, 0, List.of());
        }
    }

    private static List<String> auditObjects(long jobId, String sha256) {
        return List.of("capture:" + jobId, "document:" + sha256);
    }

    private void finishFailed(long jobId, String sha256, Run run, CaptureError error) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            jobs.finish(connection, jobId, false, List.of(error), run.count, 0, 0);
            audit.record(connection, run.key.name(), "capture.failed", auditObjects(jobId, sha256), sha256);
            connection.commit();
        } catch (SQLException again) {
            log.error("Capture job {} could not be marked failed; it will be at the next start", jobId, again);
        }
    }

    /** An event as read, with its place in the document. */
    private record Read(int index, EpcisEvent event) {
    }

    /** An event whose identifiers were checked: prepared, or refused with the findings. */
    private record Checked(int index, String eventId, PreparedEvent prepared, List<CaptureError.Finding> findings) {
    }

    /**
     * Checks these events against the rules of the standard (identifiers, CBV values, required fields) and prepares
     * those that pass (on a thread of the preparation pool).
     */
    private static List<Checked> prepare(List<Read> events, EpcisFormat format) {
        // the identifier check parses each instance EPC; the preparation takes those parses over
        Map<String, Epc> parsed = new HashMap<>();
        EventRules rules = new EventRules(format, parsed::put);
        List<Checked> checked = new ArrayList<>(events.size());
        for (Read read : events) {
            parsed.clear();
            List<CaptureError.Finding> findings = new ArrayList<>();
            rules.check(read.index(), "eventList[" + read.index() + "]", read.event(), finding -> {
                if (finding.isError()) {
                    findings.add(new CaptureError.Finding(finding.rule(), null, finding.path(), finding.message()));
                }
            });
            checked.add(findings.isEmpty()
                    ? new Checked(read.index(), null, new PreparedEvent(read.index(), read.event(), parsed), null)
                    : new Checked(read.index(), read.event().eventId(), null, findings));
        }
        return checked;
    }

    /** The result of a task of the preparation pool; its failure rethrown on the job's thread. */
    private static <T> T await(Future<T> task) throws InterruptedException {
        try {
            return task.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /**
     * Whether large captures may write their events on a second connection: the server must allow as many prepared
     * transactions as captures run at once.
     */
    private boolean twoConnections() {
        if (twoConnections == null) {
            twoConnections = jobs.preparedTransactionsAllowed() >= limits.workers();
        }
        return twoConnections;
    }

    /** The state of one job run. */
    private final class Run {
        final long jobId;
        final List<CaptureError> errors = new ArrayList<>();
        final List<String> eventIds = new ArrayList<>();
        /** The rows of the events written, for the capture's listeners. */
        final List<Long> committed = new ArrayList<>();
        /** The eventIDs given by the events of this job applied so far. */
        final Set<String> eventIdsGiven = new HashSet<>();
        int refused;
        int count;
        int applied;
        int duplicates;
        final List<PreparedEvent> batch = new ArrayList<>();
        /** Chunks of the batch on the preparation pool, in document order. */
        final List<Future<List<Checked>>> preparing = new ArrayList<>();
        List<Read> chunk = new ArrayList<>();
        int chunkIdentifiers;
        int batchEpcs;
        long epcs;
        final long maxEvents;
        final boolean proceed;
        final ApiPrincipal caller;
        final ActingKey key;
        final LifecycleMode mode;
        /** The events' own transaction, from the first large batch under rollback on; else null. */
        EventTransaction eventTransaction;
        /** The events of the current batch being written there. */
        CompletableFuture<Void> writing;
        boolean firstBatch = true;

        /** Events read, for {@link CaptureProgress}. */
        final AtomicInteger read;

        Run(long jobId, long maxEvents, boolean proceed, ApiPrincipal caller, LifecycleMode mode,
                AtomicInteger read) {
            this.jobId = jobId;
            this.maxEvents = maxEvents;
            this.proceed = proceed;
            this.caller = caller;
            this.key = KeyLimits.actingKey(caller);
            this.mode = mode;
            this.read = read;
        }

        /**
         * Commits the job's transaction, and the events' own, if any, with it: prepared first, committed once the
         * job's transaction is (whose row then says that the events are pending). If the job's commit fails, the
         * job's row (read anew) tells whether it happened. If committing the prepared transaction fails (its
         * connection lost, say), the job stays shown as running and {@link CaptureService} commits it from another
         * connection within seconds: this worker moves on to the next job.
         */
        void commit(Connection connection) throws SQLException {
            if (eventTransaction == null) {
                connection.commit();
                return;
            }
            eventTransaction.prepare();
            try {
                connection.commit();
            } catch (SQLException e) {
                if (!jobs.committedAsFinished(jobId)) {
                    throw e;
                }
            }
            try {
                eventTransaction.commitPrepared();
                metrics.twoPhaseCommitted();
                jobs.eventsVisible(jobId);
            } catch (SQLException | DataAccessException e) {
                // the job is committed: its events must not be rolled back
                eventTransaction.leavePrepared();
                log.warn("Capture job {}: committing its prepared events failed ({}); they are committed from"
                        + " another connection", jobId, e.getMessage());
            }
        }

        /**
         * Rolls back and releases the events' own transaction (after its writing ended), unless it committed. Never
         * throws: the job's outcome is decided by then, and a prepared transaction this cannot roll back is rolled
         * back at the next start (its job's row does not say finished and successful).
         */
        void endEvents() {
            if (writing != null) {
                writing.handle((done, failure) -> null).join();
                writing = null;
            }
            if (eventTransaction != null) {
                EventTransaction ending = eventTransaction;
                eventTransaction = null;
                try {
                    ending.close();
                } catch (SQLException e) {
                    log.warn("Capture job {}: its event transaction could not be ended cleanly", jobId, e);
                }
            }
        }

        /** Reads and applies the document; false when it could not be read to the end (or broke the limit). */
        boolean read(Connection connection, String sha256) throws Exception {
            if (schema != null && !schemaValid(sha256)) {
                return false;
            }
            try (InputStream in = documents.open(sha256); EpcisReader reader = EpcisReader.open(in)) {
                MasterData early = reader.header().masterData();
                masterData.learn(connection, early);
                EpcisFormat format = reader.format();
                while (reader.hasNext()) {
                    EpcisEvent event = reader.next();
                    int index = count++;
                    read.lazySet(count);
                    if (count > maxEvents) {
                        errors.add(documentError(EpcisProblemType.CAPTURE_LIMIT_EXCEEDED, 413, "the document has"
                                + " more than " + maxEvents + " events (the capture limit); nothing was captured"));
                        return false;
                    }
                    int identifiers = PreparedEvent.identifierCount(event);
                    chunk.add(new Read(index, event));
                    chunkIdentifiers += identifiers;
                    batchEpcs += identifiers + 1;
                    if (chunkIdentifiers >= CHUNK_IDENTIFIERS) {
                        submit(format);
                    }
                    if (batchEpcs >= limits.batchEpcs()) {
                        flush(connection, format, false);
                    }
                }
                flush(connection, format, true);
                if (!reader.header().masterData().equals(early)) {
                    // a JSON-LD epcisHeader may follow the body (members have no order): known only now
                    masterData.learn(connection, reader.header().masterData());
                }
                return true;
            } catch (EpcisReadException e) {
                errors.add(documentError(EpcisProblemType.VALIDATION, 400, "the document could not be read: "
                        + e.getMessage() + "; nothing was captured"));
                return false;
            }
        }

        /** The schema pass: the document's errors against its XSD or JSON Schema refuse it whole. */
        private boolean schemaValid(String sha256) throws IOException {
            List<CaptureError.Finding> findings = new ArrayList<>();
            int[] count = {0};
            try (InputStream in = documents.open(sha256)) {
                schema.validate(in, finding -> {
                    if (finding.isError() && count[0]++ < MAX_FINDINGS) {
                        findings.add(new CaptureError.Finding(finding.rule(), null, finding.path(),
                                finding.message()));
                    }
                });
            }
            if (findings.isEmpty()) {
                return true;
            }
            errors.add(new CaptureError(EpcisProblemType.VALIDATION.uri().toString(), EpcisProblemType.VALIDATION
                    .title(), 400, "the document is not valid against the EPCIS schema: " + findings.get(0).message()
                    + (count[0] > 1 ? " and " + (count[0] - 1) + " more errors" : "") + "; nothing was captured",
                    "/capture/" + jobId, null, null, findings));
            return false;
        }

        /** Hands the events read since the last chunk to the preparation pool. */
        private void submit(EpcisFormat format) {
            if (chunk.isEmpty()) {
                return;
            }
            List<Read> events = chunk;
            preparing.add(preparation.submit(() -> prepare(events, format)));
            chunk = new ArrayList<>();
            chunkIdentifiers = 0;
        }

        /**
         * Recognises duplicates, applies the batch to the serial store and writes the accepted events; {@code last}
         * when the document has no more events.
         */
        private void flush(Connection connection, EpcisFormat format, boolean last)
                throws SQLException, InterruptedException {
            submit(format);
            try {
                for (Future<List<Checked>> task : preparing) {
                    for (Checked checked : await(task)) {
                        if (checked.prepared() != null) {
                            batch.add(checked.prepared());
                        } else {
                            refuse(checked.index(), checked.eventId(), checked.findings(),
                                    EpcisProblemType.VALIDATION);
                        }
                    }
                }
            } finally {
                preparing.clear();
            }
            if (batch.isEmpty()) {
                return;
            }
            Map<String, PreparedEvent> unique = new LinkedHashMap<>();
            for (PreparedEvent e : batch) {
                if (unique.putIfAbsent(e.hash(), e) != null) {
                    duplicates++;
                }
            }
            // decided at the first batch: all of a job's events go through one transaction, which alone can tell
            // its own earlier batches' events from new ones; a single event (POST /events, answered when its
            // event is visible) is committed on one connection
            if (firstBatch && !proceed && maxEvents > 1 && batchEpcs >= TWO_CONNECTIONS_FROM
                    && twoConnections()) {
                eventTransaction = EventTransaction.begin(dataSource, jobId);
            }
            Connection eventConnection = eventTransaction == null ? connection : eventTransaction.connection();
            Set<String> stored = events.existing(eventConnection, unique.keySet());
            List<PreparedEvent> notStored = new ArrayList<>();
            for (PreparedEvent e : unique.values()) {
                if (stored.contains(e.hash())) {
                    duplicates++;
                    eventIds.add(e.eventId());
                } else {
                    notStored.add(e);
                }
            }
            List<PreparedEvent> fresh = withoutTakenEventIds(eventConnection, notStored);
            List<Long> refs = events.allocate(connection, fresh.size());
            for (int i = 0; i < fresh.size(); i++) {
                fresh.get(i).ref(refs.get(i));
            }
            // the event rows are built on the preparation pool while the database takes the serial store's; with
            // the events' own transaction they are written too, by a second backend (under rollback, a refused
            // event rolls everything back: nothing needs to wait for the rules)
            OffsetDateTime recordTime = OffsetDateTime.now(clock);
            CompletableFuture<EventStore.Rows> rows = CompletableFuture.supplyAsync(
                    () -> new EventStore.Rows(fresh, recordTime), preparation);
            if (eventTransaction != null) {
                Set<Long> all = new HashSet<>(refs);
                writing = rows.thenAcceptAsync(r -> {
                    try {
                        events.write(eventConnection, r, all, jobId);
                    } catch (SQLException e) {
                        throw new IllegalStateException("writing the events failed", e);
                    }
                }, preparation);
            }
            // in a job of one batch, the events' connection writes half of the new units once its events are written
            SerialStore.SecondConnection second = writing != null && firstBatch && last
                    ? new SerialStore.SecondConnection(eventConnection, writing, preparation) : null;
            SerialLifecycle.Outcome outcome =
                    lifecycle.apply(connection, fresh.stream().map(PreparedEvent::lifecycle).toList(), key, mode,
                            second);
            Map<Integer, List<LifecycleFinding>> refusals = outcome.refused();
            Set<Long> accepted = new HashSet<>();
            for (PreparedEvent e : fresh) {
                List<LifecycleFinding> findings = refusals.get(e.index());
                if (findings == null) {
                    accepted.add(e.ref());
                    epcs += e.epcCount();
                    eventIds.add(e.eventId());
                } else {
                    refuse(e.index(), e.event().eventId(), findings.stream()
                            .map(f -> new CaptureError.Finding(f.rule(), f.epc(), null, f.message())).toList(),
                            findings.stream().anyMatch(LifecycleFinding::isKeyLimit) ? EpcisProblemType.SECURITY
                                    : EpcisProblemType.VALIDATION);
                }
            }
            if (writing == null) {
                events.write(connection, await(rows), accepted, jobId);
            } else {
                await(writing);
                writing = null;
            }
            events.writeUnitsNotHeld(eventConnection, await(rows), outcome.unitsNotHeld());
            firstBatch = false;
            applied += accepted.size();
            committed.addAll(accepted);
            batch.clear();
            batchEpcs = 0;
        }

        /**
         * These new events less those whose eventID names another event already (stored, or earlier in this job),
         * which are refused: an eventID names one event.
         */
        private List<PreparedEvent> withoutTakenEventIds(Connection eventConnection, List<PreparedEvent> fresh)
                throws SQLException {
            Set<String> given = new HashSet<>();
            for (PreparedEvent e : fresh) {
                if (e.event().eventId() != null) {
                    given.add(e.event().eventId());
                }
            }
            Set<String> taken = events.takenEventIds(eventConnection, given);
            List<PreparedEvent> free = new ArrayList<>(fresh.size());
            for (PreparedEvent e : fresh) {
                String id = e.event().eventId();
                if (id != null && (taken.contains(id) || !eventIdsGiven.add(id))) {
                    refuse(e.index(), id, List.of(new CaptureError.Finding("capture.event-id-taken", null,
                            "eventList[" + e.index() + "].eventID", "the eventID " + id + " already names another"
                            + " event (one with other content); an eventID names one event")),
                            EpcisProblemType.RESOURCE_ALREADY_EXISTS);
                } else {
                    free.add(e);
                }
            }
            return free;
        }

        private void refuse(int index, String eventId, List<CaptureError.Finding> findings, EpcisProblemType type) {
            refused++;
            if (errors.size() < MAX_REPORTED) {
                errors.add(new CaptureError(type.uri().toString(), "Event refused", type.status().value(),
                        "event " + index + " was refused: " + findings.get(0).message()
                                + (findings.get(0).epc() == null ? "" : " (" + findings.get(0).epc() + ", "
                                + findings.get(0).rule() + ")")
                                + (findings.size() > 1 ? " and " + (findings.size() - 1) + " more findings" : "")
                                + (findings.size() > MAX_FINDINGS ? " (the first " + MAX_FINDINGS + " are listed)"
                                : ""),
                        "/capture/" + jobId + "#event-" + index, index, eventId,
                        List.copyOf(findings.subList(0, Math.min(findings.size(), MAX_FINDINGS)))));
            }
        }

        private CaptureError documentError(EpcisProblemType type, int status, String detail) {
            return new CaptureError(type.uri().toString(), type.title(), status, detail, "/capture/" + jobId,
                    null, null, null);
        }

        List<CaptureError> reported() {
            if (refused <= MAX_REPORTED) {
                return errors;
            }
            List<CaptureError> all = new ArrayList<>(errors);
            all.add(documentError(EpcisProblemType.VALIDATION, 400, (refused - MAX_REPORTED)
                    + " more events were refused (only the first " + MAX_REPORTED + " are listed)"));
            return all;
        }
    }
}
