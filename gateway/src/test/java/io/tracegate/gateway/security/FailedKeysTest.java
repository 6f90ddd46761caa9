package io.tracegate.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.tracegate.gateway.GatewayTest;
import io.tracegate.gateway.RawHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Issue 9: 2,000 bad keys met no limit and left no trace. Sent from an address of their own (127.x.y.z is this
 * machine) so that the limit does not touch the other tests' 127.0.0.1.
 */
@ExtendWith(OutputCaptureExtension.class)
class FailedKeysTest extends GatewayTest {

    private static final int LIMIT = 10; // tracegate.security.auth-failures.limit, default

    @Test
    void failedKeysAreLoggedByTheirPrefixAndLimitedPerClientAddress(CapturedOutput log) {
        String address = "127.0." + ThreadLocalRandom.current().nextInt(1, 255) + "."
                + ThreadLocalRandom.current().nextInt(1, 255);
        String guess = "tg_" + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE / 2, Long.MAX_VALUE),
                36) + "Guess0000000000000000000000";

        for (int i = 0; i < LIMIT; i++) {
            assertThat(getFrom(address, guess).status()).isEqualTo(401);
        }
        RawHttp.Response limited = getFrom(address, guess);
        RawHttp.Response validKeyFromThere = getFrom(address, ADMIN_KEY);

        for (RawHttp.Response response : new RawHttp.Response[] {limited, validKeyFromThere}) {
            assertThat(response.status()).isEqualTo(429);
            assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
            assertThat(Integer.parseInt(response.header("Retry-After"))).isBetween(1, 60);
            assertThat((String) JsonPath.read(response.body(), "$.type")).isEqualTo("epcisException:SecurityException");
            assertThat((String) JsonPath.read(response.body(), "$.detail"))
                    .contains("too many failed authentications from " + address, "refused unchecked for the next");
        }
        assertThat(get("/admin/keys", ADMIN_KEY).statusCode()).as("other addresses are not limited").isEqualTo(200);
        assertThat(log).contains("Refused an unknown or revoked API key '" + guess.substring(0, 6) + "...' ("
                + guess.length() + " characters) from " + address + " (1 of 10 failures allowed within 60 s)");
        assertThat(log).contains("Too many failed authentications from " + address);
        assertThat(log.getAll()).doesNotContain(guess.substring(0, 7));
    }

    @Test
    void badKeysSentTogetherAreNotCheckedPastTheLimit() throws Exception {
        String address = "127.1." + ThreadLocalRandom.current().nextInt(1, 255) + "."
                + ThreadLocalRandom.current().nextInt(1, 255);
        CyclicBarrier start = new CyclicBarrier(30);
        ExecutorService clients = Executors.newFixedThreadPool(30);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String guess = "tg_together" + i + "-0123456789abcdefghijklmnop";
                statuses.add(clients.submit(() -> {
                    start.await();
                    return getFrom(address, guess).status();
                }));
            }
            List<Integer> answered = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                answered.add(status.get(60, TimeUnit.SECONDS));
            }

            assertThat(answered).filteredOn(status -> status == 401).hasSize(LIMIT);
            assertThat(answered).filteredOn(status -> status == 429).hasSize(30 - LIMIT);
        } finally {
            clients.shutdownNow();
        }
    }

    private RawHttp.Response getFrom(String address, String key) {
        try (RawHttp connection = RawHttp.connect(port, address)) {
            return connection.send(RawHttp.head("GET", "/admin/keys", "Authorization: Bearer " + key,
                    "Connection: close")).readResponse();
        }
    }
}
