package io.tracegate.gateway.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the HTTP server treats slow clients ({@code tracegate.http.*}). The request-header timeout is Boot's own
 * {@code server.tomcat.connection-timeout}; docs/security.md has the whole picture.
 *
 * @param bodyIdleTimeout longest pause while a request body is read (an idle timeout, not a limit on the whole
 *                        upload: a 4 GB capture document may take as long as it needs while its bytes keep coming)
 * @param maxUploads      request bodies read at the same time; a further request with a body is refused (503) at
 *                        once, so that slow uploads can never hold every worker thread. 0 (the default) means half of
 *                        {@code server.tomcat.threads.max}
 */
@ConfigurationProperties("tracegate.http")
public record HttpProperties(@DefaultValue("60s") Duration bodyIdleTimeout, @DefaultValue("0") int maxUploads) {

    /** {@link #maxUploads}, or half of the worker threads when it is 0. */
    int uploadsAllowed(int workerThreads) {
        return maxUploads > 0 ? maxUploads : Math.max(1, workerThreads / 2);
    }
}
