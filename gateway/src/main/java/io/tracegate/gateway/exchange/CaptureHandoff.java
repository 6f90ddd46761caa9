package io.tracegate.gateway.exchange;

import io.tracegate.gateway.config.DaemonThreads;
import io.tracegate.gateway.problem.ApiProblem;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Hands processed messages' documents to capture, after their MDN is committed, so that a busy capture pipeline
 * never holds up an MDN. A message is claimed first (several gateways may try); when capture is busy (503) or this
 * gateway stops in between, the claim runs out and the message is handed over again by the next sweep
 * ({@link InboundRecovery}). Capture recognises events it already holds by their hash, so the rare second
 * hand-over after a crash between submitting and recording the job applies nothing twice.
 */
@Component
class CaptureHandoff {

    private static final Logger log = LoggerFactory.getLogger(CaptureHandoff.class);
    private static final Duration CLAIM = Duration.ofMinutes(5);
    private static final Duration BUSY_RETRY = Duration.ofSeconds(5);

    private final Messages messages;
    private final Partners partners;
    private final PartnerCapture capture;
    private final Clock clock;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(DaemonThreads.named("exchange-capture"));

    CaptureHandoff(Messages messages, Partners partners, PartnerCapture capture, Clock clock) {
        this.messages = messages;
        this.partners = partners;
        this.capture = capture;
        this.clock = clock;
    }

    /** Hands a message over on the hand-over thread, not the caller's (an HTTP request waiting for its MDN). */
    void handOffLater(long id) {
        worker.execute(() -> handOff(id));
    }

    void handOff(long id) {
        Optional<Messages.ForCapture> claimed = messages.claimForCapture(id, clock.instant().plus(CLAIM));
        if (claimed.isEmpty()) {
            return; // handed over already, refused, or someone else holds it
        }
        Messages.ForCapture message = claimed.get();
        Optional<Partner> partner = partners.find(message.partnerId());
        if (partner.isEmpty()) {
            messages.captureRefused(id, "the partner was removed before its document was captured");
            return;
        }
        try {
            messages.captured(id, capture.capture(partner.get(), message.contentType(), message.document()));
        } catch (ApiProblem problem) {
            if (problem.status() == HttpStatus.SERVICE_UNAVAILABLE) {
                messages.retryCaptureAt(id, clock.instant().plus(BUSY_RETRY));
            } else {
                messages.captureRefused(id, problem.getMessage());
            }
        } catch (RuntimeException e) {
            log.error("Handing the document of message {} to capture failed; it is tried again", id, e);
        }
    }

    /** Hand-overs queued finish, for at most 10 s; what is left is handed over by the next start's sweep. */
    @PreDestroy
    void stop() throws InterruptedException {
        worker.shutdown();
        if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
            worker.shutdownNow();
        }
    }
}
