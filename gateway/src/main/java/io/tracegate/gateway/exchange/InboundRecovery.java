package io.tracegate.gateway.exchange;

import io.tracegate.gateway.config.DaemonThreads;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Finishes what a stopped gateway left: received messages stored but not processed (their MDN is composed now, and
 * is what a resend of the message gets), and processed messages not yet handed to capture. Runs at start and then
 * every few seconds; a message another request or gateway is processing is skipped, not waited for.
 */
@Component
class InboundRecovery {

    private static final Logger log = LoggerFactory.getLogger(InboundRecovery.class);
    private static final Duration PERIOD = Duration.ofSeconds(5);
    /** A message this young is probably still being processed by the request that stored it. */
    private static final Duration GRACE = Duration.ofSeconds(2);

    private final Messages messages;
    private final InboundAs2 inbound;
    private final CaptureHandoff handoff;
    private final Clock clock;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("exchange-recovery"));

    InboundRecovery(Messages messages, InboundAs2 inbound, CaptureHandoff handoff, Clock clock) {
        this.messages = messages;
        this.inbound = inbound;
        this.handoff = handoff;
        this.clock = clock;
    }

    /** Starts once the gateway serves HTTP (never in the key command, which runs without it). */
    @EventListener(WebServerInitializedEvent.class)
    void start() {
        sweeper.scheduleWithFixedDelay(this::sweep, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    void sweep() {
        try {
            for (long id : messages.unprocessed(clock.instant().minus(GRACE))) {
                if (inbound.process(id, true).isPresent()) {
                    log.info("Received message {} left unprocessed by a stopped gateway was processed", id);
                }
            }
            messages.awaitingCapture().forEach(handoff::handOff);
        } catch (RuntimeException e) {
            log.error("Recovering received messages failed; trying again in {}", PERIOD, e);
        }
    }

    @PreDestroy
    void stop() {
        sweeper.shutdownNow();
    }
}
