package io.tracegate.conformance.as2;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.tracegate.gateway.GatewayJar;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.apache.camel.component.as2.api.AS2ClientConnection;
import org.apache.camel.component.as2.api.AS2ClientManager;
import org.apache.camel.component.as2.api.AS2EncryptionAlgorithm;
import org.apache.camel.component.as2.api.AS2MessageStructure;
import org.apache.camel.component.as2.api.AS2ServerConnection;
import org.apache.camel.component.as2.api.AS2SignatureAlgorithm;
import org.apache.camel.component.as2.api.entity.AS2DispositionType;
import org.apache.camel.component.as2.api.entity.AS2MessageDispositionNotificationEntity;
import org.apache.camel.component.as2.api.entity.ApplicationEntity;
import org.apache.camel.component.as2.api.entity.DispositionNotificationMultipartReportEntity;
import org.apache.camel.component.as2.api.entity.MultipartSignedEntity;
import org.apache.camel.component.as2.api.util.HttpMessageUtils;
import org.apache.camel.component.as2.api.util.MicUtils;
import org.apache.camel.component.as2.api.util.SigningUtils;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * AS2 interop with a third-party implementation, Apache Camel's {@code camel-as2-api} 4.17.0, against the packaged
 * gateway: Camel sends to the gateway and receives from it, signed and encrypted, with signed synchronous MDNs, and
 * each side checks the other's signature and MIC with its own code. Camel's AS2 server binds every interface when
 * given a port; here it gets an SSL context whose server sockets bind the loopback interface only, so it serves
 * AS2 over HTTPS on localhost (the gateway trusts its certificate because it is the partner's own).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CamelAs2InteropIT {

    private static final String ADMIN_KEY = GatewayJar.ADMIN_KEY;
    private static final String DOCUMENT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:1" schemaVersion="1.2"
                creationDate="2024-02-01T00:00:00Z">
              <EPCISBody>
                <EventList>
                  <ObjectEvent>
                    <eventTime>2024-02-01T00:00:00Z</eventTime>
                    <eventTimeZoneOffset>+00:00</eventTimeZoneOffset>
                    <epcList><epc>urn:epc:id:sgtin:030001.0012345.%s</epc></epcList>
                    <action>ADD</action>
                    <bizStep>urn:epcglobal:cbv:bizstep:commissioning</bizStep>
                    <disposition>urn:epcglobal:cbv:disp:active</disposition>
                    <readPoint><id>urn:epc:id:sgln:030001.111111.0</id></readPoint>
                  </ObjectEvent>
                </EventList>
              </EPCISBody>
            </epcis:EPCISDocument>
            """;

    private KeyPair gatewayKeys;
    private X509Certificate gatewayCertificate;
    private KeyPair camelKeys;
    private X509Certificate camelCertificate;
    private GatewayJar gateway;
    private AS2ServerConnection camelServer;
    private final BlockingQueue<String> receivedByCamel = new LinkedBlockingQueue<>();
    private long camelPartner;

    @BeforeAll
    void start() throws Exception {
        Path jar = Path.of(System.getProperty("tracegate.gateway.jar", "../gateway/target/gateway.jar"));
        assertThat(jar).as("the gateway module's packaged jar (run 'verify' on the reactor)").exists();
        Security.addProvider(new BouncyCastleProvider()); // Camel asks the JCA for provider "BC" by name
        gatewayKeys = rsa();
        gatewayCertificate = certificate("TRACEGATE", gatewayKeys);
        camelKeys = rsa();
        camelCertificate = certificate("CAMEL", camelKeys);

        // The gateway's identity from a keystore the operator (this test) provides.
        Path keystore = Files.createTempFile("tracegate-exchange", ".p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("exchange", gatewayKeys.getPrivate(), "changeit".toCharArray(),
                new Certificate[] {gatewayCertificate});
        try (OutputStream out = Files.newOutputStream(keystore)) {
            store.store(out, "changeit".toCharArray());
        }
        gateway = new GatewayJar(jar, "as2-interop");
        gateway.start("--tracegate.exchange.keystore=" + keystore, "--tracegate.exchange.keystore-password=changeit");

        int camelPort = freePort();
        camelServer = new AS2ServerConnection("1.1", "Camel AS2 server", "camel.localhost", camelPort,
                AS2SignatureAlgorithm.SHA256WITHRSA, new Certificate[] {camelCertificate}, camelKeys.getPrivate(),
                camelKeys.getPrivate(), null, new Certificate[] {gatewayCertificate},
                LoopbackSslContext.of(tls(camelKeys, camelCertificate)), null, null, null);
        camelServer.registerConsumerConfiguration("/as2", new AS2ServerConnection.AS2ConsumerConfiguration(
                AS2SignatureAlgorithm.SHA256WITHRSA, new Certificate[] {camelCertificate}, camelKeys.getPrivate(),
                camelKeys.getPrivate(), new Certificate[] {gatewayCertificate}));
        camelServer.listen("/as2", (request, response, context) -> {
            ApplicationEntity payload = HttpMessageUtils.extractEdiPayload(request,
                    new HttpMessageUtils.DecrpytingAndSigningInfo(new Certificate[] {gatewayCertificate},
                            camelKeys.getPrivate()));
            Object content = payload.getEdiMessage();
            receivedByCamel.add(content instanceof InputStream in ? new String(in.readAllBytes(),
                    StandardCharsets.UTF_8) : content.toString());
        });
        HttpResponse<String> created = gateway.send(gateway.request("/partners", ADMIN_KEY)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"Camel\",\"as2Id\":\"CAMEL\",\"url\":\"https://localhost:" + camelPort + "/as2\","
                                + "\"glns\":[\"0300011111116\"],\"encryption\":\"aes128-cbc\",\"certificates\":[\""
                                + pem(camelCertificate) + "\"]}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        camelPartner = ((Number) JsonPath.read(created.body(), "$.id")).longValue();
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (camelServer != null) {
            camelServer.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void camelSendsSignedAndEncryptedAndAcceptsTheGatewaysSignedMdnAndMic() throws Exception {
        AS2ClientConnection connection = new AS2ClientConnection("1.1", "Camel AS2 client", "camel.localhost",
                "localhost", gateway.port(), Duration.ofSeconds(60), Duration.ofSeconds(10), 1, Duration.ofMinutes(1),
                null, null);
        HttpCoreContext exchange = new AS2ClientManager(connection).send(DOCUMENT.formatted("CAMEL1"), "/as2",
                "EPCIS document", "camel@localhost", "CAMEL", "TRACEGATE", AS2MessageStructure.SIGNED_ENCRYPTED,
                "application/xml", "UTF-8", "binary", AS2SignatureAlgorithm.SHA256WITHRSA,
                new Certificate[] {camelCertificate}, camelKeys.getPrivate(), null, "camel@localhost", "sha-256",
                AS2EncryptionAlgorithm.AES128_CBC, new Certificate[] {gatewayCertificate}, null, null, null, null,
                null);

        ClassicHttpResponse response = (ClassicHttpResponse) exchange.getResponse();
        HttpEntity entity = response.getEntity();
        assertThat(response.getCode()).as(() -> describe(entity)).isEqualTo(200);
        assertThat(entity).as("a signed MDN").isInstanceOf(MultipartSignedEntity.class);
        MultipartSignedEntity signed = (MultipartSignedEntity) entity;
        assertThat(SigningUtils.isValid(signed, new Certificate[] {gatewayCertificate}))
                .as("Camel verifies the gateway's MDN signature").isTrue();
        AS2MessageDispositionNotificationEntity notification = notification(signed);
        assertThat(notification.getDispositionType()).isEqualTo(AS2DispositionType.PROCESSED);
        assertThat(notification.getDispositionModifier()).isNull();
        MicUtils.ReceivedContentMic camelMic = MicUtils.createReceivedContentMic(
                (ClassicHttpRequest) exchange.getRequest(), null, gatewayKeys.getPrivate());
        assertThat(notification.getReceivedContentMic().getEncodedMessageDigest())
                .as("the gateway's MIC equals the one Camel computes").isEqualTo(camelMic.getEncodedMessageDigest());

        String messages = gateway.get("/messages?direction=in&limit=1", ADMIN_KEY).body();
        assertThat(JsonPath.<String>read(messages, "$[0].status")).isEqualTo("processed");
        assertThat(JsonPath.<String>read(messages, "$[0].as2From")).isEqualTo("CAMEL");
    }

    @Test
    void theGatewaySendsSignedAndEncryptedAndCamelAndTheGatewayAcceptEachOther() throws Exception {
        String document = DOCUMENT.formatted("TG1");
        HttpResponse<String> queued = gateway.send(gateway.request("/partners/" + camelPartner + "/messages",
                ADMIN_KEY).header("Content-Type", "application/xml").POST(HttpRequest.BodyPublishers.ofString(
                document)));
        assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
        String location = queued.headers().firstValue("Location").orElseThrow();

        String received = receivedByCamel.poll(60, TimeUnit.SECONDS);
        assertThat(received).as("Camel verified the gateway's signature and decrypted the document")
                .isEqualTo(document);
        String message = awaitDecided(location);
        assertThat(JsonPath.<String>read(message, "$.status")).as(message).isEqualTo("delivered");
        assertThat(JsonPath.<Boolean>read(message, "$.mdn.signatureVerified"))
                .as("the gateway verifies Camel's MDN signature").isTrue();
        assertThat(JsonPath.<String>read(message, "$.mdn.mic")).as("Camel's MIC equals the gateway's")
                .isEqualTo(JsonPath.<String>read(message, "$.mic"));
    }

    private String awaitDecided(String location) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            String message = gateway.get(location, ADMIN_KEY).body();
            String status = JsonPath.read(message, "$.status");
            if (!status.equals("queued") && !status.equals("sending") || System.nanoTime() > deadline) {
                return message;
            }
            Thread.sleep(200);
        }
    }

    private static String describe(HttpEntity entity) {
        try {
            return entity == null ? "(no body)" : new String(entity.getContent().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static AS2MessageDispositionNotificationEntity notification(MultipartSignedEntity signed) {
        DispositionNotificationMultipartReportEntity report =
                (DispositionNotificationMultipartReportEntity) signed.getSignedDataEntity();
        for (int i = 0; i < report.getPartCount(); i++) {
            if (report.getPart(i) instanceof AS2MessageDispositionNotificationEntity notification) {
                return notification;
            }
        }
        throw new AssertionError("the MDN has no disposition notification part");
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    /** Self-signed, valid for a day either side of now, for localhost (Camel's TLS certificate too). */
    private static X509Certificate certificate(String name, KeyPair keys) throws Exception {
        X500Name subject = new X500Name("CN=" + name + ",O=Tracegate AS2 interop");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(1))), subject, keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")));
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
    }

    private static SSLContext tls(KeyPair keys, X509Certificate certificate) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("tls", keys.getPrivate(), new char[0], new Certificate[] {certificate});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(store, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        return context;
    }

    /** PEM as a JSON string's content (its line breaks escaped). */
    private static String pem(X509Certificate certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\\n" + Base64.getEncoder().encodeToString(certificate.getEncoded())
                + "\\n-----END CERTIFICATE-----\\n";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
