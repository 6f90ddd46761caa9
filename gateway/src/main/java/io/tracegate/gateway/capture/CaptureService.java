package io.tracegate.gateway.capture;

import io.tracegate.epcis.io.EpcisReadException;
import io.tracegate.epcis.io.EpcisReader;
import io.tracegate.gateway.config.DaemonThreads;
import io.tracegate.gateway.config.TracegateProperties;
import io.tracegate.gateway.ops.ShutdownProperties;
import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gateway.problem.EpcisProblemType;
import io.tracegate.gateway.security.ApiPrincipal;
import io.tracegate.gateway.security.Role;
import io.tracegate.gateway.serials.LifecycleMode;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Accepts capture documents: keeps their bytes, records a job and hands it to a bounded pool of workers. At start,
 * jobs a previous gateway process left running are marked failed: their transaction died with the process, so
 * nothing of them was applied, and re-posting the document captures it.
 */
@Service
public class CaptureService {

    private static final Logger log = LoggerFactory.getLogger(CaptureService.class);
    private static final Duration RESOLVE_EVERY = Duration.ofSeconds(1);

    private final DocumentStore documents;
    private final CaptureJobs jobs;
    private final CaptureProcessor processor;
    private final TracegateProperties.Capture limits;
    private final ThreadPoolExecutor workers;
    private final CaptureProgress progress;
    /** Commits the events of jobs whose own commit of them failed (see {@link CaptureJobs#resolvePrepared}). */
    private final ScheduledExecutorService resolver;
    private final Duration shutdownGrace;

    CaptureService(DocumentStore documents, CaptureJobs jobs, EventStore events, CaptureProcessor processor,
            CaptureProgress progress, TracegateProperties properties, ShutdownProperties shutdown) {
        this.documents = documents;
        this.shutdownGrace = shutdown.captureGrace();
        this.progress = progress;
        this.jobs = jobs;
        this.processor = processor;
        this.limits = properties.capture();
        this.workers = new ThreadPoolExecutor(limits.workers(), limits.workers(), 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(limits.queue()), DaemonThreads.named("capture"));
        int prepared = jobs.resolvePrepared();
        if (prepared > 0) {
            log.warn("{} capture job(s) stopped between their two commits were committed or rolled back", prepared);
        }
        int clashes = events.eventIdClashes();
        if (clashes > 0) {
            log.warn("{} eventID(s) name more than one stored event, captured before eventIDs were checked (listed in"
                    + " the table event_id_clash); GET /events/<eventID> answers the first captured", clashes);
        }
        this.resolver = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("capture-commit-resolver"));
        resolver.scheduleWithFixedDelay(this::resolvePrepared, RESOLVE_EVERY.toMillis(), RESOLVE_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        int interrupted = jobs.failInterrupted(new CaptureError(EpcisProblemType.IMPLEMENTATION.uri().toString(),
                "Capture interrupted", 500, "the gateway stopped while this job was running; its transaction was"
                + " rolled back and nothing was captured: post the document again", null, null, null, null));
        if (interrupted > 0) {
            log.warn("{} capture job(s) interrupted by the previous stop were marked failed", interrupted);
        }
    }

    /**
     * Stores the document and queues its job; the job is returned as just created (running). {@code mode}
     * {@link LifecycleMode#OBSERVE} imports history, for ADMIN keys and keys that may import.
     */
    public CaptureJob submit(ApiPrincipal caller, String behaviour, LifecycleMode mode, String mediaType,
            InputStream body) {
        if (mode == LifecycleMode.OBSERVE && !caller.mayImportHistory()) {
            throw new ApiProblem(EpcisProblemType.SECURITY, HttpStatus.FORBIDDEN, "the key '" + caller.name()
                    + "' may not import history (Tracegate-Lifecycle: observe): that takes an ADMIN key or a key"
                    + " created with \"import\": true");
        }
        DocumentStore.StoredDocument document = documents.store(body, limits.maxFileBytes().toBytes());
        checkLimits(caller, document, mode);
        long id = jobs.create(caller, behaviour, mode, mediaType, document);
        try {
            workers.execute(() -> processor.run(id, document.sha256(), behaviour.equals("proceed"),
                    limits.maxEvents(), caller, mode));
        } catch (RejectedExecutionException busy) {
            String detail = "the gateway is busy: " + limits.queue() + " capture jobs are waiting; try again later";
            jobs.fail(id, new CaptureError(EpcisProblemType.IMPLEMENTATION.uri().toString(), "Capture refused", 503,
                    detail, "/capture/" + id, null, null, null));
            throw new ApiProblem(EpcisProblemType.IMPLEMENTATION, HttpStatus.SERVICE_UNAVAILABLE, detail);
        }
        return jobs.find(id).map(progress::withProgress).orElseThrow();
    }

