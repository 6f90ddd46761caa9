package io.tracegate.gateway.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tracegate.gateway.RemoteGateway;
import io.tracegate.gateway.security.Role;
import io.tracegate.gs1.Gln;
import io.tracegate.gs1.Gtin;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The requester/router against a second gateway started in this test as the manufacturer's responder: the lookup
 * directory (API, CSV, file at start, longest match), forwarding with the remote answer passed through, one retry,
 * 502, 504 and 404.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouterTest extends VerifyTest {

    /** The remote manufacturer's company prefix and its product. */
    private static final String PREFIX = "0951000";
    private static final String REMOTE_GTIN = Gtin.withCheckDigit("0095100012345").value();
    private static final String OTHER_REMOTE_GTIN = Gtin.withCheckDigit("0095100054321").value();
    private static final String REMOTE_GLN = Gln.withCheckDigit("095100000000").value();
    private static final String LOT = "RL1";

    private RemoteGateway remote;
    private String remotePartnerKey;
    private String unit;
    private int timeoutMs = 1500;

    @BeforeAll
    void startTheManufacturersGateway(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("directory.csv");
        Files.writeString(file, Directory.CSV_HEADER + "\n# a partner's partner\n,0961000,http://localhost:9/vrs,,\n");
        remote = RemoteGateway.start(Map.of("tracegate.verify.responder-gln", REMOTE_GLN,
                "tracegate.verify.directory-file", file.toString()));
        String line = remoteKey(unique("line"), Role.LINE);
        remotePartnerKey = remoteKey(unique("router"), Role.PARTNER);
        unit = "urn:epc:id:sgtin:" + PREFIX + ".012345." + unique("r");
        HttpResponse<String> accepted = remote.post("/capture", line, "application/ld+json", document(
                objectEvent("ADD").epcs(unit).bizStep("commissioning").disposition("active").at(SITE)
                        .lot(LOT, "2030-05-31")));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String job = accepted.headers().firstValue("Location").orElseThrow();
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!remote.get(job, line).body().contains("\"running\":false")) {
            assertThat(System.nanoTime()).as("the remote capture finishes").isLessThan(deadline);
            Thread.sleep(20);
        }
        assertThat(remote.get(job, line).body()).contains("\"success\":true");
        HttpResponse<String> route = post("/vrs/directory", ADMIN_KEY, "{\"companyPrefix\":\"" + PREFIX
                + "\",\"url\":\"" + remote.base() + "/vrs/\",\"apiKey\":\"" + remotePartnerKey + "\",\"timeoutMs\":"
                + timeoutMs + "}");
        assertThat(route.statusCode()).as(route.body()).isEqualTo(201);
    }

    @AfterAll
    void stopIt() {
        if (remote != null) {
            remote.close();
        }
    }

    private String remoteKey(String name, Role role) {
        HttpResponse<String> created = remote.post("/admin/keys", RemoteGateway.ADMIN_KEY, "application/json",
                "{\"name\":\"" + name + "\",\"roles\":[\"" + role + "\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created, "$.key");
    }

    private HttpResponse<String> forwarded(String lot, String more) {
        return get(lmsPath(REMOTE_GTIN, lot, serial(unit), "300531", more), partnerKey());
    }

    @Test
    void theRemoteAnswerIsPassedThroughAndLogged() {
        String corr = UUID.randomUUID().toString();
        String requestor = unique("requestor");
        String key = createKey(requestor, Role.PARTNER);

        HttpResponse<String> answer = get(lmsPath(REMOTE_GTIN, LOT, serial(unit), "300531", "&corrUUID=" + corr), key);
        HttpResponse<String> mismatch = forwarded("OTHER", "");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat((String) json(answer, "$.responderGLN")).isEqualTo(REMOTE_GLN);
        assertThat((String) json(answer, "$.corrUUID")).isEqualTo(corr);
        assertThat((Boolean) json(answer, "$.data.verified")).isTrue();
        assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-cache, private");
        assertThat((String) json(mismatch, "$.data.verificationFailureReason")).isEqualTo("No_match_GTIN_Serial_Lot");
        HttpResponse<String> log = get("/vrs/log?requestor=" + requestor, complianceKey());
        assertThat((List<String>) json(log, "$.entries[*].responder")).containsExactly(remote.base() + "/vrs");
        assertThat((List<String>) json(log, "$.entries[*].outcome")).containsExactly("verified");
        // the remote logged it as its own answer to this gateway's key
        List<String> remoteLog = remote.bean(JdbcClient.class)
                .sql("select responder from vrs_request_log where corr_uuid = ?").param(corr).query(String.class)
                .list();
        assertThat(remoteLog).containsExactly("local");
    }

    @Test
    void checkConnectivityIsForwarded() {
        HttpResponse<String> answer = get("/vrs/checkConnectivity?gtin=" + REMOTE_GTIN + "&reqGLN=" + REQ_GLN,
                partnerKey());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat((String) json(answer, "$.responderGLN")).isEqualTo(REMOTE_GLN);
    }

    @Test
    void aGtinEntryWinsOverItsCompanyPrefixAndARemoteRefusalIsPassedThrough() {
        HttpResponse<String> route = post("/vrs/directory", ADMIN_KEY, "{\"gtin\":\"" + OTHER_REMOTE_GTIN
                + "\",\"url\":\"" + remote.base() + "/vrs\",\"apiKey\":\"tg_not-a-key-of-the-remote-gateway\"}");
        assertThat(route.statusCode()).as(route.body()).isEqualTo(201);
        try {
            HttpResponse<String> refused = get(lmsPath(OTHER_REMOTE_GTIN, LOT, "S1", "300531", ""), partnerKey());

            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat((String) json(refused, "$.detail")).contains("unknown or revoked");
        } finally {
            assertThat(delete("/vrs/directory/" + OTHER_REMOTE_GTIN, ADMIN_KEY).statusCode()).isEqualTo(204);
        }
    }

    @Test
    void aGtinWithoutRouteIsNotFound() {
        HttpResponse<String> answer = get(lmsPath(Gtin.withCheckDigit("0097100012345").value(), LOT, "S1", "300531",
                ""), partnerKey());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(404);
        assertThat((String) json(answer, "$.type")).isEqualTo("epcisException:NoSuchResourceException");
    }

    @Test
    void aRemoteServerErrorIsTriedOnceMoreThenBadGateway() throws Exception {
        JdbcClient remoteDb = remote.bean(JdbcClient.class);
        double before = serverErrors();
        remoteDb.sql("alter table serial_unit rename to serial_unit_away").update();
        HttpResponse<String> answer;
        try {
            answer = forwarded(LOT, "");
        } finally {
            remoteDb.sql("alter table serial_unit_away rename to serial_unit").update();
        }

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(502);
        assertThat((String) json(answer, "$.detail")).contains(remote.base(), "answered 500");
        assertThat(serverErrors() - before).isEqualTo(2.0);
        assertThat(forwarded(LOT, "").statusCode()).isEqualTo(200);
    }

    @Test
    void aRemoteTooSlowIsTriedOnceMoreThenGatewayTimeout() throws Exception {
        String corr = UUID.randomUUID().toString();
        HttpResponse<String> answer;
        long start = System.nanoTime();
        // the remote's unit look-up waits behind this lock: the responder answers only when it is released
        try (Connection lock = remote.bean(DataSource.class).getConnection()) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.execute("lock table serial_unit in access exclusive mode");
            }
            answer = forwarded(LOT, "&corrUUID=" + corr);
            lock.rollback();
        }
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(504);
        assertThat((String) json(answer, "$.detail")).contains("did not answer within " + timeoutMs + " ms");
        assertThat(elapsedMs).isGreaterThanOrEqualTo(2L * timeoutMs);
        // both attempts reached the remote, which answers them once the lock is gone
        JdbcClient remoteDb = remote.bean(JdbcClient.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (remoteDb.sql("select count(*) from vrs_request_log where corr_uuid = ?").param(corr)
                .query(Long.class).single() < 2) {
            assertThat(System.nanoTime()).as("the remote logs both attempts").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void theDirectoryIsManagedByAdminsOneEntryPerPrefix() throws Exception {
        String prefix = "0981" + String.format("%03d", Math.abs(UUID.randomUUID().hashCode()) % 1000);
        String entry = "{\"companyPrefix\":\"" + prefix + "\",\"url\":\"https://vrs.example.com/lms\"}";

        assertThat(post("/vrs/directory", partnerKey(), entry).statusCode()).isEqualTo(403);
        List<Integer> statuses = together(6, i -> post("/vrs/directory", ADMIN_KEY, entry).statusCode());
        assertThat(statuses).containsExactlyInAnyOrder(201, 409, 409, 409, 409, 409);

        HttpResponse<String> list = get("/vrs/directory", ADMIN_KEY);
        assertThat((List<String>) json(list, "$[?(@.companyPrefix == '" + prefix + "')].url"))
                .containsExactly("https://vrs.example.com/lms");
        assertThat(list.body()).doesNotContain(remotePartnerKey);
        assertThat((List<Boolean>) json(list, "$[?(@.companyPrefix == '" + PREFIX + "')].hasApiKey"))
                .containsExactly(true);
        assertThat(delete("/vrs/directory/" + prefix, ADMIN_KEY).statusCode()).isEqualTo(204);
        assertThat(delete("/vrs/directory/" + prefix, ADMIN_KEY).statusCode()).isEqualTo(404);
        HttpResponse<String> bad = post("/vrs/directory", ADMIN_KEY, "{\"companyPrefix\":\"12\",\"url\":\"ftp://x\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat((String) json(bad, "$.detail")).startsWith("companyPrefix:");
    }

    @Test
    void theDirectoryLoadsFromCsvWholeOrNotAtAll() {
        String prefix = "0991" + String.format("%03d", Math.abs(UUID.randomUUID().hashCode()) % 1000);
        String good = Directory.CSV_HEADER + "\n," + prefix + ",http://localhost:9/vrs,k1,250\n"
                + Gtin.withCheckDigit("0099100012345").value() + ",,http://localhost:9/vrs,,\n";
        String bad = Directory.CSV_HEADER + "\n,09920001,http://localhost:9/vrs,,\n,0993000,not a url,,\n";

        HttpResponse<String> loaded = send(request("/vrs/directory", ADMIN_KEY).header("Content-Type", "text/csv")
                .POST(BodyPublishers.ofString(good)));
        HttpResponse<String> refused = send(request("/vrs/directory", ADMIN_KEY).header("Content-Type", "text/csv")
                .POST(BodyPublishers.ofString(bad)));

        assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(200);
        assertThat((Integer) json(loaded, "$.loaded")).isEqualTo(2);
        assertThat((List<Integer>) json(get("/vrs/directory", ADMIN_KEY), "$[?(@.companyPrefix == '" + prefix
                + "')].timeoutMs")).containsExactly(250);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat((String) json(refused, "$.detail")).startsWith("line 3, url:");
        assertThat(get("/vrs/directory", ADMIN_KEY).body()).doesNotContain("09920001");
        // the remote loaded its directory file at start
        assertThat((List<String>) json(remote.get("/vrs/directory", RemoteGateway.ADMIN_KEY),
                "$[*].companyPrefix")).containsExactly("0961000");
    }

    /** The remote's count of 500 answers to verification requests. */
    private double serverErrors() {
        return remote.bean(MeterRegistry.class).find("http.server.requests").tag("status", "500").timers().stream()
                .filter(timer -> timer.getId().getTag("uri").startsWith("/vrs/gtin"))
                .mapToDouble(Timer::count).sum();
    }
}
