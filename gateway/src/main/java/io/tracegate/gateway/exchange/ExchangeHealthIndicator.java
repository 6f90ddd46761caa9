package io.tracegate.gateway.exchange;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code exchange}: certificates (ours and partners') that have expired or expire
 * within 30 days, with who they belong to. Such a certificate does not make the gateway unhealthy (it still
 * serves every other partner); it is listed so that monitoring can warn before messages start failing.
 */
@Component
class ExchangeHealthIndicator implements HealthIndicator {

    private final Partners partners;
    private final ExchangeIdentity identity;
    private final ExchangeProperties properties;
    private final Clock clock;

    ExchangeHealthIndicator(Partners partners, ExchangeIdentity identity, ExchangeProperties properties, Clock clock) {
        this.partners = partners;
        this.identity = identity;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public Health health() {
        Instant now = clock.instant();
        List<Map<String, Object>> expiring = new ArrayList<>();
        PartnerCertificate ours = PartnerCertificate.of(identity.certificate(), now);
        if (!ours.status().equals("valid")) {
            expiring.add(entry("ours", properties.as2Id(), ours));
        }
        for (Partner partner : partners.list()) {
            for (PartnerCertificate certificate : partner.certificates()) {
                if (certificate.status().equals("expiring") || certificate.status().equals("expired")) {
                    expiring.add(entry("partner " + partner.id(), partner.as2Id(), certificate));
                }
            }
        }
        return Health.up().withDetail("expiringCertificates", expiring).build();
    }

    private static Map<String, Object> entry(String owner, String as2Id, PartnerCertificate certificate) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("owner", owner);
        entry.put("as2Id", as2Id);
        entry.put("subject", certificate.subject());
        entry.put("sha256", certificate.sha256());
        entry.put("notAfter", certificate.notAfter().toString());
        entry.put("status", certificate.status());
        return entry;
    }
}