    /** Captures a single event synchronously (rollback: it is applied or refused as a whole). */
    public CaptureProcessor.Outcome captureEvent(ApiPrincipal caller, String mediaType, InputStream body) {
        DocumentStore.StoredDocument document = documents.store(body, limits.maxFileBytes().toBytes());
        checkLimits(caller, document, LifecycleMode.ENFORCE);
        long id = jobs.create(caller, "rollback", LifecycleMode.ENFORCE, mediaType, document);
        // a second event rolls the first back
        return processor.run(id, document.sha256(), false, 1, caller, LifecycleMode.ENFORCE);
    }

    /** A stored capture document, as it was received ({@link CommittedCapture#documentSha256}). */
    public InputStream document(String sha256) throws IOException {
        return documents.open(sha256);
    }

    /** Whether the job has ended and its events can be read (a large job's second commit may come later). */
    public boolean ended(long jobId) {
        return jobs.find(jobId).map(job -> !job.running()).orElse(false);
    }

    /** A job, if the caller may see it (its key's own, or any for ADMIN and COMPLIANCE). */
    public CaptureJob job(ApiPrincipal caller, long id) {
        return jobs.find(id).filter(job -> seesAll(caller) || job.submittedByKey() == caller.keyId())
                .map(progress::withProgress)
                .orElseThrow(() -> ApiProblem.noSuchResource("no capture job " + id));
    }

    /** Up to {@code limit} jobs the caller may see, newest first, older than job {@code before} (null: all). */
    public List<CaptureJob> jobs(ApiPrincipal caller, Long before, int limit) {
        return jobs.latest(seesAll(caller) ? null : caller.keyId(), before, limit).stream()
                .map(progress::withProgress).toList();
    }

    private static boolean seesAll(ApiPrincipal caller) {
        return caller.hasRole(Role.ADMIN) || caller.hasRole(Role.COMPLIANCE);
    }

    /**
     * A limited key's document is read once before it is accepted, so that a refusal is an honest 403. A history
     * import may describe locations outside the key's sites in its master data: a partner's shipment document
     * describes its buyer and ship-to (learned master data only fills what the gateway's own leaves empty).
     */
    private void checkLimits(ApiPrincipal caller, DocumentStore.StoredDocument document, LifecycleMode mode) {
        if (!KeyLimits.isLimited(caller)) {
            return;
        }
        try (InputStream in = documents.open(document.sha256()); EpcisReader reader = EpcisReader.open(in)) {
            String masterData = KeyLimits.violation(caller, reader.header().masterData(),
                    mode == LifecycleMode.OBSERVE);
            if (masterData != null) {
                throw new ApiProblem(EpcisProblemType.SECURITY, HttpStatus.FORBIDDEN, masterData);
            }
            int index = 0;
            while (reader.hasNext()) {
                String violation = KeyLimits.violation(caller, reader.next(), index++);
                if (violation != null) {
                    throw new ApiProblem(EpcisProblemType.SECURITY, HttpStatus.FORBIDDEN, violation);
                }
            }
        } catch (EpcisReadException e) {
            throw ApiProblem.validation("the document could not be read: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the prepared event transactions of jobs whose own commit of them failed; never throws. */
    private void resolvePrepared() {
        try {
            if (jobs.anyEventsPending()) {
                int ended = jobs.resolvePrepared();
                if (ended > 0) {
                    log.info("Committed the prepared events of {} capture job(s) from another connection", ended);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Prepared capture events could not be resolved yet: {}", e.getMessage());
        }
    }

    /**
     * Graceful shutdown: jobs waiting for a worker are dropped (the next start marks them failed), running jobs get
     * {@code tracegate.shutdown.capture-grace} to finish; past it they are cut off, their transactions rolled back
     * when the pool and the database close.
     */
    @PreDestroy
    void stop() throws InterruptedException {
        resolver.shutdownNow();
        workers.getQueue().clear();
        workers.shutdown();
        if (!workers.awaitTermination(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS)) {
            log.warn("{} capture job(s) still running after the shutdown grace of {} s are cut off: rolled back and"
                    + " reported failed", workers.getActiveCount(), shutdownGrace.toSeconds());
            workers.shutdownNow();
        }
    }
}
