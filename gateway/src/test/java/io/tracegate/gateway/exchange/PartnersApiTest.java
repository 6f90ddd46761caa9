package io.tracegate.gateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracegate.gateway.config.TracegateProperties;
import io.tracegate.gateway.security.Role;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code /partners} (ADMIN): create with defaults, read, rotate certificates, remove; every bad field refused with
 * a detail naming it (and never quoting what was pasted as a certificate); one AS2 name per partner, also when two
 * creations race; certificates about to expire flagged in the listing and on {@code /actuator/health}; our own key
 * pair generated with owner-only permissions.
 */
class PartnersApiTest extends ExchangeTest {

    @Autowired
    private TracegateProperties properties;

    @Test
    void aPartnerIsCreatedWithDefaultsReadRotatedAndRemoved() {
        TestParties.Party party = TestParties.party(unique("CRUD PARTNER"));
        long id = registerPartner("Wholesaler", party, "https://as2.example.com/as2", "");

        HttpResponse<String> read = get("/partners/" + id, ADMIN_KEY);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat((String) json(read, "$.transport")).isEqualTo("as2");
        assertThat((String) json(read, "$.signing")).isEqualTo("sha256");
        assertThat((String) json(read, "$.encryption")).isEqualTo("aes256-cbc");
        assertThat((Boolean) json(read, "$.compression")).isFalse();
        assertThat((Boolean) json(read, "$.mdn.signed")).isTrue();
        assertThat((Boolean) json(read, "$.mdn.async")).isFalse();
        assertThat((String) json(read, "$.documentForm")).isEqualTo("1.2-xml-R1.3");
        assertThat((List<String>) json(read, "$.asyncMdnHosts")).containsExactly("as2.example.com");
        assertThat((Boolean) json(read, "$.interop.micOverHeaders")).isTrue();
        assertThat((String) json(read, "$.interop.transferEncoding")).isEqualTo("binary");
        assertThat((List<String>) json(read, "$.glns")).containsExactly(EpcisDocuments.SITE_GLN);
        assertThat((String) json(read, "$.certificates[0].status")).isEqualTo("valid");
        assertThat((String) json(read, "$.certificates[0].sha256"))
                .isEqualTo(ExchangeIdentity.fingerprint(party.certificate()));

        TestParties.Party successor = TestParties.party(party.as2Id());
        HttpResponse<String> rotated = put("/partners/" + id, "{\"name\":\"Wholesaler\",\"as2Id\":\""
                + party.as2Id() + "\",\"url\":\"https://as2.example.com/as2\",\"certificates\":["
                + jsonString(party.pem()) + "," + jsonString(successor.pem()) + "],\"signing\":\"SHA-512\","
                + "\"encryption\":\"aes128-gcm\",\"compression\":true,\"mdn\":{\"signed\":false,"
                + "\"async\":\"https://us.example.com/as2/mdn\"},\"documentForm\":\"2.0-jsonld\","
                + "\"interop\":{\"oldDigestNames\":true,\"cmsAlgorithmProtection\":false}}");
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        assertThat((List<?>) json(rotated, "$.certificates")).hasSize(2);
        assertThat((String) json(rotated, "$.signing")).isEqualTo("sha512");
        assertThat((String) json(rotated, "$.mdn.url")).isEqualTo("https://us.example.com/as2/mdn");
        assertThat((Boolean) json(rotated, "$.mdn.async")).isTrue();
        assertThat((Boolean) json(rotated, "$.interop.oldDigestNames")).isTrue();
        assertThat((Boolean) json(rotated, "$.interop.cmsAlgorithmProtection")).isFalse();
        assertThat((Boolean) json(rotated, "$.interop.micCanonicalization")).isTrue();

        assertThat(delete("/partners/" + id, ADMIN_KEY).statusCode()).isEqualTo(204);
        assertThat(get("/partners/" + id, ADMIN_KEY).statusCode()).isEqualTo(404);
        assertThat(delete("/partners/" + id, ADMIN_KEY).statusCode()).isEqualTo(404);
        registerPartner("Wholesaler again", successor, "https://as2.example.com/as2", ""); // the name is free again
    }

    @Test
    void everyBadFieldIsRefusedWithItsName() {
        String pem = jsonString(TestParties.party("X").pem());
        assertRefused("{\"as2Id\":\"A\",\"url\":\"http://h/as2\",\"certificates\":[" + pem + "]}", "name: required");
        assertRefused("{\"name\":\"n\",\"as2Id\":\"A\u00e9\",\"url\":\"http://h/as2\",\"certificates\":[" + pem + "]}",
                "as2Id: an AS2 name is printable US-ASCII");
        assertRefused("{\"name\":\"n\",\"as2Id\":\"A\",\"url\":\"ftp://h/as2\",\"certificates\":[" + pem + "]}",
                "url: an absolute http:// or https:// URL");
        assertRefused(body("\"glns\":[\"0300011111117\"]", pem), "glns[0]");
        assertRefused(body("\"signing\":\"md5\"", pem), "signing: unknown signing algorithm 'md5'");
        assertRefused(body("\"encryption\":\"aes512\"", pem), "encryption: unknown encryption algorithm");
        assertRefused(body("\"documentForm\":\"1.1-xml\"", pem), "documentForm: one of");
        assertRefused(body("\"interop\":{\"transferEncoding\":\"7bit\"}", pem), "interop.transferEncoding");
        assertRefused(body("\"mdn\":{\"async\":\"not a url\"}", pem), "mdn.async");
        assertRefused(body("\"transport\":\"https\"", pem), "url: the https transport needs an https:// URL");
        assertRefused("{\"name\":\"n\",\"as2Id\":\"A\",\"url\":\"http://h/as2\",\"certificates\":[" + pem + ","
                + pem + "," + pem + "]}", "certificates: one or two PEM certificates");

        String secret = "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwSECRETKEYMATERIAL\\n"
                + "-----END PRIVATE KEY-----\\n";
        HttpResponse<String> pasted = post("/partners", ADMIN_KEY, body("", "\"" + secret + "\""));
        assertThat(pasted.statusCode()).isEqualTo(400);
        assertThat((String) json(pasted, "$.detail")).startsWith("certificates[0]: not a PEM certificate");
        assertThat(pasted.body()).doesNotContain("SECRETKEYMATERIAL");
    }

