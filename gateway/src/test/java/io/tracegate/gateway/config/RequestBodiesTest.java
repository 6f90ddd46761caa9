package io.tracegate.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracegate.gateway.GatewayTest;
import io.tracegate.gateway.security.Role;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/** Issue 9: compressed and ambiguous request bodies, error dispatches, and the slow-client settings in force. */
class RequestBodiesTest extends GatewayTest {

    private static final String GTIN = "00300010123455";

    @Autowired
    WebServerApplicationContext context;

    @Test
    void aCompressedBodyIsRefusedNamingTheContentEncodingAndNothingIsCaptured() throws Exception {
        String key = createKey(unique("gzip-line"), Role.LINE);
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzipped)) {
            out.write("{\"@context\":\"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld\"}".getBytes());
        }

        HttpResponse<String> capture = send(request("/capture", key).header("Content-Type", "application/ld+json")
                .header("Content-Encoding", "gzip").POST(BodyPublishers.ofByteArray(gzipped.toByteArray())));
        HttpResponse<String> masterData = send(request("/masterdata/products/" + GTIN, ADMIN_KEY)
                .header("Content-Type", "application/json").header("Content-Encoding", "br")
                .PUT(BodyPublishers.ofString("{\"name\":\"x\"}")));

        assertUnsupportedEncoding(capture, "gzip");
        assertUnsupportedEncoding(masterData, "br");
        assertThat(get("/capture", key).body()).isEqualTo("[]");
    }

    @Test
    void duplicateKeysInAnApiBodyAreRefusedNamingTheKey() {
        String first = unique("dup-a");
        String second = unique("dup-b");

        HttpResponse<String> key = post("/admin/keys", ADMIN_KEY,
                "{\"name\":\"" + first + "\",\"roles\":[\"LINE\"],\"name\":\"" + second + "\"}");
        HttpResponse<String> product = send(request("/masterdata/products/" + GTIN, ADMIN_KEY)
                .header("Content-Type", "application/json")
                .PUT(BodyPublishers.ofString("{\"name\":\"Epcistra\",\"name\":\"Other\"}")));

        for (HttpResponse<String> response : List.of(key, product)) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat((String) json(response, "$.type")).isEqualTo("epcisException:ValidationException");
            assertThat((String) json(response, "$.detail")).contains("Duplicate", "\"name\"");
        }
        assertThat(get("/admin/keys", ADMIN_KEY).body()).doesNotContain(first, second);
    }

    @Test
    void anErrorDispatchShowsAValidKeyTheRealError() {
        // the security firewall refuses an encoded "." in a path with 400, rendered through an /error dispatch
        HttpResponse<String> response = get("/events/%2e%2e/admin", ADMIN_KEY);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat((String) json(response, "$.type")).isEqualTo("epcisException:ValidationException");
    }

    @Test
    void anUploadRefusedUnreadStillGetsItsAnswer() {
        // the connection is closed after the answer instead of reading the rest (UnreadBodyValve)
        byte[] document = new byte[1 << 20];
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> response = send(request("/capture", null)
                    .header("Content-Type", "application/ld+json").POST(BodyPublishers.ofByteArray(document)));

            assertThat(response.statusCode()).isEqualTo(401);
        }
    }

    @Test
    void slowClientSettingsAreInForceWithTheirDocumentedDefaults() {
        AbstractHttp11Protocol<?> protocol = (AbstractHttp11Protocol<?>) ((TomcatWebServer) context.getWebServer())
                .getTomcat().getConnector().getProtocolHandler();

        assertThat(protocol.getConnectionTimeout()).as("request-header timeout").isEqualTo(20_000);
        assertThat(protocol.getDisableUploadTimeout()).isFalse();
        assertThat(protocol.getConnectionUploadTimeout()).as("body idle timeout").isEqualTo(60_000);
    }

    private static void assertUnsupportedEncoding(HttpResponse<String> response, String coding) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(415);
        assertThat(response.headers().firstValue("Accept-Encoding")).hasValue("identity");
        assertThat((String) json(response, "$.type")).isEqualTo("epcisException:UnsupportedMediaTypeException");
        assertThat((String) json(response, "$.detail")).contains("Content-Encoding " + coding);
    }
}
