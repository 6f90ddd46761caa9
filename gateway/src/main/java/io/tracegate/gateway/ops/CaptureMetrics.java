package io.tracegate.gateway.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The capture figures operations watch, exposed at {@code /actuator/prometheus}: jobs by outcome, events and EPCs
 * applied, events refused, how long a job takes from its start to its commit or rollback, and how many committed in
 * two phases. The capture code
 * reports each finished job here once.
 */
@Component
public class CaptureMetrics {

    private final Counter succeeded;
    private final Counter failed;
    private final Counter events;
    private final Counter epcs;
    private final Counter rejections;
    private final Timer latency;
    private final Counter twoPhase;

    public CaptureMetrics(MeterRegistry meters) {
        this.succeeded = Counter.builder("tracegate.captures").tag("outcome", "success")
                .description("capture jobs finished").register(meters);
        this.failed = Counter.builder("tracegate.captures").tag("outcome", "failure")
                .description("capture jobs finished").register(meters);
        this.events = Counter.builder("tracegate.capture.events").description("events applied to the store")
                .register(meters);
        this.epcs = Counter.builder("tracegate.capture.epcs").description("identifiers of the events applied")
                .register(meters);
        this.rejections = Counter.builder("tracegate.capture.rejections")
                .description("events refused (invalid identifiers or lifecycle rules), whether or not the job"
                        + " proceeded").register(meters);
        this.latency = Timer.builder("tracegate.capture.latency").description("capture job run time, from its"
                + " start to its commit or rollback").publishPercentileHistogram().register(meters);
        this.twoPhase = Counter.builder("tracegate.capture.two.phase").description("capture jobs whose events"
                + " were written on a second connection and committed with the job by two-phase commit")
                .register(meters);
    }

    /** A job's events were committed from their own connection, by two-phase commit. */
    public void twoPhaseCommitted() {
        twoPhase.increment();
    }

    /**
     * A job ended.
     *
     * @param success  no event refused and the document read to its end
     * @param applied  events written (0 when the job rolled back)
     * @param epcs     identifiers of the events written
     * @param refused  events refused
     * @param elapsed  run time
     */
    public void jobFinished(boolean success, int applied, long epcs, int refused, Duration elapsed) {
        (success ? succeeded : failed).increment();
        events.increment(applied);
        this.epcs.increment(epcs);
        rejections.increment(refused);
        latency.record(elapsed);
    }
}
