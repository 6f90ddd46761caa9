package io.tracegate.gateway.shipments;

import io.tracegate.gateway.config.DaemonThreads;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The shipments worker: one thread that acts on committed captures (shipments to compose, documents received,
 * receivings to reconcile) and composes pending shipments, woken by each capture that concerns it and every
 * {@code tracegate.shipments.poll} otherwise (which also finds what other gateways on the database left, or what
 * a stopped gateway did not finish). Its work lives in tables, claimed with {@code for update skip locked}: a
 * restart loses nothing and several gateways never do the same work twice.
 */
@Component
class ShipmentWorker {

    private static final Logger log = LoggerFactory.getLogger(ShipmentWorker.class);

    private final CaptureExaminer examiner;
    private final Shipments shipments;
    private final ShipmentsProperties properties;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("shipments"));
    /** A wake-up is queued: more wake-ups until it runs add nothing. */
    private final AtomicBoolean woken = new AtomicBoolean();

    ShipmentWorker(CaptureExaminer examiner, Shipments shipments, ShipmentsProperties properties) {
        this.examiner = examiner;
        this.shipments = shipments;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        long every = properties.poll().toMillis();
        thread.scheduleWithFixedDelay(this::work, 0, every, TimeUnit.MILLISECONDS);
    }

    /** Some capture concerns shipments: work now rather than at the next poll. */
    void wake() {
        if (woken.compareAndSet(false, true)) {
            try {
                thread.execute(this::work);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                woken.set(false);
            }
        }
    }

    private void work() {
        woken.set(false);
        try {
            while (examiner.examineNext()) {
                // one capture job per transaction
            }
            while (shipments.composeNext()) {
                // one shipment per transaction
            }
        } catch (RuntimeException e) {
            log.warn("Shipments work failed; tried again at the next poll: {}", e.getMessage(), e);
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        thread.shutdown();
        if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
            thread.shutdownNow();
        }
    }
}
