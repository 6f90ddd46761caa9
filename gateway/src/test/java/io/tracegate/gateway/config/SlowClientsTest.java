package io.tracegate.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.tracegate.gateway.GatewayApplication;
import io.tracegate.gateway.RawHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 9, D8: slow and stalled clients, with and without a key, against a gateway of 4 worker threads (a second
 * instance, with its own embedded PostgreSQL, started once for this class): more slow connections than threads, and
 * a normal request is still answered while they hang; then the stalled ones are cut by the timeouts.
 */
class SlowClientsTest {

    private static final String ADMIN_KEY = "slow-clients-admin-key-" + UUID.randomUUID();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String DOCUMENT_START = "{\"@context\":[\"https://ref.gs1.org/standards/epcis/2.0.0/";

    private static ConfigurableApplicationContext gateway;
    private static int port;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        Path dataDir = Path.of("target", "test-data", "slow-clients-" + UUID.randomUUID()).toAbsolutePath();
        gateway = new SpringApplicationBuilder(GatewayApplication.class).run(
                "--server.port=0",
                "--tracegate.data-dir=" + dataDir,
                "--tracegate.admin-key=" + ADMIN_KEY,
                "--server.tomcat.threads.max=4",
                "--server.tomcat.connection-timeout=" + TIMEOUT.toSeconds() + "s",
                "--tracegate.http.body-idle-timeout=" + TIMEOUT.toSeconds() + "s",
                // a document announcing a petabyte passes the size limit and meets the disk-space guard
                "--tracegate.capture.max-file-bytes=1024TB");
        port = Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port"));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void moreSlowClientsThanThreadsDoNotStarveANormalRequestAndTheStalledOnesAreCut() throws Exception {
        // Six uploads without a key that stall after their first bytes: refused (401) at once, their connections
        // closed after a second instead of waiting for the rest of their bodies.
        List<RawHttp> keyless = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            keyless.add(RawHttp.connect(port, null).send(uploadHead(null, 1_000_000) + DOCUMENT_START));
        }
        for (RawHttp upload : keyless) {
            assertThat(upload.readResponse().status()).isEqualTo(401);
            assertThat(upload.closedByServer(Duration.ofSeconds(20))).isTrue();
        }

        // Six requests whose headers stop half-way: the server waits for them without a thread.
        List<RawHttp> heads = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            heads.add(RawHttp.connect(port, null).send("GET /capture HTTP/1.1\r\nHost: localhost\r\nAuthor"));
        }

        // Five uploads with a key that stall the same way: half the 4 threads (2) may read bodies; the other three
        // are refused at once (503, Retry-After) and closed.
        List<RawHttp> keyed = new ArrayList<>();
        List<CompletableFuture<RawHttp.Response>> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            RawHttp upload = RawHttp.connect(port, null).send(uploadHead(ADMIN_KEY, 1_000_000) + DOCUMENT_START);
            keyed.add(upload);
            answers.add(CompletableFuture.supplyAsync(upload::readResponse));
        }
        List<RawHttp.Response> refused = awaitAnswers(answers, 3);
        List<CompletableFuture<RawHttp.Response>> reading = answers.stream().filter(answer -> !answer.isDone())
                .toList();

        // 17 slow connections on 4 threads: a normal request is answered while the two uploads still hang.
        HttpResponse<String> normal = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/capture")).header("Authorization", "Bearer " + ADMIN_KEY).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(normal.statusCode()).isEqualTo(200);
        assertThat(reading).as("the stalled uploads still hang").hasSize(2).noneMatch(CompletableFuture::isDone);
        assertThat(refused).hasSize(3).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.header("Retry-After")).isEqualTo("5");
            assertThat(response.body()).contains("tracegate.http.max-uploads");
        });
        for (int i = 0; i < keyed.size(); i++) {
            if (!reading.contains(answers.get(i))) {
                assertThat(keyed.get(i).closedByServer(Duration.ofSeconds(20))).isTrue();
            }
        }

        // The stalled ones are cut after the timeout, bodies and heads alike, and their slots are free again.
        for (CompletableFuture<RawHttp.Response> stalled : reading) {
            // cut: the connection closes, with the 408 the gateway answers if it still gets through
            assertThat(stalled.handle((response, closed) -> closed != null ? 408 : response.status())
                    .get(20, TimeUnit.SECONDS)).as("a stalled upload is cut").isEqualTo(408);
        }
        for (RawHttp stalled : heads) {
            assertThat(stalled.closedByServer(TIMEOUT.multipliedBy(4))).as("a stalled request head is cut")
                    .isTrue();
        }
        keyless.forEach(RawHttp::close);
        keyed.forEach(RawHttp::close);
        heads.forEach(RawHttp::close);
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> upload = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/capture")).header("Authorization", "Bearer " + ADMIN_KEY)
                    .header("Content-Type", "application/ld+json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);
        }
    }

    @Test
    void anUploadThatWouldFillTheDiskIsRefusedBeforeItsBodyIsRead() {
        long petabyte = 1_000_000_000_000_000L;
        try (RawHttp upload = RawHttp.connect(port, null).send(uploadHead(ADMIN_KEY, petabyte) + DOCUMENT_START)) {
            RawHttp.Response response = upload.readResponse();

            assertThat(response.status()).isEqualTo(507);
            assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
            assertThat((String) JsonPath.read(response.body(), "$.detail")).contains("MB free", "this 953,674,316 MB document",
                    "tracegate.documents.min-free-space (1,024 MB)", "nothing was stored");
            assertThat(upload.closedByServer(Duration.ofSeconds(20))).isTrue();
        }
    }

    private static String uploadHead(String key, long length) {
        return key == null
                ? RawHttp.head("POST", "/capture", "Content-Type: application/ld+json", "Content-Length: " + length)
                : RawHttp.head("POST", "/capture", "Authorization: Bearer " + key,
                        "Content-Type: application/ld+json", "Content-Length: " + length);
    }

    /** Waits until {@code count} of the answers have come, and returns them. */
    private static List<RawHttp.Response> awaitAnswers(List<CompletableFuture<RawHttp.Response>> answers, int count)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (answers.stream().filter(CompletableFuture::isDone).count() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return answers.stream().filter(CompletableFuture::isDone).map(CompletableFuture::join).toList();
    }
}
