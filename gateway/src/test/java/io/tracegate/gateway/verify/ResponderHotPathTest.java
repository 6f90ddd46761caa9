package io.tracegate.gateway.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracegate.gateway.RawHttp;
import io.tracegate.gateway.security.Role;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The responder's hot path ({@link ResponderFilter}): it answers as the controller does, and what it relies on is
 * never stale: a key revoked while verifications run stops at once (also one being authenticated for the first time
 * just then), and a unit's mark is seen by the next verification.
 */
class ResponderHotPathTest extends VerifyTest {

    private static final String LOT = "H1";

    @Test
    void theHotPathAnswersAsTheControllerDoes() {
        String unit = commissioned(LOT, "2030-03-15");
        String key = createKey(unique("hot"), Role.PARTNER);
        String verified = lmsPath(GTIN, LOT, serial(unit), "300315", "&corrUUID=8d1f0c52-2b8e-4bb4-9b43-0e0a3c0b2a11");
        String mismatch = lmsPath(GTIN, "OTHER", serial(unit), "300315", "");

        // a key's first request goes through the security chain to the controller (the key is not remembered yet)
        HttpResponse<String> controller = get(verified, key);
        HttpResponse<String> hot = get(verified, key);
        // percent-encoding ("%48" is "H") is left to the controller too
        HttpResponse<String> encoded = get(verified.replace("/lot/" + LOT, "/lot/%48" + LOT.substring(1)), key);

        for (HttpResponse<String> answer : List.of(controller, hot, encoded)) {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(headers(answer)).isEqualTo(headers(controller));
            assertThat(answer.body().replaceAll("\"verificationTimestamp\":\"[^\"]+\"", ""))
                    .isEqualTo(controller.body().replaceAll("\"verificationTimestamp\":\"[^\"]+\"", ""));
        }
        HttpResponse<String> notVerified = get(mismatch, key);
        assertThat(notVerified.statusCode()).isEqualTo(200);
        assertThat((Map<String, Object>) json(notVerified, "$.data")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "verified", false, "verificationFailureReason", "No_match_GTIN_Serial_Lot"));
        assertThat(headers(notVerified)).isEqualTo(headers(controller));
        // refusals the hot path leaves to the controller
        assertThat(get(mismatch.replace("exp=300315", "exp=300315&exp=300316"), key).statusCode()).isEqualTo(400);
        assertThat(get(mismatch.replace("linkType=verificationService", "linkType=pip"), key).statusCode())
                .isEqualTo(400);
        assertThat(get(verified, lineKey()).statusCode()).isEqualTo(403);
    }

    @Test
    void aKeyRevokedWhileItVerifiesStopsAtOnce() throws Exception {
        String unit = commissioned(LOT, "2030-03-15");
        String path = lmsPath(GTIN, LOT, serial(unit), "300315", "");
        String address = ownAddress();
        String rememberedName = unique("revoked-hot");
        String remembered = createKey(rememberedName, Role.PARTNER);
        assertThat(getFrom(address, path, remembered).status()).isEqualTo(200);
        // never used before: its first authentications run into the revocation
        String freshName = unique("revoked-fresh");
        String fresh = createKey(freshName, Role.PARTNER);

        List<Answered> answers = whileChanging(address, path, List.of(remembered, fresh),
                () -> List.of(rememberedName, freshName).forEach(name ->
                        assertThat(delete("/admin/keys/" + name, ADMIN_KEY).statusCode()).isEqualTo(204)));

        // refused: 401, or 429 once the address has sent more revoked keys than tracegate.security.auth-failures allows
        assertThat(answers).filteredOn(Answered::afterChange).isNotEmpty()
                .allSatisfy(a -> assertThat(a.status()).as(a.body()).isIn(401, 429));
        assertThat(answers).extracting(Answered::status).containsOnly(200, 401, 429);
        // the hot path does not let a good key through from an address whose keys are refused
        assertThat(getFrom(address, path, partnerKey()).status()).isEqualTo(429);
        assertThat(get(path, partnerKey()).statusCode()).isEqualTo(200);
    }

    @Test
    void aUnitMarkedWhileItIsVerifiedIsSeenAtOnce() throws Exception {
        String unit = commissioned(LOT, "2030-03-15");
        String path = lmsPath(GTIN, LOT, serial(unit), "300315", "");

        List<Answered> answers = whileChanging(ownAddress(), path, List.of(partnerKey()), () -> {
            HttpResponse<String> marked = post("/units/" + encode(unit) + "/marks", complianceKey(),
                    "{\"mark\":\"illegitimate\",\"note\":\"hot path\"}");
            assertThat(marked.statusCode()).as(marked.body()).isEqualTo(201);
        });

        assertThat(answers).filteredOn(Answered::afterChange).isNotEmpty().allSatisfy(a ->
                assertThat(a.body()).contains("\"verified\":false", "Not_for_re-distribution", "Illegitimate"));
        assertThat(answers).extracting(Answered::status).containsOnly(200);
    }

    /** One answer, and whether its request was sent after the change had been made. */
    private record Answered(int status, String body, boolean afterChange) {
    }

    /**
     * Four threads per key verify in a loop from {@code address} while another makes the change, all released by
     * one barrier; each thread goes on until it has sent 10 requests after the change returned.
     */
    private List<Answered> whileChanging(String address, String path, List<String> keys, Runnable change)
            throws Exception {
        int verifiers = 4 * keys.size();
        CyclicBarrier start = new CyclicBarrier(verifiers + 1);
        AtomicLong changedAt = new AtomicLong(Long.MAX_VALUE);
        ConcurrentLinkedQueue<Answered> answers = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < verifiers; t++) {
            String key = keys.get(t % keys.size());
            Thread thread = new Thread(() -> {
                try {
                    start.await(30, TimeUnit.SECONDS);
                    int after = 0;
                    while (after < 10) {
                        long sent = System.nanoTime();
                        RawHttp.Response answer = getFrom(address, path, key);
                        boolean afterChange = sent > changedAt.get();
                        answers.add(new Answered(answer.status(), answer.body(), afterChange));
                        after += afterChange ? 1 : 0;
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.await(30, TimeUnit.SECONDS);
        change.run();
        changedAt.set(System.nanoTime());
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(60));
        }
        assertThat(failures).isEmpty();
        return List.copyOf(answers);
    }

    /**
     * A client address of this test's own (127.x.y.z is this machine): revoked keys sent from it must not make the
     * other tests' 127.0.0.1 refused.
     */
    private static String ownAddress() {
        return "127.2." + ThreadLocalRandom.current().nextInt(1, 255) + "." + ThreadLocalRandom.current().nextInt(1, 255);
    }

    private RawHttp.Response getFrom(String address, String path, String key) {
        try (RawHttp connection = RawHttp.connect(port, address)) {
            return connection.send(RawHttp.head("GET", path, "Authorization: Bearer " + key, "Connection: close"))
                    .readResponse();
        }
    }

    /** The answer's headers but those that differ from one answer to the next or with how the body was sent. */
    private static Map<String, List<String>> headers(HttpResponse<String> answer) {
        Map<String, List<String>> headers = new TreeMap<>(answer.headers().map());
        List.of("date", "content-length", "transfer-encoding").forEach(headers::remove);
        return headers;
    }
}
