package io.tracegate.gateway.ops;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What a stop (SIGTERM, Ctrl-C) waits for, in this order: the HTTP server takes no new requests and lets those in
 * progress end ({@code spring.lifecycle.timeout-per-shutdown-phase}, 30 s); capture jobs waiting for a worker are
 * dropped and the running ones finish, within {@code captureGrace}; then the database pool closes and the embedded
 * PostgreSQL stops.
 *
 * @param captureGrace how long running capture jobs may take to finish; a job still running then is cut off: its
 *                     transaction rolls back and the next start marks it failed
 */
@ConfigurationProperties("tracegate.shutdown")
public record ShutdownProperties(@DefaultValue("30s") Duration captureGrace) {
}
