package io.tracegate.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The per-address limit on failed authentications, on a clock the test moves. */
class AuthFailuresTest {

    private final MovableClock clock = new MovableClock();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private AuthFailures failures(int limit, int addresses) {
        return new AuthFailures(new SecurityProperties(new SecurityProperties.AuthFailures(limit,
                Duration.ofMinutes(1), addresses)), clock, meters);
    }

    @Test
    void anAddressIsRefusedOnceItReachesTheLimitUntilItsWindowEnds() {
        AuthFailures failures = failures(3, 100);
        for (int i = 0; i < 2; i++) {
            failures.failed("10.0.0.1", "tg_wrong");
            clock.move(Duration.ofSeconds(10));
        }
        assertThat(failures.refusedFor("10.0.0.1")).isEmpty();

        failures.failed("10.0.0.1", "tg_wrong");

        assertThat(failures.refusedFor("10.0.0.1")).hasValue(Duration.ofSeconds(40));
        assertThat(failures.refusedFor("10.0.0.2")).isEmpty();
        clock.move(Duration.ofSeconds(39));
        assertThat(failures.refusedFor("10.0.0.1")).hasValue(Duration.ofSeconds(1));
        clock.move(Duration.ofSeconds(1));
        assertThat(failures.refusedFor("10.0.0.1")).isEmpty();
        failures.failed("10.0.0.1", "tg_wrong");
        assertThat(failures.refusedFor("10.0.0.1")).as("a new window").isEmpty();
    }

    @Test
    void ipv6ClientsCountPerSlash64() {
        AuthFailures failures = failures(2, 100);

        failures.failed("2001:db8:0:7::1", "k");
        failures.failed("2001:db8:0:7:ffff::2", "k");

        assertThat(failures.refusedFor("2001:db8:0:7::3")).isPresent();
        assertThat(failures.refusedFor("2001:db8:0:8::1")).isEmpty();
        assertThat(AuthFailures.client("2001:db8:0:7:ffff::2")).isEqualTo("2001:db8:0:7:0:0:0:0/64");
    }

    @Test
    void anAttackerRotatingAddressesCannotGrowTheTable() {
        AuthFailures failures = failures(3, 100);

        for (int i = 0; i < 2_000; i++) {
            failures.failed("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255), "tg_guess");
        }

        assertThat(meters.get("tracegate.auth.failures.addresses").gauge().value()).isLessThanOrEqualTo(100);
    }

    @Test
    void onlyAShortPrefixOfAKeyIsEverShown() {
        assertThat(AuthFailures.prefix("tg_q8ZxY2wVb7Tn4Kc9Lp3Rm6Hd1Fs5Gj0Ae8Uy2Io7Qw"))
                .isEqualTo("'tg_q8Z...' (45 characters)");
        assertThat(AuthFailures.prefix("short-key")).isEqualTo("'sh...' (9 characters)");
        assertThat(AuthFailures.prefix("\u0000\nabcdefgh")).isEqualTo("'??...' (10 characters)");
    }

    /** A clock the test moves by hand. */
    private static final class MovableClock extends Clock {

        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
