package io.tracegate.gateway.exchange;

import io.tracegate.gateway.config.DaemonThreads;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code exchange}: certificates (ours and partners') that have expired or expire
 * within 30 days, with who they belong to. Such a certificate does not make the gateway unhealthy (it still serves
 * every other partner); it is listed so that monitoring can warn before messages start failing. The partners'
 * certificates are read every minute and after every change made here, not at each health check: a check must answer
 * at once, also while the database does not (the list read last is shown meanwhile).
 */
@Component
class ExchangeHealthIndicator implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(ExchangeHealthIndicator.class);
    private static final Duration REFRESH = Duration.ofMinutes(1);

    private final Partners partners;
    private final ExchangeIdentity identity;
    private final ExchangeProperties properties;
    private final Clock clock;
    private final AtomicReference<List<Owned>> certificates = new AtomicReference<>(List.of());
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("exchange-certificates"));

    /** A certificate and whose it is. */
    private record Owned(String owner, String as2Id, PartnerCertificate certificate) {
    }

    ExchangeHealthIndicator(Partners partners, ExchangeIdentity identity, ExchangeProperties properties,
            Clock clock) {
        this.partners = partners;
        this.identity = identity;
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener(WebServerInitializedEvent.class)
    void start() {
        refresher.scheduleWithFixedDelay(this::refresh, 0, REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reads the partners' certificates again; one reader at a time, so an older list never replaces a newer one. */
    synchronized void refresh() {
        try {
            List<Owned> all = new ArrayList<>();
            for (Partner partner : partners.list()) {
                String owner = "partner " + partner.id();
                partner.certificates().forEach(c -> all.add(new Owned(owner, partner.as2Id(), c)));
            }
            certificates.set(List.copyOf(all));
        } catch (RuntimeException e) {
            log.warn("The partners' certificates could not be read for the health check ({}); showing the last list",
                    e.getMessage());
        }
    }

    @Override
    public Health health() {
        Instant now = clock.instant();
        List<Owned> all = new ArrayList<>(certificates.get());
        all.add(new Owned("ours", properties.as2Id(), PartnerCertificate.of(identity.certificate(), now)));
        List<Map<String, Object>> expiring = new ArrayList<>();
        for (Owned owned : all) {
            String status = PartnerCertificate.status(owned.certificate().notBefore(), owned.certificate().notAfter(),
                    now);
            if (status.equals("expiring") || status.equals("expired")) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("owner", owned.owner());
                entry.put("as2Id", owned.as2Id());
                entry.put("subject", owned.certificate().subject());
                entry.put("sha256", owned.certificate().sha256());
                entry.put("notAfter", owned.certificate().notAfter().toString());
                entry.put("status", status);
                expiring.add(entry);
            }
        }
        return Health.up().withDetail("expiringCertificates", expiring).build();
    }

    @PreDestroy
    void stop() {
        refresher.shutdownNow();
    }
}
