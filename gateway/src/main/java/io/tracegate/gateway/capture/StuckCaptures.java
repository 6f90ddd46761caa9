package io.tracegate.gateway.capture;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import io.tracegate.gateway.ops.DatabaseAvailability;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
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
    private final ObjectProvider<DatabaseAvailability> database;

    StuckCaptures(CaptureJobs jobs, Clock clock, MeterRegistry meters, ObjectProvider<DatabaseAvailability> database) {
        this.jobs = jobs;
        this.clock = clock;
        this.database = database;
        Gauge.builder("tracegate.capture.stuck.jobs", this, stuck -> stuck.databaseDown() ? Double.NaN
                        : stuck.jobs().size())
                .description("capture jobs decided over " + STUCK_AFTER.toSeconds() + " s ago whose events are"
                        + " not yet visible").register(meters);
    }

    List<Long> jobs() {
        return jobs.eventsPendingSince(OffsetDateTime.now(clock).minus(STUCK_AFTER));
    }

    /** While the database is known to be down, asking it would wait for the pool's timeout: the answer is unknown. */
    private boolean databaseDown() {
        DatabaseAvailability availability = database.getIfAvailable();
        return availability != null && !availability.isAvailable();
    }

    @Override
    public Health health() {
        if (databaseDown()) {
            return Health.unknown().withDetail("reason", "the database is unavailable").build();
        }
        List<Long> stuck = jobs();
        return stuck.isEmpty() ? Health.up().build()
                : Health.down().withDetail("stuckJobs", stuck).withDetail("reason", "the events of these capture"
                        + " jobs were decided but are not yet visible: their prepared transaction could not be"
                        + " committed").build();
    }
}
