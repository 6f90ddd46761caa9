package io.tracegate.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tracegate.gs1.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The per-address limit on failed authentications, on a clock the test moves. */
class AuthFailuresTest {

    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private AuthFailures failures(int limit, int addresses) {
        return new AuthFailures(new SecurityProperties(new SecurityProperties.AuthFailures(limit,
                Duration.ofMinutes(1), addresses)), clock, meters);
    }

    @Test
    void anAddressIsRefusedOnceItReachesTheLimitUntilItsWindowEnds() {
        AuthFailures failures = failures(3, 100);
        for (int i = 0; i < 2; i++) {
            fail(failures, "10.0.0.1");
            clock.move(Duration.ofSeconds(10));
        }
        assertThat(refusedFor(failures, "10.0.0.1")).isEmpty();

        fail(failures, "10.0.0.1");

        assertThat(refusedFor(failures, "10.0.0.1")).hasValue(Duration.ofSeconds(40));
        assertThat(refusedFor(failures, "10.0.0.2")).isEmpty();
        clock.move(Duration.ofSeconds(39));
        assertThat(refusedFor(failures, "10.0.0.1")).hasValue(Duration.ofSeconds(1));
        clock.move(Duration.ofSeconds(1));
        assertThat(refusedFor(failures, "10.0.0.1")).isEmpty();
        fail(failures, "10.0.0.1");
        assertThat(refusedFor(failures, "10.0.0.1")).as("a new window").isEmpty();
    }

    @Test
    void ipv6ClientsCountPerSlash64() {
        AuthFailures failures = failures(2, 100);

        fail(failures, "2001:db8:0:7::1");
        fail(failures, "2001:db8:0:7:ffff::2");

        assertThat(refusedFor(failures, "2001:db8:0:7::3")).isPresent();
        assertThat(refusedFor(failures, "2001:db8:0:8::1")).isEmpty();
        assertThat(AuthFailures.client("2001:db8:0:7:ffff::2")).isEqualTo("2001:db8:0:7:0:0:0:0/64");
    }

    @Test
    void anAttackerRotatingAddressesCannotGrowTheTable() {
        AuthFailures failures = failures(3, 100);

        for (int i = 0; i < 2_000; i++) {
            fail(failures, "10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255));
        }

        assertThat(meters.get("tracegate.auth.failures.addresses").gauge().value()).isLessThanOrEqualTo(100);
    }

    @Test
    void keysSentTogetherAreNotCheckedPastTheLimit() throws Exception {
        AuthFailures failures = failures(10, 100);
        CyclicBarrier start = new CyclicBarrier(30);
        ExecutorService threads = Executors.newFixedThreadPool(30);
        try {
            List<Future<Boolean>> checked = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                checked.add(threads.submit(() -> {
                    start.await();
                    try (AuthFailures.Check check = failures.admit("10.0.0.9")) {
                        if (check.refusedFor().isPresent()) {
                            return false;
                        }
                        check.failed("tg_guess");
                        return true;
                    }
                }));
            }
            int admitted = 0;
            for (Future<Boolean> check : checked) {
                admitted += check.get(20, TimeUnit.SECONDS) ? 1 : 0;
            }

            assertThat(admitted).isEqualTo(10);
            assertThat(refusedFor(failures, "10.0.0.9")).isPresent();
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void validKeysSentTogetherWaitForEachOtherButAreNeverRefused() throws Exception {
        AuthFailures failures = failures(10, 100);
        fail(failures, "10.0.0.8"); // one typo earlier in the window
        CyclicBarrier start = new CyclicBarrier(30);
        ExecutorService threads = Executors.newFixedThreadPool(30);
        try {
            List<Future<Boolean>> checked = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                checked.add(threads.submit(() -> {
                    start.await();
                    try (AuthFailures.Check check = failures.admit("10.0.0.8")) {
                        Thread.sleep(5); // the look-up
                        check.passed();
                        return check.refusedFor().isEmpty();
                    }
                }));
            }
            for (Future<Boolean> check : checked) {
                assertThat(check.get(20, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void anAbandonedCheckCountsNothing() {
        AuthFailures failures = failures(1, 100);
        for (int i = 0; i < 5; i++) {
            failures.admit("10.0.0.3").close(); // the key store could not answer
        }
        try (AuthFailures.Check check = failures.admit("10.0.0.3")) {
            check.passed();
        }

        assertThat(refusedFor(failures, "10.0.0.3")).isEmpty();
        assertThat(meters.get("tracegate.auth.failures.addresses").gauge().value()).as("nothing remembered")
                .isZero();
    }

    @Test
    void onlyAShortPrefixOfAKeyIsEverShown() {
        assertThat(AuthFailures.prefix("tg_q8ZxY2wVb7Tn4Kc9Lp3Rm6Hd1Fs5Gj0Ae8Uy2Io7Qw"))
                .isEqualTo("'tg_q8Z...' (45 characters)");
        assertThat(AuthFailures.prefix("short-key")).isEqualTo("'sh...' (9 characters)");
        assertThat(AuthFailures.prefix("\u0000\nabcdefgh")).isEqualTo("'??...' (10 characters)");
    }

    private static void fail(AuthFailures failures, String address) {
        try (AuthFailures.Check check = failures.admit(address)) {
            assertThat(check.refusedFor()).isEmpty();
            check.failed("tg_wrong");
        }
    }

    private static Optional<Duration> refusedFor(AuthFailures failures, String address) {
        try (AuthFailures.Check check = failures.admit(address)) {
            return check.refusedFor();
        }
    }
}
