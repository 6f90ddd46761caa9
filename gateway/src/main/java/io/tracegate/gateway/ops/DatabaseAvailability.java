package io.tracegate.gateway.ops;

import com.zaxxer.hikari.HikariDataSource;
import io.tracegate.gateway.config.DaemonThreads;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.SmartLifecycle;

/**
 * Whether the database answers, known at any moment without waiting for it: a connection of its own, outside the
 * pool and with one-second timeouts, is asked every {@value #INTERVAL_MILLIS} ms. A pool asked for a connection while
 * the database is down waits its whole connection timeout (30 s) before it gives up; with this, health and readiness
 * say DOWN within a second and requests are refused at once ({@link DatabaseUnavailableFilter}).
 * <p>
 * Stopped first at shutdown, before the database is, so that a stopping database is not reported as an outage.
 */
public class DatabaseAvailability implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DatabaseAvailability.class);
    private static final long INTERVAL_MILLIS = 250;
    private static final int TIMEOUT_SECONDS = 1;

    private final HikariDataSource pool;
    private final PGSimpleDataSource probe;
    private final Clock clock;
    private volatile Outage outage;
    private ScheduledExecutorService scheduler;
    private Connection connection; // the scheduler's thread only

    /** Since when the database has not answered, and the last reason. */
    record Outage(Instant since, String reason) {
    }

    DatabaseAvailability(DataSource dataSource, Clock clock) throws SQLException {
        this.clock = clock;
        this.pool = dataSource.unwrap(HikariDataSource.class);
        this.probe = new PGSimpleDataSource();
        probe.setURL(pool.getJdbcUrl());
        for (String name : pool.getDataSourceProperties().stringPropertyNames()) {
            probe.setProperty(name, pool.getDataSourceProperties().getProperty(name));
        }
        if (pool.getUsername() != null) {
            probe.setUser(pool.getUsername());
        }
        if (pool.getPassword() != null) {
            probe.setPassword(pool.getPassword());
        }
        probe.setConnectTimeout(TIMEOUT_SECONDS);
        probe.setLoginTimeout(TIMEOUT_SECONDS);
        probe.setSocketTimeout(TIMEOUT_SECONDS);
        probe.setApplicationName("tracegate-availability");
    }

    /** True unless the database failed to answer at the last look. */
    public boolean isAvailable() {
        return outage == null;
    }

    Health health() {
        Outage current = outage;
        return current == null ? Health.up().build()
                : Health.down().withDetail("since", current.since().toString()).withDetail("error", current.reason())
                        .build();
    }

    /** One look: the kept connection still answers, or a new one can be made. */
    void check() {
        try {
            if (connection == null || !connection.isValid(TIMEOUT_SECONDS)) {
                closeConnection();
                connection = probe.getConnection();
            }
            Outage ended = outage;
            if (ended != null) {
                outage = null;
                log.warn("The database answers again, after {} s without it",
                        Duration.between(ended.since(), clock.instant()).toSeconds());
            }
        } catch (SQLException e) {
            closeConnection();
            if (outage == null) {
                log.error("The database does not answer ({}): readiness is DOWN and requests are refused with 503"
                        + " until it does", e.getMessage());
                if (pool.getHikariPoolMXBean() != null) {
                    pool.getHikariPoolMXBean().softEvictConnections(); // dead: new ones once it answers again
                }
            }
            outage = new Outage(outage == null ? clock.instant() : outage.since(), String.valueOf(e.getMessage()));
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // it is being replaced because it failed
            }
            connection = null;
        }
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("database-availability"));
        scheduler.submit(this::check); // the first look before any request, then every interval
        scheduler.scheduleWithFixedDelay(this::check, INTERVAL_MILLIS, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(TIMEOUT_SECONDS * 3L, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeConnection();
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null && !scheduler.isShutdown();
    }
}
