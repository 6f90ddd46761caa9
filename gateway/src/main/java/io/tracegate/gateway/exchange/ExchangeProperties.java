package io.tracegate.gateway.exchange;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Everything under {@code tracegate.exchange.*}; {@code docs/exchange.md} lists these with their defaults.
 *
 * @param as2Id            our AS2 name (AS2-From of what we send, AS2-To of what we accept)
 * @param keystore         a PKCS#12 file with our private key and certificate; without it a self-signed pair is
 *                         generated at first start and kept in {@code <data-dir>/exchange/}
 * @param keystorePassword its password (never logged or returned)
 * @param keyAlias         the key entry to use; the keystore's only key entry when unset
 * @param publicUrl        the base URL partners reach this gateway at (asynchronous MDNs come back to
 *                         {@code <publicUrl>/as2/mdn}); {@code http://localhost:<server.port>} when unset
 * @param maxMessageBytes  largest AS2 message accepted, and largest document after decompression
 * @param outbound         sending: workers, timeouts, retries
 * @param mtls             the mutual-TLS connector for partners posting EPCIS documents over HTTPS
 */
@ConfigurationProperties("tracegate.exchange")
public record ExchangeProperties(
        @DefaultValue("TRACEGATE") String as2Id,
        Path keystore,
        String keystorePassword,
        String keyAlias,
        URI publicUrl,
        @DefaultValue("64MB") DataSize maxMessageBytes,
        @DefaultValue Outbound outbound,
        @DefaultValue Mtls mtls) {

    /**
     * @param workers          messages sent at the same time
     * @param connectTimeout   TCP and TLS connection set-up
     * @param readTimeout      waiting for the partner's answer (a synchronous MDN is computed while we wait)
     * @param initialRetry     delay before the first retry; doubled after each failed attempt
     * @param maxRetryDelay    longest delay between two attempts
     * @param maxAttempts      attempts before a message is {@code failed}
     * @param asyncMdnTimeout  how long a message sent with an asynchronous MDN request waits for it before it is
     *                         {@code failed}
     * @param poll             how often the durable queue is looked at for due messages (new messages are sent at
     *                         once)
     */
    public record Outbound(@DefaultValue("4") int workers, @DefaultValue("10s") Duration connectTimeout,
            @DefaultValue("120s") Duration readTimeout, @DefaultValue("10s") Duration initialRetry,
            @DefaultValue("1h") Duration maxRetryDelay, @DefaultValue("12") int maxAttempts,
            @DefaultValue("6h") Duration asyncMdnTimeout, @DefaultValue("1s") Duration poll) {
    }

    /**
     * @param port TCP port of the HTTPS connector that asks partners for their client certificate; unset (the
     *             default) means no such connector; 0 picks a free port
     */
    public record Mtls(Integer port) {
    }

    /** Where a generated key pair is kept. */
    static Path identityDir(Path dataDir) {
        return dataDir.resolve("exchange");
    }
}
