package io.tracegate.gateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.tracegate.gateway.compliance.AuditTrail;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code POST /as2} from a test partner: a signed, encrypted and compressed document is processed, answered with a
 * signed MDN carrying the sender's MIC, and captured as a job owned by the partner; tampered, unknown-signer and
 * unsigned messages are refused with their dispositions; a Message-ID posted twice, one after the other or at the
 * same moment, is processed once and answered with the same MDN; asynchronous MDNs go to allowed hosts only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class As2InboundTest extends ExchangeTest {

    private final TestParties.Party party = TestParties.party(unique("INBOUND PARTNER"));
    private As2Sender sender;
    private long partnerId;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private CaptureHandoff handoff;

    @BeforeAll
    void register() {
        partnerId = registerPartner("Inbound partner", party, "http://localhost:9/as2", "");
        sender = new As2Sender(party, As2Sender.gateway("TRACEGATE", gatewayCertificate(), true,
                Partner.InteropSwitches.DEFAULTS));
    }

    @Test
    void aSignedEncryptedCompressedDocumentIsProcessedWithASignedMdnAndCaptured() {
        String run = unique("in").replace("-", "");
        byte[] document = EpcisDocuments.commissioning(run, 3);
        OutboundComposer.Composed message = sender.compose(document);

        HttpResponse<byte[]> response = As2Sender.post(as2(), message);

        assertThat(response.statusCode()).isEqualTo(200);
        Mdns.Received mdn = sender.mdn(response);
        assertThat(mdn.disposition().isProcessed()).as(mdn.disposition().value()).isTrue();
        assertThat(mdn.mic()).isEqualTo(message.mic());
        assertThat(mdn.signed()).isTrue();
        assertThat(mdn.verified()).isTrue();
        assertThat(response.headers().firstValue("AS2-To")).hasValue("\"" + party.as2Id() + "\"");

        HttpResponse<String> listed = await("/messages?partner=" + partnerId + "&direction=in&limit=1",
                r -> json(r, "$[0].captureId") != null);
        assertThat((String) json(listed, "$[0].status")).isEqualTo("processed");
        assertThat((String) json(listed, "$[0].mic")).isEqualTo(message.mic().toString());
        assertThat((String) json(listed, "$[0].documentSha256"))
                .isEqualTo(HexFormat.of().formatHex(MicAlgorithm.SHA256.digest(document)));
        assertThat((String) json(listed, "$[0].mdn.disposition")).isEqualTo("processed");
        long captureId = ((Number) json(listed, "$[0].captureId")).longValue();
        HttpResponse<String> job = await("/capture/" + captureId, r -> !(Boolean) json(r, "$.running"));
        assertThat((Boolean) json(job, "$.success")).as(job.body()).isTrue();
        assertThat((Integer) json(job, "$.appliedCount")).isEqualTo(3);
        assertThat(jdbc.sql("select submitted_by from capture_job where id = ?").param(captureId)
                .query(String.class).single()).isEqualTo("partner:" + party.as2Id());
        assertThat(jdbc.sql("select api_key_id from capture_job where id = ?").param(captureId)
                .query(Long.class).single()).as("the partner's own jobs").isEqualTo(-partnerId);
        assertThat(jdbc.sql("select lifecycle from capture_job where id = ?").param(captureId)
                .query(String.class).single()).as("a history import").isEqualTo("observe");
    }

    @Test
    void aTamperedMessageGetsIntegrityCheckFailed() {
        // Sign, then change the document inside the signed part, then encrypt: only the signature can tell.
        MimeEntity part = MimeBuilder.part("application/ld+json", "binary", "epcis.json",
                EpcisDocuments.commissioning(unique("t").replace("-", ""), 1));
        MimeEntity signed = MimeBuilder.signed(part, party.keys().getPrivate(), party.certificate(),
                MicAlgorithm.SHA256, Partner.InteropSwitches.DEFAULTS);
        byte[] tampered = new String(signed.bytes(), StandardCharsets.ISO_8859_1).replace("commissioning",
                "decommission").getBytes(StandardCharsets.ISO_8859_1);
        MimeEntity encrypted = MimeBuilder.pkcs7("enveloped-data", "smime.p7m", Smime.encrypt(tampered,
                List.of(gatewayCertificate()), EncryptionAlgorithm.AES256_CBC), "binary");
        Mdns.Received mdn = sender.mdn(As2Sender.post(as2(), headers(MessageIds.next(party.as2Id()), encrypted),
                encrypted.body()));
        assertThat(mdn.disposition().outcome()).isEqualTo("processed/Error: integrity-check-failed");
    }

    /** A message signed but neither encrypted nor compressed: a multipart/signed HTTP body, read raw. */
    @Test
    void aSignedOnlyMessageIsProcessed() {
        As2Sender plain = new As2Sender(party, new Partner(1, "TRACEGATE", "TRACEGATE", as2(), "as2", List.of(),
                List.of(PartnerCertificate.of(gatewayCertificate(), Instant.now())), "sha384", "none", false,
                new Partner.MdnOptions(true, false, null), "2.0-jsonld", List.of(), Partner.InteropSwitches.DEFAULTS,
                Instant.now(), Instant.now()));
        OutboundComposer.Composed message = plain.compose(EpcisDocuments.commissioning(unique("s")
                .replace("-", ""), 1));
        assertThat(header(message, "Content-Type")).startsWith("multipart/signed");
        Mdns.Received mdn = sender.mdn(As2Sender.post(as2(), message));
        assertThat(mdn.disposition().isProcessed()).as(mdn.disposition().value()).isTrue();
        assertThat(mdn.mic()).isEqualTo(message.mic());
        assertThat(mdn.mic().algorithm()).isEqualTo(MicAlgorithm.SHA384);
    }

    @Test
    void aMessageSignedWithAnUnknownCertificateGetsAuthenticationFailed() {
        TestParties.Party impostor = TestParties.party(party.as2Id());
        As2Sender fake = new As2Sender(impostor, As2Sender.gateway("TRACEGATE", gatewayCertificate(), false,
                Partner.InteropSwitches.DEFAULTS));
        HttpResponse<byte[]> response = As2Sender.post(as2(), fake.compose(
                EpcisDocuments.commissioning(unique("u").replace("-", ""), 1)));
        Mdns.Received mdn = sender.mdn(response);
        assertThat(mdn.disposition().outcome()).isEqualTo("processed/Error: authentication-failed");
        assertThat(mdn.verified()).isTrue();
        HttpResponse<String> listed = newestMessage(partnerId, "in");
        assertThat((String) json(listed, "$[0].status")).isEqualTo("rejected");
        assertThat((String) json(listed, "$[0].error")).contains("not registered");
        assertThat((Object) json(listed, "$[0].captureId")).isNull();
    }

    @Test
    void anUnsignedMessageOrOneForAnotherGatewayIsRefused() {
        MimeEntity plain = MimeBuilder.part("application/ld+json", "binary", null,
                EpcisDocuments.commissioning(unique("p").replace("-", ""), 1));
        Mdns.Received unsigned = sender.mdn(As2Sender.post(as2(), headers(MessageIds.next(party.as2Id()), plain),
                plain.body()));
        assertThat(unsigned.disposition().outcome()).isEqualTo("processed/Error: authentication-failed");

        OutboundComposer.Composed message = sender.compose(EpcisDocuments.commissioning(unique("o")
                .replace("-", ""), 1));
        List<MimeEntity.Header> misaddressed = new ArrayList<>(message.headers().stream()
                .filter(h -> !h.name().equals("AS2-To")).toList());
        misaddressed.add(new MimeEntity.Header("AS2-To", "SOMEONE-ELSE"));
        Mdns.Received wrongRecipient = sender.mdn(As2Sender.post(as2(), misaddressed, message.body()));
        assertThat(wrongRecipient.disposition().outcome()).isEqualTo("processed/Error: authentication-failed");

        List<MimeEntity.Header> anonymous = message.headers().stream().filter(h -> !h.name().equals("AS2-From"))
                .toList();
        HttpResponse<byte[]> refused = As2Sender.post(as2(), anonymous, message.body());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("AS2-From header is missing");
    }

    @Test
    void aResentMessageIdIsProcessedOnceAndGetsTheSameMdn() {
        OutboundComposer.Composed message = sender.compose(EpcisDocuments.commissioning(unique("r")
                .replace("-", ""), 2));
        HttpResponse<byte[]> first = As2Sender.post(as2(), message);
        HttpResponse<byte[]> second = As2Sender.post(as2(), message);

        assertThat(Arrays.equals(second.body(), first.body())).as("the same MDN").isTrue();
        assertThat(second.headers().firstValue("Message-ID")).isEqualTo(first.headers().firstValue("Message-ID"));
        assertProcessedOnce(message, 2, first.body());
    }

    @Test
    void theSameMessageIdPostedTwiceAtOnceIsProcessedOnceWithOneMdn() throws Exception {
        OutboundComposer.Composed message = sender.compose(EpcisDocuments.commissioning(unique("c")
                .replace("-", ""), 2));
        List<HttpResponse<byte[]>> answers = together(2, i -> As2Sender.post(as2(), message));
        HttpResponse<byte[]> a = answers.get(0);
        HttpResponse<byte[]> b = answers.get(1);

        assertThat(sender.mdn(a).disposition().isProcessed()).isTrue();
        assertThat(Arrays.equals(b.body(), a.body())).as("the same MDN").isTrue();
        assertProcessedOnce(message, 2, a.body());
    }

    /** Processing hands the document to capture, as does the recovery sweep: however many at once, one job. */
    @Test
    void aMessageHandedToCaptureFromSeveralThreadsAtOnceBecomesOneCaptureJob() throws Exception {
        OutboundComposer.Composed message = sender.compose(EpcisDocuments.commissioning(unique("h")
                .replace("-", ""), 2));
        HttpResponse<byte[]> answer = As2Sender.post(as2(), message);
        long id = jdbc.sql("select id from exchange_message where direction = 'in' and message_id = ?")
                .param(header(message, "Message-ID")).query(Long.class).single();

        together(4, i -> {
            handoff.handOff(id);
            return null;
        });

        assertProcessedOnce(message, 1, answer.body());
    }

    /** Our message waits for the partner's asynchronous MDN; the MDN posted three times at once decides it once. */
    @Test
    void anAsynchronousMdnPostedSeveralTimesAtOnceDecidesTheMessageOnce() throws Exception {
        HttpServer partnerServer = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        partnerServer.createContext("/as2", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        partnerServer.start();
        try {
            TestParties.Party async = TestParties.party(unique("ASYNC PARTNER"));
            long asyncId = registerPartner("Async partner", async, "http://localhost:"
                    + partnerServer.getAddress().getPort() + "/as2", "\"mdn\":{\"signed\":true,\"async\":true},");
            HttpResponse<String> queued = send(request("/partners/" + asyncId + "/messages", ADMIN_KEY)
                    .header("Content-Type", "application/ld+json").POST(HttpRequest.BodyPublishers.ofByteArray(
                            EpcisDocuments.commissioning(unique("m").replace("-", ""), 1))));
            assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
            String location = queued.headers().firstValue("Location").orElseThrow();
            HttpResponse<String> sent = await(location, r -> json(r, "$.sentAt") != null);
            assertThat((String) json(sent, "$.status")).isEqualTo("sending");
            String messageId = json(sent, "$.messageId");
            Mdns.Composed mdn = Mdns.compose(async.keys().getPrivate(), async.certificate(), async.as2Id(),
                    "TRACEGATE", messageId, Disposition.processed(), Optional.of(Mic.parse(json(sent, "$.mic"))),
                    "processed", Optional.of(MicAlgorithm.SHA256), Partner.InteropSwitches.DEFAULTS,
                    MessageIds.next(async.as2Id()), Instant.now());

            List<Integer> statuses = together(3, i -> As2Sender.post(URI.create("http://localhost:" + port
                    + "/as2/mdn"), mdn.headers(), mdn.body()).statusCode());

            assertThat(statuses).containsOnly(200);
            HttpResponse<String> done = get(location, ADMIN_KEY);
            assertThat((String) json(done, "$.status")).as(done.body()).isEqualTo("delivered");
            assertThat(audited(messageId)).as("decided once").hasSize(2).satisfiesExactly(
                    sentRecord -> assertThat(sentRecord).startsWith("as2.sent "),
                    mdnRecord -> assertThat(mdnRecord).isEqualTo("mdn.received " + AuditTrail.sha256(mdn.body())));
        } finally {
            partnerServer.stop(0);
        }
    }

    /**
     * Base64 parts, the old digest names ({@code sha256}), and HTTP headers folded over two lines (obs-fold, as
     * some products still send) posted over a raw socket.
     */
    @Test
    void base64PartsOldDigestNamesAndFoldedHttpHeadersAreUnderstood() throws Exception {
        Partner.InteropSwitches old = new Partner.InteropSwitches(true, true, true, true, false, "base64");
        As2Sender oldFashioned = new As2Sender(party, As2Sender.gateway("TRACEGATE", gatewayCertificate(), true,
                old));
        OutboundComposer.Composed message = oldFashioned.compose(EpcisDocuments.commissioning(unique("b")
                .replace("-", ""), 1));
        assertThat(header(message, "Disposition-Notification-Options")).endsWith("sha256");

        StringBuilder request = new StringBuilder("POST /as2 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
        for (MimeEntity.Header h : message.headers()) {
            String value = h.name().equals("Disposition-Notification-Options")
                    ? h.value().replace("; ", ";\r\n\t") : h.value();
            request.append(h.name()).append(": ").append(value).append("\r\n");
        }
        request.append("Content-Length: ").append(message.body().length).append("\r\n\r\n");
        byte[] answer;
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(message.body());
            out.flush();
            InputStream in = socket.getInputStream();
            answer = in.readAllBytes();
        }
        String text = new String(answer, StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("HTTP/1.1 200");
        MimeEntity response = MimeEntity.parse(text.substring(text.indexOf("\r\n") + 2)
                .getBytes(StandardCharsets.ISO_8859_1));
        Mdns.Received mdn = Mdns.read(response, List.of(gatewayCertificate()));
        assertThat(mdn.disposition().isProcessed()).as(mdn.disposition().value()).isTrue();
        assertThat(mdn.mic()).isEqualTo(message.mic());
        assertThat(text).contains(", sha256\r\n").contains("micalg=sha256;");
    }

    /** Apache Camel sends the outermost transfer encoding as the HTTP header Content-Encoding. */
    @Test
    void aTransferEncodingGivenAsContentEncodingIsUnderstood() {
        Partner.InteropSwitches base64 = new Partner.InteropSwitches(true, true, false, true, false, "base64");
        OutboundComposer.Composed message = new As2Sender(party, As2Sender.gateway("TRACEGATE", gatewayCertificate(),
                false, base64)).compose(EpcisDocuments.commissioning(unique("ce").replace("-", ""), 1));
        List<MimeEntity.Header> headers = message.headers().stream().map(h -> h.name().equals(
                "Content-Transfer-Encoding") ? new MimeEntity.Header("Content-Encoding", h.value()) : h).toList();
        assertThat(header(message, "Content-Transfer-Encoding")).isEqualTo("base64");
        Mdns.Received mdn = sender.mdn(As2Sender.post(as2(), headers, message.body()));
        assertThat(mdn.disposition().isProcessed()).as(mdn.disposition().value()).isTrue();
        assertThat(mdn.mic()).isEqualTo(message.mic());
    }

    @Test
    void anAsynchronousMdnGoesToAnAllowedHostOnly() throws Exception {
        BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
        List<String> contentTypes = new ArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/mdn", exchange -> {
            contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
            received.add(exchange.getRequestBody().readAllBytes());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            URI mdnUrl = URI.create("http://localhost:" + server.getAddress().getPort() + "/mdn");
            OutboundComposer.Composed message = sender.compose(MessageIds.next(party.as2Id()),
                    EpcisDocuments.commissioning(unique("a").replace("-", ""), 1), "application/ld+json", mdnUrl);
            HttpResponse<byte[]> response = As2Sender.post(as2(), message);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEmpty();
            byte[] mdnBody = received.poll(30, TimeUnit.SECONDS);
            assertThat(mdnBody).as("the asynchronous MDN").isNotNull();
            Mdns.Received mdn = Mdns.read(MimeEntity.of(List.of(new MimeEntity.Header("Content-Type",
                    contentTypes.get(0))), mdnBody), List.of(gatewayCertificate()));
            assertThat(mdn.disposition().isProcessed()).isTrue();
            assertThat(mdn.mic()).isEqualTo(message.mic());
            assertThat(mdn.verified()).isTrue();
            await("/messages?partner=" + partnerId + "&direction=in&limit=1",
                    r -> "sent".equals(json(r, "$[0].mdn.delivery")));

            OutboundComposer.Composed elsewhere = sender.compose(MessageIds.next(party.as2Id()),
                    EpcisDocuments.commissioning(unique("e").replace("-", ""), 1), "application/ld+json",
                    URI.create("http://attacker.example/mdn"));
            HttpResponse<byte[]> synchronous = As2Sender.post(as2(), elsewhere);
            assertThat(sender.mdn(synchronous).disposition().isProcessed()).isTrue();
        } finally {
            server.stop(0);
        }
    }

    /** Stored once, processed once, captured once, audited once: the message as received and the MDN we sent. */
    private void assertProcessedOnce(OutboundComposer.Composed message, int posts, byte[] mdn) {
        String messageId = header(message, "Message-ID");
        await("/messages?partner=" + partnerId + "&direction=in&limit=5",
                r -> jdbc.sql("select capture_id is not null from exchange_message where message_id = ?")
                        .param(messageId).query(Boolean.class).single());
        assertThat(jdbc.sql("select count(*) from exchange_message where message_id = ?").param(messageId)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select attempts from exchange_message where message_id = ?").param(messageId)
                .query(Integer.class).single()).isEqualTo(posts);
        String sha = jdbc.sql("select document_sha256 from exchange_message where message_id = ?").param(messageId)
                .query(String.class).single();
        assertThat(jdbc.sql("select count(*) from capture_job where document_sha256 = ?").param(sha)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(audited(messageId)).containsExactly(
                "as2.received " + AuditTrail.sha256(message.body()), "mdn.sent " + AuditTrail.sha256(mdn));
    }

    private List<MimeEntity.Header> headers(String messageId, MimeEntity entity) {
        List<MimeEntity.Header> headers = new ArrayList<>(List.of(
                new MimeEntity.Header("AS2-Version", "1.1"),
                new MimeEntity.Header("AS2-From", As2Names.header(party.as2Id())),
                new MimeEntity.Header("AS2-To", "TRACEGATE"),
                new MimeEntity.Header("Message-ID", messageId),
                new MimeEntity.Header("Disposition-Notification-To", "test@localhost"),
                new MimeEntity.Header("Disposition-Notification-Options",
                        "signed-receipt-protocol=optional, pkcs7-signature; signed-receipt-micalg=optional, sha-256")));
        headers.addAll(entity.headers());
        return headers;
    }

    private static String header(OutboundComposer.Composed message, String name) {
        return message.headers().stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow().value();
    }
}
