package io.tracegate.gateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracegate.gateway.GatewayTest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/** Exchange integration tests: partners registered through the API, the gateway's certificate, polling. */
abstract class ExchangeTest extends GatewayTest {

    /** Registers a partner with the admin key; {@code settings} are extra JSON members ({@code "a":1,}). */
    protected long registerPartner(String name, TestParties.Party party, String url, String settings) {
        HttpResponse<String> created = post("/partners", ADMIN_KEY, "{" + settings + "\"name\":\"" + name
                + "\",\"as2Id\":\"" + party.as2Id() + "\",\"url\":\"" + url + "\",\"glns\":[\""
                + EpcisDocuments.SITE_GLN + "\"],\"certificates\":[" + jsonString(party.pem()) + "]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return ((Number) json(created, "$.id")).longValue();
    }

    protected X509Certificate gatewayCertificate() {
        HttpResponse<String> pem = get("/exchange/certificate", null);
        assertThat(pem.statusCode()).isEqualTo(200);
        return Pem.read(pem.body());
    }

    protected URI as2() {
        return URI.create("http://localhost:" + port + "/as2");
    }

    /** Polls {@code GET path} with the admin key until the answer satisfies the condition. */
    protected HttpResponse<String> await(String path, Predicate<HttpResponse<String>> condition) {
        return await("GET " + path, () -> get(path, ADMIN_KEY), condition);
    }

    /** Asks until the answer satisfies the condition, for a minute at most. */
    static HttpResponse<String> await(String what, Supplier<HttpResponse<String>> ask,
            Predicate<HttpResponse<String>> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<String> response = ask.get();
            if (condition.test(response)) {
                return response;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not reach the expected state: " + response.body());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The newest message of a partner in one direction. */
    protected HttpResponse<String> newestMessage(long partner, String direction) {
        return get("/messages?partner=" + partner + "&direction=" + direction + "&limit=1", ADMIN_KEY);
    }

    /** The audit records naming a message ({@code as2:<Message-ID>}) in order: action and payload SHA-256. */
    protected List<String> audited(String messageId) {
        return auditRecords(get(auditPath(messageId), ADMIN_KEY));
    }

    static String auditPath(String messageId) {
        return "/audit?object=" + URLEncoder.encode("as2:" + messageId, StandardCharsets.UTF_8);
    }

    static List<String> auditRecords(HttpResponse<String> page) {
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        List<String> actions = json(page, "$.records[*].action");
        List<String> payloads = json(page, "$.records[*].payloadSha256");
        return IntStream.range(0, actions.size()).mapToObj(i -> actions.get(i) + " " + payloads.get(i)).toList();
    }

    static String jsonString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
