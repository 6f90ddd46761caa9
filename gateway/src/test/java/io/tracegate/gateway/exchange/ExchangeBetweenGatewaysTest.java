package io.tracegate.gateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tracegate.gateway.SecondGateway;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Acceptance 1 and 3: this test's gateway (A) and a second gateway (B, started here with its own database) exchange
 * documents over AS2, each registered as the other's partner: signed, encrypted and compressed with a synchronous
 * signed MDN and with an asynchronous one, B's captured events equal A's; with B unreachable, then answering 503,
 * then losing A's connection after processing, the message is retried and B processes it exactly once; and A pushes
 * a document to B's mutual-TLS connector with its client certificate.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExchangeBetweenGatewaysTest extends ExchangeTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String bName = unique("GATEWAY-B");
    private SecondGateway b;
    private long bAtA;
    private String bAtAJson;

    @BeforeAll
    void startSecondGateway() {
        b = SecondGateway.start("--tracegate.exchange.as2-id=" + bName, "--tracegate.exchange.mtls.port=0");
        String bCertificate = call(b, "GET", "/exchange/certificate", null, null).body();
        bAtAJson = "\"name\":\"B\",\"as2Id\":\"" + bName + "\",\"url\":\"" + b.url("/as2") + "\",\"certificates\":["
                + jsonString(bCertificate) + "],\"compression\":true,\"mdn\":{\"signed\":true,\"async\":%s}";
        HttpResponse<String> created = post("/partners", ADMIN_KEY, "{" + bAtAJson.formatted("false") + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        bAtA = ((Number) json(created, "$.id")).longValue();
        String aCertificate = get("/exchange/certificate", null).body();
        HttpResponse<String> aAtB = call(b, "POST", "/partners", "{\"name\":\"A\",\"as2Id\":\"TRACEGATE\",\"url\":\""
                + "http://localhost:" + port + "/as2\",\"glns\":[\"" + EpcisDocuments.SITE_GLN
                + "\"],\"certificates\":[" + jsonString(aCertificate) + "]}", "application/json");
        assertThat(aAtB.statusCode()).as(aAtB.body()).isEqualTo(201);
    }

    @AfterAll
    void stopSecondGateway() {
        if (b != null) {
            b.close();
        }
    }

    @Test
    void aSignedEncryptedCompressedDocumentWithASyncSignedMdnIsCapturedByTheReceiverAsTheSenderHasIt() {
        byte[] document = EpcisDocuments.commissioning(run(), 4);
        String firstEpc = JsonPath.read(new String(document), "$.epcisBody.eventList[0].epcList[0]");
        HttpResponse<String> captured = send(request("/capture", ADMIN_KEY)
                .header("Content-Type", "application/ld+json").POST(HttpRequest.BodyPublishers.ofByteArray(document)));
        assertThat(captured.statusCode()).as(captured.body()).isEqualTo(202);
        await(captured.headers().firstValue("Location").orElseThrow(), r -> !(Boolean) json(r, "$.running"));

        String messageId = deliver(document);

        HttpResponse<String> atB = awaitAt(b, "/messages?direction=in&limit=20",
                r -> captureIdOf(r, messageId) != null);
        long captureId = captureIdOf(atB, messageId);
        HttpResponse<String> job = awaitAt(b, "/capture/" + captureId, r -> !(Boolean) json(r, "$.running"));
        assertThat((Boolean) json(job, "$.success")).as(job.body()).isTrue();
        assertThat(events(call(b, "GET", "/events?MATCH_anyEPC=" + firstEpc + "&perPage=100", null, null)))
                .isEqualTo(events(get("/events?MATCH_anyEPC=" + firstEpc + "&perPage=100", ADMIN_KEY)))
                .isNotEmpty();

        String metrics = get("/actuator/prometheus", ADMIN_KEY).body();
        assertThat(metrics).contains("tracegate_exchange_messages_total{direction=\"out\",partner=\"" + bName
                + "\",status=\"delivered\"}").contains("tracegate_exchange_mdn_latency_seconds_count{partner=\""
                + bName + "\"}");
        assertThat(call(b, "GET", "/actuator/prometheus", null, null).body()).contains(
                "tracegate_exchange_messages_total{direction=\"in\",partner=\"TRACEGATE\",status=\"processed\"}");
    }

    /** Also sent with chunked transfer encoding (the partner's interop switch) instead of a Content-Length. */
    @Test
    void anAsynchronousMdnComesBackToTheSender() {
        assertThat(put("/partners/" + bAtA, "{" + bAtAJson.formatted("true") + ",\"interop\":{\"chunked\":true}}")
                .statusCode()).isEqualTo(200);
        try {
            deliver(EpcisDocuments.commissioning(run(), 1));
        } finally {
            assertThat(put("/partners/" + bAtA, "{" + bAtAJson.formatted("false") + "}").statusCode())
                    .isEqualTo(200);
        }
    }

    /**
     * B is unreachable (connection refused), then its proxy answers 503, then the proxy passes the message to B
     * but loses B's answer; the next attempt gets B's MDN. B has processed the message once.
     */
    @Test
    void whileThePartnerIsDownTheMessageIsRetriedThenDeliveredAndProcessedOnce() throws Exception {
        int proxyPort = freePort();
        String proxied = bAtAJson.formatted("false").replace(b.url("/as2"), "http://localhost:" + proxyPort + "/as2");
        assertThat(put("/partners/" + bAtA, "{" + proxied + "}").statusCode()).isEqualTo(200);
        HttpServer proxy = null;
        try {
            HttpResponse<String> queued = send(request("/partners/" + bAtA + "/messages", ADMIN_KEY)
                    .header("Content-Type", "application/ld+json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(EpcisDocuments.commissioning(run(), 1))));
            assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
            String location = queued.headers().firstValue("Location").orElseThrow();
            String messageId = json(queued, "$.messageId");
            await(location, r -> (Integer) json(r, "$.attempts") >= 2);
            assertThat((String) json(get(location, ADMIN_KEY), "$.error")).contains("no answer from");

            AtomicInteger requests = new AtomicInteger();
            proxy = HttpServer.create(new InetSocketAddress("localhost", proxyPort), 0);
            proxy.createContext("/as2", exchange -> {
                int n = requests.incrementAndGet();
                byte[] body = exchange.getRequestBody().readAllBytes();
                if (n == 1) {
                    exchange.sendResponseHeaders(503, -1);
                } else {
                    HttpResponse<byte[]> answer = forward(exchange, body);
                    if (n == 2) {
                        exchange.getResponseBody().close(); // the partner processed it; its answer is lost
                        exchange.close();
                        return;
                    }
                    answer.headers().map().forEach((name, values) -> {
                        if (!Set.of("content-length", "transfer-encoding", "connection", "date")
                                .contains(name.toLowerCase(Locale.ROOT))) {
                            exchange.getResponseHeaders().put(name, values);
                        }
                    });
                    exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
                    exchange.getResponseBody().write(answer.body());
                }
                exchange.close();
            });
            proxy.start();

            HttpResponse<String> delivered = await(location, r -> !Set.of("queued", "sending")
                    .contains((String) json(r, "$.status")));
            assertThat((String) json(delivered, "$.status")).as(delivered.body()).isEqualTo("delivered");
            assertThat(requests.get()).isGreaterThanOrEqualTo(3);
            HttpResponse<String> atB = awaitAt(b, "/messages?direction=in&limit=20",
                    r -> captureIdOf(r, messageId) != null);
            List<Map<String, Object>> received = JsonPath.read(atB.body(), "$[?(@.messageId == '" + messageId
                    + "')]");
            assertThat(received).hasSize(1);
            assertThat(received.get(0).get("attempts")).as("posts B received").isEqualTo(2);
            assertThat(received.get(0).get("status")).isEqualTo("processed");
            String metrics = get("/actuator/prometheus", ADMIN_KEY).body();
            assertThat(metrics).contains("tracegate_exchange_retries_total{partner=\"" + bName + "\"}")
                    .contains("tracegate_exchange_queue_depth");
        } finally {
            if (proxy != null) {
                proxy.stop(0);
            }
            assertThat(put("/partners/" + bAtA, "{" + bAtAJson.formatted("false") + "}").statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void aDocumentIsPushedOverMutualTlsWithOurClientCertificate() {
        int mtlsPort = b.bean(MtlsConnector.class).port();
        String bCertificate = call(b, "GET", "/exchange/certificate", null, null).body();
        HttpResponse<String> created = post("/partners", ADMIN_KEY, "{\"name\":\"B over HTTPS\",\"as2Id\":\""
                + unique("B-HTTPS") + "\",\"transport\":\"https\",\"url\":\"https://localhost:" + mtlsPort
                + "/capture\",\"certificates\":[" + jsonString(bCertificate) + "]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long partner = ((Number) json(created, "$.id")).longValue();
        byte[] document = EpcisDocuments.commissioning(run(), 1);
        HttpResponse<String> queued = send(request("/partners/" + partner + "/messages", ADMIN_KEY)
                .header("Content-Type", "application/ld+json").POST(HttpRequest.BodyPublishers.ofByteArray(document)));
        HttpResponse<String> done = await(queued.headers().firstValue("Location").orElseThrow(),
                r -> !Set.of("queued", "sending").contains((String) json(r, "$.status")));
        assertThat((String) json(done, "$.status")).as(done.body()).isEqualTo("delivered");
        String epc = JsonPath.read(new String(document), "$.epcisBody.eventList[0].epcList[0]");
        HttpResponse<String> atB = awaitAt(b, "/events?MATCH_anyEPC=" + epc, r -> r.statusCode() == 200
                && !events(r).isEmpty());
        assertThat(events(atB)).hasSize(1);
    }

    /** Sends a document from A to B and waits until it is delivered; returns its AS2 Message-ID. */
    private String deliver(byte[] document) {
        HttpResponse<String> queued = send(request("/partners/" + bAtA + "/messages", ADMIN_KEY)
                .header("Content-Type", "application/ld+json").POST(HttpRequest.BodyPublishers.ofByteArray(document)));
        assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
        String location = queued.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/messages/");
        HttpResponse<String> done = await(location, r -> !Set.of("queued", "sending")
                .contains((String) json(r, "$.status")));
        assertThat((String) json(done, "$.status")).as(done.body()).isEqualTo("delivered");
        assertThat((String) json(done, "$.mdn.disposition")).isEqualTo("processed");
        assertThat((Boolean) json(done, "$.mdn.signatureVerified")).isTrue();
        assertThat((String) json(done, "$.mdn.mic")).isEqualTo(json(done, "$.mic"));
        String messageId = json(done, "$.messageId");
        // each side's audit trail holds the message and the MDN, and both hold the same octets
        List<String> sent = audited(messageId);
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0)).startsWith("as2.sent ");
        assertThat(sent.get(1)).startsWith("mdn.received ");
        assertThat(auditRecords(call(b, "GET", auditPath(messageId), null, null))).containsExactly(
                sent.get(0).replace("as2.sent", "as2.received"), sent.get(1).replace("mdn.received", "mdn.sent"));
        return messageId;
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException {
        HttpRequest.Builder forwarded = HttpRequest.newBuilder(URI.create(b.url("/as2")))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!Set.of("content-length", "host", "connection", "expect", "upgrade")
                    .contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> forwarded.header(name, v));
            }
        });
        try {
            return HTTP.send(forwarded.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** The events of a query result, without their record times (each store records its own). */
    private static List<JsonNode> events(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode list = JSON.readTree(response.body()).at("/epcisBody/queryResults/resultsBody/eventList");
        return java.util.stream.StreamSupport.stream(list.spliterator(), false)
                .map(e -> (JsonNode) ((ObjectNode) e.deepCopy()).without("recordTime")).toList();
    }

    private static Long captureIdOf(HttpResponse<String> messages, String messageId) {
        List<Object> ids = JsonPath.read(messages.body(), "$[?(@.messageId == '" + messageId + "')].captureId");
        return ids.isEmpty() || ids.get(0) == null ? null : ((Number) ids.get(0)).longValue();
    }

    private HttpResponse<String> put(String path, String json) {
        return send(request(path, ADMIN_KEY).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static HttpResponse<String> call(SecondGateway gateway, String method, String path, String body,
            String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.url(path)))
                .header("Authorization", "Bearer " + SecondGateway.ADMIN_KEY)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> awaitAt(SecondGateway gateway, String path,
            Predicate<HttpResponse<String>> condition) {
        return await("GET " + path + " at B", () -> call(gateway, "GET", path, null, null), condition);
    }

    private static String run() {
        return unique("x").replace("-", "");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
