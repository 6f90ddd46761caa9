package io.tracegate.gateway.exchange;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * The exchange figures at {@code /actuator/prometheus}: {@code tracegate_exchange_messages_total} by direction,
 * partner (AS2 name) and status reached; {@code tracegate_exchange_mdn_latency_seconds} by partner, from sending to
 * the MDN; {@code tracegate_exchange_retries_total} by partner; {@code tracegate_exchange_queue_depth}, the outbound
 * messages queued or being sent (counted in the database at every look at the queue, so it counts every gateway's
 * queue, and a scrape never waits for the database).
 */
@Component
class ExchangeMetrics {

    private final MeterRegistry meters;
    private final AtomicLong queueDepth = new AtomicLong();

    ExchangeMetrics(MeterRegistry meters) {
        this.meters = meters;
        Gauge.builder("tracegate.exchange.queue.depth", queueDepth, AtomicLong::get)
                .description("outbound messages queued or being sent").register(meters);
    }

    void queueDepth(long messages) {
        queueDepth.set(messages);
    }

    /** A message reached a status. */
    void status(String direction, String partner, String status) {
        Counter.builder("tracegate.exchange.messages").description("messages by the status they reached")
                .tag("direction", direction).tag("partner", partner).tag("status", status).register(meters)
                .increment();
    }

    void retry(String partner) {
        Counter.builder("tracegate.exchange.retries").description("sending attempts that failed and were retried")
                .tag("partner", partner).register(meters).increment();
    }

    void mdnLatency(String partner, Duration latency) {
        Timer.builder("tracegate.exchange.mdn.latency").description("from sending a message to receiving its MDN")
                .tag("partner", partner).publishPercentileHistogram().register(meters).record(latency);
    }
}
