package io.tracegate.gateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Acceptance 4: the mutual-TLS connector, real TLS on a free port. A partner's registered certificate captures an
 * EPCIS document as that partner; an unknown certificate, an expired one, no certificate, and other paths are refused
 * with 403; an API key counts for nothing there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MutualTlsTest extends ExchangeTest {

    private final TestParties.Party partner = TestParties.party(unique("MTLS-PARTNER"));
    private final TestParties.Party expired = TestParties.party(unique("MTLS-EXPIRED"),
            Instant.now().minus(Duration.ofDays(400)), Instant.now().minus(Duration.ofDays(1)));

    @Autowired
    private MtlsConnector connector;

    private X509Certificate server;

    @BeforeAll
    void register() {
        registerPartner("mTLS partner", partner, "https://localhost:9/capture", "\"transport\":\"https\",");
        registerPartner("expired partner", expired, "https://localhost:9/capture", "\"transport\":\"https\",");
        server = gatewayCertificate();
    }

    @Test
    void aPartnersCertificateCapturesAsThatPartner() throws Exception {
        HttpResponse<String> accepted = capture(client(partner), EpcisDocuments.commissioning(
                unique("m").replace("-", ""), 2), null);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String job = accepted.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> done = await(job, r -> !(Boolean) json(r, "$.running"));
        assertThat((Boolean) json(done, "$.success")).as(done.body()).isTrue();
        HttpResponse<String> own = client(partner).send(HttpRequest.newBuilder(url(job)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(own.statusCode()).as("the partner follows its own job").isEqualTo(200);
    }

    @Test
    void unknownExpiredOrMissingCertificatesAreRefused() throws Exception {
        byte[] document = EpcisDocuments.commissioning(unique("n").replace("-", ""), 1);
        for (TestParties.Party stranger : new TestParties.Party[] {TestParties.party("STRANGER"), expired}) {
            HttpResponse<String> refused = capture(client(stranger), document, null);
            assertThat(refused.statusCode()).as(stranger.as2Id()).isEqualTo(403);
            assertThat((String) json(refused, "$.detail")).contains("not a valid certificate of any partner");
        }
        HttpResponse<String> anonymous = capture(client(null), document, ADMIN_KEY);
        assertThat(anonymous.statusCode()).as("no certificate, even with an API key").isEqualTo(403);
        assertThat((String) json(anonymous, "$.detail")).contains("presented none");
    }

    @Test
    void theConnectorServesCaptureOnly() throws Exception {
        HttpResponse<String> keys = client(partner).send(HttpRequest.newBuilder(url("/admin/keys"))
                .header("Authorization", "Bearer " + ADMIN_KEY).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(keys.statusCode()).isEqualTo(403);
        HttpResponse<String> partners = client(partner).send(HttpRequest.newBuilder(url("/partners")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(partners.statusCode()).isEqualTo(403);
    }

    @Test
    void theConnectorTalksTlsOnly() throws Exception {
        HttpResponse<String> plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://localhost:" + connector.port() + "/capture")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(400);
        assertThat(plain.body()).contains("TLS");
    }

    private HttpResponse<String> capture(HttpClient client, byte[] document, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url("/capture"))
                .header("Content-Type", "application/ld+json").POST(HttpRequest.BodyPublishers.ofByteArray(document));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("https://localhost:" + connector.port() + path);
    }

    /** A JDK client that trusts the gateway's certificate and presents {@code party}'s, if any. */
    private HttpClient client(TestParties.Party party) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("gateway", server);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        if (party != null) {
            keys.setKeyEntry("client", party.keys().getPrivate(), new char[0],
                    new Certificate[] {party.certificate()});
        }
        keyManagers.init(keys, new char[0]);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).build();
    }
}