    @Test
    void partnersAreForAdminsOnly() {
        String compliance = createKey(unique("partners-compliance"), Role.COMPLIANCE);
        assertThat(get("/partners", compliance).statusCode()).isEqualTo(403);
        assertThat(post("/partners", compliance, "{}").statusCode()).isEqualTo(403);
        assertThat(get("/messages", compliance).statusCode()).isEqualTo(200);
        String line = createKey(unique("partners-line"), Role.LINE);
        assertThat(get("/messages", line).statusCode()).isEqualTo(403);
        HttpResponse<String> certificate = get("/exchange/certificate", null);
        assertThat(certificate.statusCode()).isEqualTo(200);
        assertThat(certificate.body()).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void twoPartnersWithOneAs2NameCreatedAtOnceGiveOneCreatedAndOneConflict() throws Exception {
        TestParties.Party party = TestParties.party(unique("RACE"));
        String json = body("", jsonString(party.pem())).replace("\"as2Id\":\"A\"", "\"as2Id\":\"" + party.as2Id()
                + "\"");
        List<Integer> statuses = together(2, i -> post("/partners", ADMIN_KEY, json).statusCode());
        assertThat(statuses).containsExactlyInAnyOrder(201, 409);
    }

    @Test
    void certificatesExpiringWithin30DaysAreFlaggedInTheListingAndTheHealthDetails() {
        Instant now = Instant.now();
        TestParties.Party expiring = TestParties.party(unique("EXPIRING"), now.minus(Duration.ofDays(300)),
                now.plus(Duration.ofDays(10)));
        long id = registerPartner("Expiring", expiring, "https://as2.example.org/as2", "");
        String sha256 = ExchangeIdentity.fingerprint(expiring.certificate());

        HttpResponse<String> listed = get("/partners", ADMIN_KEY);
        assertThat((List<String>) json(listed, "$[?(@.id == " + id + ")].certificates[0].status"))
                .containsExactly("expiring");
        HttpResponse<String> health = get("/actuator/health", ADMIN_KEY);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat((List<String>) json(health, "$.components.exchange.details.expiringCertificates[*].sha256"))
                .contains(sha256);
        assertThat((String) json(health, "$.components.exchange.status")).isEqualTo("UP");
        assertThat(get("/actuator/health", null).body()).doesNotContain(sha256);
    }

    @Test
    void theGeneratedKeyPairIsReadableByItsOwnerOnly() throws Exception {
        Path dir = ExchangeProperties.identityDir(properties.dataDir());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        for (String file : List.of("identity.p12", "identity.password")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(file))))
                    .as(file).isEqualTo("rw-------");
        }
        assertThat(get("/exchange/certificate", null).body()).doesNotContain(Files.readString(
                dir.resolve("identity.password")).strip());
    }

    @Test
    void sendingNeedsAKnownPartnerADocumentAndItsType() {
        long id = registerPartner("Send checks", TestParties.party(unique("SEND")), "http://localhost:9/as2", "");
        assertThat(send(request("/partners/999999/messages", ADMIN_KEY).header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString("<x/>"))).statusCode()).isEqualTo(404);
        HttpResponse<String> empty = send(request("/partners/" + id + "/messages", ADMIN_KEY)
                .header("Content-Type", "application/xml").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat((String) json(empty, "$.detail")).isEqualTo("the document is empty");
        HttpResponse<String> untyped = send(request("/partners/" + id + "/messages", ADMIN_KEY)
                .POST(HttpRequest.BodyPublishers.ofString("<x/>")));
        assertThat(untyped.statusCode()).isEqualTo(400);
        assertThat((String) json(untyped, "$.detail")).startsWith("Content-Type");
        assertThat(get("/messages?direction=sideways", ADMIN_KEY).statusCode()).isEqualTo(400);
        assertThat(get("/messages/nope", ADMIN_KEY).statusCode()).isEqualTo(404);
    }

    private void assertRefused(String json, String detail) {
        HttpResponse<String> refused = post("/partners", ADMIN_KEY, json);
        assertThat(refused.statusCode()).as(json).isEqualTo(400);
        assertThat((String) json(refused, "$.detail")).as(json).contains(detail);
    }

    private static String body(String extra, String certificate) {
        return "{" + (extra.isEmpty() ? "" : extra + ",") + "\"name\":\"n\",\"as2Id\":\"A\",\"url\":\"http://h/as2\","
                + "\"certificates\":[" + certificate + "]}";
    }

    private HttpResponse<String> put(String path, String json) {
        return send(request(path, ADMIN_KEY).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }
}
