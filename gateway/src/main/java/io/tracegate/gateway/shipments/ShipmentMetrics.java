package io.tracegate.gateway.shipments;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The shipments figures at {@code /actuator/prometheus}: how long composing and validating a document takes, how
 * many documents were sent or held, and the receipt exceptions open and overdue (counted in the database at each
 * scrape, so every gateway on it reports the same).
 */
@Component
class ShipmentMetrics {

    private final Timer compose;
    private final Counter sent;
    private final Counter held;

    ShipmentMetrics(MeterRegistry meters, JdbcClient jdbc, ShipmentsProperties properties, Clock clock) {
        this.compose = Timer.builder("tracegate.shipment.compose").description("composing and validating a shipment"
                + " document").publishPercentileHistogram().register(meters);
        this.sent = Counter.builder("tracegate.shipments").tag("outcome", "sent")
                .description("shipment documents composed").register(meters);
        this.held = Counter.builder("tracegate.shipments").tag("outcome", "held")
                .description("shipment documents composed").register(meters);
        Gauge.builder("tracegate.receipt.exceptions.open", () -> jdbc.sql("select count(*) from receipt_exception"
                        + " where status = 'open'").query(Long.class).single())
                .description("receipt exceptions not resolved").register(meters);
        Gauge.builder("tracegate.receipt.exceptions.overdue", () -> jdbc.sql("select count(*) from receipt_exception"
                        + " where status = 'open' and due_on < ?")
                        .param(LocalDate.ofInstant(clock.instant(), properties.businessZone())).query(Long.class).single())
                .description("receipt exceptions past their due day and not resolved").register(meters);
    }

    /** A document was composed and validated in this time, and passed (to be sent) or not (held). */
    void composed(long millis, boolean passed) {
        compose.record(Duration.ofMillis(millis));
        (passed ? sent : held).increment();
    }
}
