package io.tracegate.gateway.shipments;

import io.tracegate.gateway.capture.CaptureJob;
import io.tracegate.gateway.capture.CaptureService;
import io.tracegate.gateway.config.DaemonThreads;
import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gateway.security.ApiPrincipal;
import io.tracegate.gateway.security.Role;
import io.tracegate.gateway.serials.LifecycleMode;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Watches {@code tracegate.exchange.inbox-dir}: each document dropped there is captured as a partner's history
 * import (as if it had come over AS2), then moved to {@code processed/} (its name prefixed with the capture job), or
 * to {@code refused/} with a {@code .txt} saying why. A file is taken once it has not changed for a poll interval, so
 * that one still being written is left alone (or write it under a name starting with {@code .} and rename it). A
 * gateway stopped between capturing a file and moving it captures it again at its next start, which changes
 * nothing: capture recognises events it holds, and a receipt expects a shipping event once.
 */
@Component
class Inbox {

    private static final Logger log = LoggerFactory.getLogger(Inbox.class);

    private final InboxProperties properties;
    private final CaptureService captures;
    private final Clock clock;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("exchange-inbox"));

    Inbox(InboxProperties properties, CaptureService captures, Clock clock) {
        this.properties = properties;
        this.captures = captures;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() throws IOException {
        if (properties.inboxDir() == null) {
            return;
        }
        Files.createDirectories(properties.inboxDir());
        log.info("Watching {} for partners' documents every {}", properties.inboxDir().toAbsolutePath(),
                properties.inboxPoll());
        thread.scheduleWithFixedDelay(this::sweep, 0, properties.inboxPoll().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Captures every settled document in the folder. */
    void sweep() {
        Instant settled = clock.instant().minus(properties.inboxPoll());
        List<Path> files;
        try (Stream<Path> listed = Files.list(properties.inboxDir())) {
            files = listed.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            log.warn("The inbox {} cannot be read: {}", properties.inboxDir(), e.getMessage());
            return;
        }
        for (Path file : files) {
            try {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(settled)) {
                    take(file);
                }
            } catch (IOException | RuntimeException e) {
                log.warn("Inbox document {} was not captured; tried again at the next look: {}", file.getFileName(),
                        e.getMessage());
            }
        }
    }

    private void take(Path file) throws IOException {
        String name = file.getFileName().toString();
        ApiPrincipal partner = new ApiPrincipal("inbox:" + name, Set.of(Role.PARTNER), Set.of(), Set.of(), true);
        CaptureJob job;
        try (InputStream in = Files.newInputStream(file)) {
            job = captures.submit(partner, "rollback", LifecycleMode.OBSERVE, null, in);
        } catch (ApiProblem refused) {
            if (refused.status() == HttpStatus.SERVICE_UNAVAILABLE
                    || refused.status() == HttpStatus.INSUFFICIENT_STORAGE) {
                throw refused; // busy or short of disk: the file waits for the next look
            }
            Path to = moved(file, "refused", name);
            Files.writeString(to.resolveSibling(to.getFileName() + ".txt"), refused.getMessage() + "\n",
                    StandardCharsets.UTF_8);
            log.warn("Inbox document {} was refused: {}", name, refused.getMessage());
            return;
        }
        moved(file, "processed", "capture-" + job.captureId() + "-" + name);
        log.info("Inbox document {} is capture job {}", name, job.captureId());
    }

    private Path moved(Path file, String folder, String name) throws IOException {
        Path dir = Files.createDirectories(properties.inboxDir().resolve(folder));
        return Files.move(file, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    @PreDestroy
    void stop() {
        thread.shutdownNow();
    }
}
