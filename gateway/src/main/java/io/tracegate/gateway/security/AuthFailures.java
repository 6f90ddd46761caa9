package io.tracegate.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Failed authentications per client address, in this instance's memory (each gateway instance limits on its own):
 * each is logged with the key's first characters only, and past {@code tracegate.security.auth-failures.limit}
 * within the window, keys from that address are refused without being checked until the window ends. IPv6 clients
 * count per /64, the block one subscriber usually holds. A bounded Caffeine cache holds the windows: an attacker
 * rotating addresses cannot make it grow, and its admission policy keeps the addresses that keep failing.
 */
@Component
public class AuthFailures {

    private static final Logger log = LoggerFactory.getLogger(AuthFailures.class);
    private static final long ADMISSION_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final SecurityProperties.AuthFailures limits;
    private final Clock clock;
    private final Cache<String, Window> windows;

    public AuthFailures(SecurityProperties properties, Clock clock, MeterRegistry meters) {
        this.limits = properties.authFailures();
        this.clock = clock;
        this.windows = Caffeine.newBuilder().maximumSize(limits.addresses())
                .expireAfterWrite(limits.window())
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .executor(Runnable::run) // evict on the caller's thread: the bound holds at once
                .build();
        Gauge.builder("tracegate.auth.failures.addresses", windows, cache -> {
            cache.cleanUp();
            return cache.estimatedSize();
        }).description("Client addresses with failed authentications remembered").register(meters);
    }

    /** An address's failures since {@code start}, and its keys being checked now. */
    private record Window(Instant start, int failures, int checking) {
    }

    /**
     * Admits a key from this address to be checked, unless the address has failed too often: then the check says for
     * how long its keys are refused. Checks in progress count, so that keys sent at the same time cannot all be
     * checked past the limit: when the failures so far and the checks in progress reach it, a key waits (briefly:
     * a check is one indexed look-up) until those checks end. An admitted check ends with {@link Check#passed()} or
     * {@link Check#failed(String)}, or is abandoned by {@link Check#close()}.
     */
    public Check admit(String address) {
        String client = client(address);
        long deadline = System.nanoTime() + ADMISSION_WAIT_NANOS;
        while (true) {
            Instant now = clock.instant();
            Duration[] refused = {null};
            boolean[] admitted = {false};
            windows.asMap().compute(client, (k, window) -> {
                Window current = window == null ? new Window(now, 0, 0)
                        : now.isBefore(until(window)) ? window : new Window(now, 0, window.checking());
                if (current.failures() >= limits.limit()) {
                    refused[0] = Duration.between(now, until(current));
                    return current;
                }
                if (current.failures() + current.checking() >= limits.limit()) {
                    return current; // the checks in progress may reach the limit: wait for them
                }
                admitted[0] = true;
                return new Window(current.start(), current.failures(), current.checking() + 1);
            });
            if (admitted[0] || refused[0] != null) {
                return new Check(client, Optional.ofNullable(refused[0]));
            }
            if (System.nanoTime() > deadline || !pause()) {
                return new Check(client, Optional.of(Duration.ofSeconds(1))); // the key store is not answering
            }
        }
    }

    /**
     * Whether keys from this address are refused unchecked now: read only, for a key already known to be good (such a
     * check cannot fail, so it need not be counted among the checks in progress).
     */
    public boolean refusing(String address) {
        Window window = windows.getIfPresent(client(address));
        return window != null && window.failures() >= limits.limit() && clock.instant().isBefore(until(window));
    }

    /** Waits for checks in progress to end. Polling: they end within milliseconds, and waits are rare. */
    private static boolean pause() {
        try {
            Thread.sleep(2);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** One key's check from one address. */
    public final class Check implements AutoCloseable {

        private final String client;
        private final Optional<Duration> refusedFor;
        private boolean open;

        private Check(String client, Optional<Duration> refusedFor) {
            this.client = client;
            this.refusedFor = refusedFor;
            this.open = refusedFor.isEmpty();
        }

        /** How long keys from this address are refused unchecked, or empty when the key may be checked. */
        public Optional<Duration> refusedFor() {
            return refusedFor;
        }

        public void passed() {
            finish(false);
        }

        /** Records and logs a failed authentication: an unknown or revoked key. */
        public void failed(String key) {
            Window window = finish(true);
            log.warn("Refused an unknown or revoked API key {} from {} ({} of {} failures allowed within {} s)",
                    prefix(key), client, window.failures(), limits.limit(), limits.window().toSeconds());
            if (window.failures() == limits.limit()) {
                log.warn("Too many failed authentications from {}: its API keys are refused unchecked until {}",
                        client, until(window));
            }
        }

        /** Ends a check that neither passed nor failed (the key store could not answer). */
        @Override
        public void close() {
            if (open) {
                finish(false);
            }
        }

        private Window finish(boolean failed) {
            open = false;
            Instant now = clock.instant();
            Window[] ended = {null};
            windows.asMap().compute(client, (k, window) -> {
                Window current = window == null ? new Window(now, 0, 1) : window;
                ended[0] = new Window(current.start(), current.failures() + (failed ? 1 : 0),
                        Math.max(0, current.checking() - 1));
                // an address that never failed is not remembered
                return ended[0].failures() == 0 && ended[0].checking() == 0 ? null : ended[0];
            });
            return ended[0];
        }
    }

    private Instant until(Window window) {
        return window.start().plus(limits.window());
    }

    /** Enough of a key to tell keys apart in a log, never enough to use it: at most 6 characters, a quarter of it. */
    static String prefix(String key) {
        String shown = key.substring(0, Math.min(6, key.length() / 4)).replaceAll("[^\\x21-\\x7e]", "?");
        return "'" + shown + "...' (" + key.length() + " characters)";
    }

    /** The address an IPv4 client is counted by, or the /64 network of an IPv6 client. */
    static String client(String address) {
        if (address.indexOf(':') < 0 || !address.matches("[0-9A-Fa-f:.]+")) {
            return address; // IPv4, or not an IPv6 literal (that InetAddress could try to look up)
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length != 16) {
                return address;
            }
            Arrays.fill(bytes, 8, 16, (byte) 0);
            return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            return address; // malformed: count it as written
        }
    }
}
