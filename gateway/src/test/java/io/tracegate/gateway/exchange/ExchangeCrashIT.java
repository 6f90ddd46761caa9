package io.tracegate.gateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.tracegate.gateway.GatewayJar;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Acceptance 3: the real {@code gateway.jar} is killed (SIGKILL) after it stored an inbound AS2 message and before it
 * processed it. To stop it exactly there, the test holds a lock on the partners' certificate table, which processing
 * reads and storing does not. After a restart the gateway processes the message by itself; the partner's resend
 * gets that MDN (processed, with the partner's MIC, the same octets as the MDN stored), and the document is captured
 * once. Runs in {@code verify}, after {@code package} built the jar.
 */
class ExchangeCrashIT {

    private static final String ADMIN_KEY = GatewayJar.ADMIN_KEY;

    private final GatewayJar gateway = new GatewayJar("exchange-crash-it");

    @AfterEach
    void stop() throws InterruptedException {
        gateway.close();
    }

    @Test
    void aMessageStoredButNotProcessedIsProcessedAfterARestartWithAConsistentMdn() throws Exception {
        gateway.start();
        TestParties.Party party = TestParties.party("CRASH-PARTNER");
        HttpResponse<String> created = gateway.send(gateway.request("/partners", ADMIN_KEY)
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString("{\"name\":\"p\","
                        + "\"as2Id\":\"CRASH-PARTNER\",\"url\":\"http://localhost:9/as2\",\"glns\":[\""
                        + EpcisDocuments.SITE_GLN + "\"],\"certificates\":[" + ExchangeTest.jsonString(party.pem())
                        + "]}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        As2Sender sender = new As2Sender(party, As2Sender.gateway("TRACEGATE",
                Pem.read(gateway.get("/exchange/certificate", null).body()), true, Partner.InteropSwitches.DEFAULTS));
        byte[] document = EpcisDocuments.commissioning("k" + System.nanoTime() % 1_000_000, 3);
        OutboundComposer.Composed message = sender.compose(document);
        String messageId = message.headers().stream().filter(h -> h.name().equals("Message-ID")).findFirst()
                .orElseThrow().value();
        URI as2 = URI.create("http://localhost:" + gateway.port() + "/as2");

        CompletableFuture<HttpResponse<byte[]>> lost;
        try (Connection lock = gateway.database()) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.execute("lock table exchange_partner_certificate in access exclusive mode");
            }
            lost = CompletableFuture.supplyAsync(() -> As2Sender.post(as2, message));
            awaitStatus(messageId, "received");
            Thread.sleep(500); // processing is under way, waiting for the certificates
            assertThat(status(messageId)).isEqualTo("received");
            gateway.kill();
            lock.rollback();
        }
        assertThat(lost).failsWithin(Duration.ofSeconds(30)); // its connection died with the gateway

        gateway.start();
        awaitStatus(messageId, "processed");
        HttpResponse<byte[]> resent = As2Sender.post(URI.create("http://localhost:" + gateway.port() + "/as2"),
                message);
        assertThat(resent.statusCode()).isEqualTo(200);
        Mdns.Received mdn = sender.mdn(resent);
        assertThat(mdn.disposition().isProcessed()).as(mdn.disposition().value()).isTrue();
        assertThat(mdn.mic()).isEqualTo(message.mic());
        assertThat(mdn.verified()).isTrue();

        String listed = gateway.get("/messages?direction=in&limit=5", ADMIN_KEY).body();
        Integer id = JsonPath.<java.util.List<Integer>>read(listed, "$[?(@.messageId == '" + messageId + "')].id")
                .get(0);
        HttpResponse<byte[]> stored = gateway.http().send(gateway.request("/messages/" + id + "/mdn", ADMIN_KEY)
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(Arrays.equals(stored.body(), resent.body())).as("the resend gets the MDN stored").isTrue();
        assertThat(JsonPath.<Integer>read(gateway.get("/messages/" + id, ADMIN_KEY).body(), "$.attempts"))
                .isEqualTo(2);

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (captureJobs(document) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(captureJobs(document)).isEqualTo(1);
    }

    private void awaitStatus(String messageId, String expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!expected.equals(status(messageId))) {
            assertThat(System.nanoTime()).as("message " + messageId + " reaching " + expected).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private String status(String messageId) throws Exception {
        try (Connection connection = gateway.database();
             PreparedStatement statement = connection.prepareStatement(
                     "select status from exchange_message where message_id = ?")) {
            statement.setString(1, messageId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private long captureJobs(byte[] document) throws Exception {
        try (Connection connection = gateway.database();
             PreparedStatement statement = connection.prepareStatement(
                     "select count(*) from capture_job where document_sha256 = ?")) {
            statement.setString(1, HexFormat.of().formatHex(MicAlgorithm.SHA256.digest(document)));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
