package io.tracegate.gateway.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tracegate.security.*}.
 *
 * @param authFailures how failed authentications (unknown or revoked keys) are limited per client address
 */
@ConfigurationProperties("tracegate.security")
public record SecurityProperties(@DefaultValue AuthFailures authFailures) {

    /**
     * @param limit     failed authentications an address may make within {@code window}; past it, keys from that
     *                  address are refused with 429 without being checked until the window ends
     * @param window    the window, counted from an address's first failure
     * @param addresses most addresses remembered at once (memory stays bounded when an attacker rotates addresses;
     *                  the least useful entries are dropped first)
     */
    public record AuthFailures(@DefaultValue("10") int limit, @DefaultValue("1m") Duration window,
            @DefaultValue("10000") int addresses) {
    }
}
