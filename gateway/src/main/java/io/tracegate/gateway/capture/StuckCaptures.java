package io.tracegate.gateway.capture;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Capture jobs decided but whose events are still not visible some seconds later: their prepared transaction could
 * not be committed yet (see {@link CaptureJobs#resolvePrepared}). Normally none; one shows as the {@code captures}
 * health component DOWN, naming the jobs, and in {@code tracegate_capture_stuck_jobs}.
 */
@Component("captures")
class StuckCaptures implements HealthIndicator {

    /** Longer than a healthy commit of the prepared events takes, with the resolver's retry. */
    static final Duration STUCK_AFTER = Duration.ofSeconds(10);

    private final CaptureJobs jobs;
    private final Clock clock;

    StuckCaptures(CaptureJobs jobs, Clock clock, MeterRegistry meters) {
        this.jobs = jobs;
        this.clock = clock;
        Gauge.builder("tracegate.capture.stuck.jobs", this, stuck -> stuck.jobs().size())
                .description("capture jobs decided over " + STUCK_AFTER.toSeconds() + " s ago whose events are"
                        + " not yet visible").register(meters);
    }

    List<Long> jobs() {
        return jobs.eventsPendingSince(OffsetDateTime.now(clock).minus(STUCK_AFTER));
    }

    @Override
    public Health health() {
        List<Long> stuck = jobs();
        return stuck.isEmpty() ? Health.up().build()
                : Health.down().withDetail("stuckJobs", stuck).withDetail("reason", "the events of these capture"
                        + " jobs were decided but are not yet visible: their prepared transaction could not be"
                        + " committed").build();
    }
}
