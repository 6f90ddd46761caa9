package io.tracegate.gateway.capture;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * How far the capture jobs running in this gateway have read their documents: a running job's {@code eventCount}
 * is the number of events read so far (its row gets the final counts only when its transaction ends).
 */
@Component
class CaptureProgress {

    private final Map<Long, AtomicInteger> running = new ConcurrentHashMap<>();

    /** A job starts; the counter it updates as it reads. */
    AtomicInteger started(long jobId) {
        AtomicInteger read = new AtomicInteger();
        running.put(jobId, read);
        return read;
    }

    /** A job ended (after its row was finished). */
    void ended(long jobId) {
        running.remove(jobId);
    }

    /** The job as it stands: if it is running here, with the events read so far as its event count. */
    CaptureJob withProgress(CaptureJob job) {
        AtomicInteger read = job.running() ? running.get(job.id()) : null;
        return read == null ? job : job.withEventCount(read.get());
    }
}
