package io.tracegate.gateway.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracegate.gateway.capture.CaptureTest;
import io.tracegate.gateway.security.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a hostile client tries on the query API: altered and forged page tokens, a token reused with a larger
 * {@code eventCountLimit}, NUL characters, dates and numbers out of every range, and a {@code Host} header meant to
 * be copied into the {@code Link} URLs.
 */
class QueryHardeningTest extends CaptureTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String STEP = "urn:example:bizstep:hardening-" + RUN;
    private static String compliance;

    @BeforeEach
    void captureFiveEventsOnce() throws InterruptedException {
        if (compliance != null) {
            return;
        }
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            events.append(i == 0 ? "" : ",").append("""
                    {"type":"ObjectEvent","eventTime":"2023-06-0%dT10:00:00Z","eventTimeZoneOffset":"+00:00",
                     "action":"ADD","epcList":["urn:epc:id:sgtin:0614141.107346.H%s%d"],"bizStep":"%s"}"""
                    .formatted(i + 1, RUN, i, STEP));
        }
        String line = createKey(unique("hardening-line"), Role.LINE);
        HttpResponse<String> accepted = send(request("/capture", line).header("Content-Type", "application/ld+json")
                .POST(BodyPublishers.ofString("""
                        {"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
                         "type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2023-06-10T00:00:00Z",
                         "epcisBody":{"eventList":[%s]}}""".formatted(events))));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(awaitJob(accepted.headers().firstValue("Location").orElseThrow(), line).body())
                .contains("\"success\":true");
        compliance = createKey(unique("hardening-compliance"), Role.COMPLIANCE);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The nextPageToken of an answer's Link header. */
    private static String token(HttpResponse<String> page) {
        String link = page.headers().firstValue("Link").orElseThrow();
        return link.substring(link.indexOf("nextPageToken=") + "nextPageToken=".length()).replaceAll("[&>].*", "");
    }

    @Test
    void aPageTokenCannotBeAlteredForgedOrReusedWithAnotherLimit() {
        String query = "/events?EQ_bizStep=" + encode(STEP) + "&orderBy=eventTime&orderDirection=ASC";
        HttpResponse<String> first = get(query + "&eventCountLimit=2&perPage=1", compliance);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        String token = token(first);

        // the token only continues its own query: not one with a larger eventCountLimit
        assertQueryParameterRefused(get(query + "&eventCountLimit=25&perPage=1&nextPageToken=" + token, compliance),
                "token with another eventCountLimit", "nextPageToken", "different query");
        HttpResponse<String> second = get(query + "&eventCountLimit=2&perPage=1&nextPageToken=" + token, compliance);
        assertThat((List<?>) json(second, "$.epcisBody.queryResults.resultsBody.eventList")).hasSize(1);
        assertThat(second.headers().firstValue("Link")).isEmpty();

        // its payload says how many events were served: changed, the signature no longer holds
        String payload = token.substring(0, token.indexOf('.'));
        String text = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
        String altered = Base64.getUrlEncoder().withoutPadding().encodeToString(
                text.replaceFirst("\\.1\\.", ".-23.").getBytes(StandardCharsets.UTF_8)) + token.substring(payload.length());
        assertThat(altered).isNotEqualTo(token);
        assertQueryParameterRefused(get(query + "&eventCountLimit=2&perPage=1&nextPageToken=" + altered, compliance),
                "altered token", "nextPageToken", "not a token this gateway issued");

        // a token written by hand, with an expiry far beyond any date
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("2.MTox.0." + Long.MAX_VALUE + ".x").getBytes(StandardCharsets.UTF_8)) + ".AAAA";
        assertQueryParameterRefused(get(query + "&nextPageToken=" + forged, compliance), "forged token",
                "nextPageToken", "not a token this gateway issued");
    }

    @Autowired
    JdbcClient jdbc;

    /** Gateways started together on one database end with one key: each accepts the others' tokens. */
    @Test
    void gatewaysStartedAtOnceShareOneSigningKey() throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Future<SignedTokens> first = two.submit(() -> {
                start.await();
                return new SignedTokens(jdbc);
            });
            Future<SignedTokens> second = two.submit(() -> {
                start.await();
                return new SignedTokens(jdbc);
            });
            String token = first.get().sign(List.of("2", "x", "0"));
            assertThat(second.get().verify(token)).containsExactly("2", "x", "0");
            int mac = token.indexOf('.') + 1;
            String forged = token.substring(0, mac) + (token.charAt(mac) == 'A' ? 'B' : 'A') + token.substring(mac + 1);
            assertThat(second.get().verify(forged)).isNull();
        } finally {
            two.shutdown();
        }
        assertThat(jdbc.sql("select count(*) from query_secret").query(Long.class).single()).isOne();
    }

    @Test
    void nulCharactersAreRefusedNamingTheParameter() {
        assertQueryParameterRefused(get("/events?EQ_bizStep=ship%00ping", compliance), "NUL in a value",
                "EQ_bizStep", "control character");
        HttpResponse<String> name = get("/events?EQ_ILMD_lot%00Number=A", compliance);
        assertThat(name.statusCode()).as(name.body()).isEqualTo(400);
        assertThat((String) json(name, "$.detail")).contains("parameter name", "EQ_ILMD_lot");
        assertQueryParameterRefused(get("/events?MATCH_epc=urn%3Aepc%3A%00", compliance), "NUL in an EPC",
                "MATCH_epc", "control character");
        assertQueryParameterRefused(get("/capture?perPage=1%00", compliance), "NUL in a capture list parameter",
                "perPage", "control character");
    }

    @Test
    void datesAndNumbersOutOfRangeAreRefusedNamingTheParameter() {
        assertQueryParameterRefused(get("/events?GE_eventTime=99999-01-01T00:00:00Z", compliance), "year 99999",
                "GE_eventTime", "");
        assertQueryParameterRefused(get("/events?LT_recordTime=" + encode("-4000-01-01T00:00:00Z"), compliance),
                "year -4000", "LT_recordTime", "");
        assertQueryParameterRefused(get("/events?GE_errorDeclarationTime=10000-01-01T00:00:00Z", compliance),
                "year 10000", "GE_errorDeclarationTime", "");
        assertQueryParameterRefused(get("/events?EQ_quantity=1e99999999", compliance), "a huge exponent",
                "EQ_quantity", "digits");
        assertQueryParameterRefused(get("/events?GT_quantity=1e-99999999", compliance), "a tiny exponent",
                "GT_quantity", "digits");
        assertQueryParameterRefused(get("/events?perPage=99999999999999999999", compliance), "a huge perPage",
                "perPage", "1 to 1000");
    }

    @Test
    void linkUrlsUseOnlyAVerifiedHost() throws IOException {
        String query = "/events?EQ_bizStep=" + encode(STEP) + "&perPage=1";
        assertThat(rawGet(query, "localhost:" + port)).contains("Link: <http://localhost:" + port + "/events?");
        String foreign = rawGet(query, "attacker.example");
        assertThat(foreign).contains("Link: </events?").doesNotContain("attacker.example");
    }

    /** A GET with a Host header of our choosing (java.net.http does not let a client set one). */
    private String rawGet(String pathAndQuery, String host) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + compliance
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return response.substring(0, response.indexOf("\r\n\r\n"));
        }
    }
}
