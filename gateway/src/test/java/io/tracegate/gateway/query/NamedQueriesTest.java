package io.tracegate.gateway.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.tracegate.gateway.capture.CaptureTest;
import io.tracegate.gateway.security.Role;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Named queries and their subscriptions, with a real webhook receiver (an HTTP server on the loopback interface)
 * and a real WebSocket client: a query is created, run and deleted; webhooks on capture and on a schedule receive
 * exactly the matching events with a valid signature; a WebSocket receives them too.
 */
class NamedQueriesTest extends CaptureTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static HttpServer receiver;
    @Autowired
    private MeterRegistry meters;
    /** Webhook notifications received: path, GS1-Signature, body. */
    private static final BlockingQueue<String[]> RECEIVED = new LinkedBlockingQueue<>();

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            RECEIVED.add(new String[] {exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("GS1-Signature"), new String(body, StandardCharsets.UTF_8)});
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop(0);
    }

    private static String dest(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    private HttpResponse<String> postJson(String path, String key, String json) {
        return send(request(path, key).header("Content-Type", "application/json").POST(BodyPublishers.ofString(json)));
    }

    /** A named query of the events with this bizStep; returns its name. */
    private String createQuery(String key, String name, String bizStep) {
        assertThat(postJson("/queries", key, "{\"name\":\"" + name + "\",\"query\":{\"EQ_bizStep\":[\"" + bizStep
                + "\"]}}").statusCode()).isEqualTo(201);
        return name;
    }

    /** Captures one commissioning of a fresh EPC with this bizStep; waits for the job. */
    private void captureFor(String line, String bizStep) throws InterruptedException {
        String epc = "urn:epc:id:sgtin:0614141.107346.N" + RUN + UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<String> accepted = send(request("/capture", line).header("Content-Type", "application/ld+json")
                .POST(BodyPublishers.ofString("""
                        {"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
                         "type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2023-06-10T00:00:00Z",
                         "epcisBody":{"eventList":[{"type":"ObjectEvent","eventTime":"2023-06-01T10:00:00Z",
                          "eventTimeZoneOffset":"+00:00","action":"ADD","epcList":["%s"],"bizStep":"%s"}]}}"""
                        .formatted(epc, bizStep))));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(awaitJob(accepted.headers().firstValue("Location").orElseThrow(), line).body())
                .contains("\"success\":true");
    }

    private double sockets() {
        return meters.get("tracegate.query.websockets").gauge().value();
    }

    /** The next webhook notification to this path within the time, or null. */
    private static String[] next(String path, long seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            String[] got = RECEIVED.poll(100, TimeUnit.MILLISECONDS);
            if (got != null && got[0].equals(path)) {
                return got;
            }
            if (got != null) {
                RECEIVED.add(got);
            }
        }
        return null;
    }

    @Test
    void aNamedQueryIsCreatedListedRunAndDeletedByItsOwner() throws Exception {
        String owner = createKey(unique("nq-owner"), Role.COMPLIANCE);
        String other = createKey(unique("nq-other"), Role.PARTNER);
        String line = createKey(unique("nq-line"), Role.LINE);
        String step = "urn:example:nq:" + RUN + ":run";
        String name = "run-" + RUN;
        HttpResponse<String> created = postJson("/queries", owner,
                "{\"name\":\"" + name + "\",\"query\":{\"EQ_bizStep\":[\"" + step + "\"],\"eventType\":[\"ObjectEvent\"]}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/queries/" + name);
        assertThat(postJson("/queries", owner, "{\"name\":\"" + name + "\",\"query\":{}}").statusCode()).isEqualTo(409);
        assertQueryParameterRefused(postJson("/queries", owner, "{\"name\":\"bad-" + RUN
                + "\",\"query\":{\"EQ_colour\":[\"red\"]}}"), "a bad query", "EQ_colour", "not an EPCIS query parameter");
        assertThat(postJson("/queries", owner, "{\"name\":\"no spaces\",\"query\":{}}").statusCode()).isEqualTo(400);

        assertThat((String) json(get("/queries/" + name, other), "$.name")).isEqualTo(name);
        assertThat((List<String>) json(get("/queries/" + name, other), "$.query.EQ_bizStep")).containsExactly(step);
        List<String> names = new ArrayList<>();
        String page = "/queries?perPage=2";
        while (page != null) {
            HttpResponse<String> listed = get(page, other);
            names.addAll(json(listed, "$[*].name"));
            page = listed.headers().firstValue("Link").map(l -> l.substring(l.indexOf("/queries"), l.indexOf('>')))
                    .orElse(null);
        }
        assertThat(names).contains(name).doesNotHaveDuplicates();

        captureFor(line, step);
        HttpResponse<String> results = get("/queries/" + name + "/events", other);
        assertThat(results.statusCode()).as(results.body()).isEqualTo(200);
        assertThat((List<String>) json(results, "$.epcisBody.queryResults.resultsBody.eventList[*].bizStep"))
                .containsExactly(step);
        assertQueryParameterRefused(get("/queries/" + name + "/events?EQ_action=ADD", other), "an added parameter",
                "EQ_action", "cannot be added");

        assertThat(delete("/queries/" + name, other).statusCode()).as("not its owner").isEqualTo(403);
        assertThat(delete("/queries/" + name, owner).statusCode()).isEqualTo(204);
        HttpResponse<String> gone = get("/queries/" + name, owner);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat((String) json(gone, "$.type")).isEqualTo("epcisException:NoSuchNameException");
    }

    @Test
    void twoQueriesCreatedAtOnceUnderOneNameGiveOneQuery() throws Exception {
        String key = createKey(unique("nq-race"), Role.COMPLIANCE);
        for (int round = 0; round < 5; round++) {
            String name = "race-" + RUN + "-" + round;
            CyclicBarrier start = new CyclicBarrier(2);
            ExecutorService two = Executors.newFixedThreadPool(2);
            try {
                List<Future<Integer>> answers = new ArrayList<>();
                for (String step : List.of("a", "b")) {
                    answers.add(two.submit(() -> {
                        start.await();
                        return postJson("/queries", key, "{\"name\":\"" + name + "\",\"query\":{\"EQ_bizStep\":[\"urn:x:"
                                + step + "\"]}}").statusCode();
                    }));
                }
                assertThat(List.of(answers.get(0).get(), answers.get(1).get())).containsExactlyInAnyOrder(201, 409);
            } finally {
                two.shutdown();
            }
        }
    }

    @Test
    void webhooksOnCaptureAndOnAScheduleGetTheMatchingEventsSigned() throws Exception {
        String compliance = createKey(unique("nq-hooks"), Role.COMPLIANCE);
        String line = createKey(unique("nq-hooks-line"), Role.LINE);
        String step = "urn:example:nq:" + RUN + ":hook";
        String name = createQuery(compliance, "hooks-" + RUN, step);

        HttpResponse<String> stream = postJson("/queries/" + name + "/subscriptions", compliance,
                "{\"dest\":\"" + dest("/stream-" + RUN) + "\",\"signatureToken\":\"s3cret\",\"stream\":true}");
        assertThat(stream.statusCode()).as(stream.body()).isEqualTo(201);
        String id = json(stream, "$.subscriptionID");
        assertThat(stream.headers().firstValue("Location")).hasValue("/queries/" + name + "/subscriptions/" + id);
        assertThat(stream.body()).doesNotContain("s3cret");
        HttpResponse<String> scheduled = postJson("/queries/" + name + "/subscriptions", compliance,
                "{\"dest\":\"" + dest("/schedule-" + RUN) + "\",\"schedule\":{\"second\":\"*\"}}");
        assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(201);
        assertThat((String) json(scheduled, "$.schedule.second")).isEqualTo("*");
        assertThat(postJson("/queries/" + name + "/subscriptions", compliance, "{\"dest\":\"" + dest("/x")
                + "\"}").statusCode()).as("neither stream nor schedule").isEqualTo(400);
        assertThat((String) json(postJson("/queries/" + name + "/subscriptions", compliance, "{\"dest\":\""
                + dest("/x") + "\",\"stream\":true,\"schedule\":{\"hour\":\"1\"}}"), "$.type"))
                .isEqualTo("epcisException:SubscriptionControlsException");

        captureFor(line, "urn:example:nq:" + RUN + ":other");
        captureFor(line, step);

        String[] pushed = next("/stream-" + RUN, 20);
        assertThat(pushed).as("a stream notification").isNotNull();
        assertThat(pushed[2]).contains(step, "\"subscriptionID\":\"" + id + "\"").doesNotContain(":other");
        assertThat(pushed[1]).isEqualTo(QuerySubscriptions.signature("s3cret", pushed[2].getBytes(StandardCharsets.UTF_8)));
        String[] run = next("/schedule-" + RUN, 20);
        assertThat(run).as("a scheduled notification").isNotNull();
        assertThat(run[2]).contains(step).doesNotContain(":other");
        assertThat(run[1]).as("no token, no signature").isNull();
        assertThat(next("/schedule-" + RUN, 3)).as("a later run has no new events to send").isNull();
        assertThat((String) json(get("/queries/" + name + "/subscriptions/" + id, compliance), "$.lastNotifiedAt"))
                .isNotNull();
        assertThat((List<String>) json(get("/queries/" + name + "/subscriptions", compliance), "$[*].subscriptionID"))
                .hasSize(2).contains(id);

        assertThat(delete("/queries/" + name + "/subscriptions/" + json(scheduled, "$.subscriptionID"), compliance)
                .statusCode()).isEqualTo(204);
        captureFor(line, step);
        assertThat(next("/stream-" + RUN, 20)).isNotNull();
        assertThat(next("/schedule-" + RUN, 3)).as("unsubscribed").isNull();
        assertThat(delete("/queries/" + name, compliance).statusCode()).isEqualTo(204);
        assertThat(get("/queries/" + name + "/subscriptions/" + id, compliance).statusCode()).isEqualTo(404);
    }

    @Test
    void aWebSocketStreamGetsTheMatchingEvents() throws Exception {
        String compliance = createKey(unique("nq-socket"), Role.COMPLIANCE);
        String line = createKey(unique("nq-socket-line"), Role.LINE);
        String step = "urn:example:nq:" + RUN + ":socket";
        String name = createQuery(compliance, "socket-" + RUN, step);
        BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        double open = sockets();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + compliance)
                .buildAsync(URI.create("ws://localhost:" + port + "/queries/" + name + "/events?stream=true"),
                        new WebSocket.Listener() {
                            private final StringBuilder text = new StringBuilder();

                            @Override
                            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                                text.append(data);
                                if (last) {
                                    messages.add(text.toString());
                                    text.setLength(0);
                                }
                                webSocket.request(1);
                                return CompletableFuture.completedFuture(null);
                            }
                        }).get(20, TimeUnit.SECONDS);
        try {
            // the client hears the 101 before the server has registered the socket: capture only once it has
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (sockets() <= open && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertThat(sockets()).as("the socket registered").isGreaterThan(open);
            captureFor(line, step);
            String message = messages.poll(20, TimeUnit.SECONDS);
            assertThat(message).as("a WebSocket notification").isNotNull().contains("EPCISQueryDocument", step);
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
        CompletableFuture<WebSocket> refused = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + compliance)
                .buildAsync(URI.create("ws://localhost:" + port + "/queries/" + name + "/events?stream=true&colour=red"),
                        new WebSocket.Listener() { });
        assertThatThrownBy(() -> refused.get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode())
                        .isEqualTo(400));
    }
}
