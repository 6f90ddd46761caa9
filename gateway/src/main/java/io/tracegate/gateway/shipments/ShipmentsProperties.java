package io.tracegate.gateway.shipments;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything under {@code tracegate.shipments.*}; {@code docs/shipments.md} lists these with their defaults.
 *
 * @param poll          how often the shipments worker looks for captures to act on and shipments to compose (a
 *                      capture that commits wakes it at once; this is the fallback, and how other gateways' captures
 *                      on the same database are found)
 * @param dueDays       business days an exception has to be resolved in
 * @param businessZone  the time zone whose calendar days count: when an exception is due and when it is overdue
 */
@ConfigurationProperties("tracegate.shipments")
public record ShipmentsProperties(
        @DefaultValue("1s") Duration poll,
        @DefaultValue("3") int dueDays,
        @DefaultValue("America/New_York") ZoneId businessZone) {
}
