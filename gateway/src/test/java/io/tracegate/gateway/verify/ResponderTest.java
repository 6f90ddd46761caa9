package io.tracegate.gateway.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracegate.gateway.security.Role;
import io.tracegate.gs1.Gtin;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The LMS responder over HTTP: every decision branch and every applicable code-list row (failure reasons,
 * additional information, HTTP statuses), corrUUID, checkConnectivity, the per-requestor policy and rate limit,
 * and the request log.
 */
class ResponderTest extends VerifyTest {

    private static final String LOT = "L77";
    /** A GTIN nobody answers for: no lots here, no directory entry (the router test's remote is 0951000). */
    private static final String NO_RESPONDER = Gtin.withCheckDigit("0097100012345").value();

    @Test
    void aMatchingIdentifierIsVerified() {
        String unit = commissioned(LOT, "2030-03-15");
        String corr = UUID.randomUUID().toString().toUpperCase();

        HttpResponse<String> answer = get(lmsPath(GTIN, LOT, serial(unit), "300315", "&context=dscsaSaleableReturn"
                + "&corrUUID=" + corr), partnerKey());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/json"));
        assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-cache, private");
        assertThat((Boolean) json(answer, "$.data.verified")).isTrue();
        assertThat((Map<String, Object>) json(answer, "$.data")).containsOnlyKeys("verified");
        assertThat((String) json(answer, "$.responderGLN")).isEqualTo(RESPONDER_GLN);
        assertThat((String) json(answer, "$.corrUUID")).isEqualTo(corr);
        Instant at = Instant.parse(json(answer, "$.verificationTimestamp"));
        assertThat(at).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
        assertThat((String) json(answer, "$.verificationTimestamp")).matches(".*T.*\\.\\d{3}Z");
    }

    @Test
    void aCorrelationIdIsGeneratedWhenAbsent() {
        String unit = commissioned(LOT, "2030-03-15");

        HttpResponse<String> answer = lms(partnerKey(), LOT, serial(unit), "300315");

        assertThat((String) json(answer, "$.corrUUID"))
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"); // random: version 4
    }

    @Test
    void expiryIsComparedAsADateWithDay00TheLastDayOfTheMonth() {
        String lot = unique("F");
        String unit = commissioned(lot, "2030-02-28");

        assertThat(verdict(lms(partnerKey(), lot, serial(unit), "300200"))).containsExactly(true, null, null);
        assertThat(verdict(lms(partnerKey(), lot, serial(unit), "300228"))).containsExactly(true, null, null);
        assertThat(verdict(lms(partnerKey(), lot, serial(unit), "300227")))
                .containsExactly(false, "No_match_GTIN_Serial_Expiry", null);
    }

    @Test
    void eachMismatchHasItsReason() {
        String unit = commissioned(LOT, "2030-03-15");
        String serial = serial(unit);

        assertThat(verdict(lms(partnerKey(), LOT, "never-" + serial, "300315")))
                .containsExactly(false, "No_match_GTIN_Serial", null);
        assertThat(verdict(lms(partnerKey(), "OTHER", serial, "300316")))
                .containsExactly(false, "No_match_GTIN_Serial_Lot_Expiry", null);
        assertThat(verdict(lms(partnerKey(), "OTHER", serial, "300315")))
                .containsExactly(false, "No_match_GTIN_Serial_Lot", null);
        assertThat(verdict(lms(partnerKey(), LOT, serial, "300316")))
                .containsExactly(false, "No_match_GTIN_Serial_Expiry", null);
    }

    @Test
    void aDestroyedOrStolenUnitIsNotForRedistribution() {
        String destroyed = commissioned(LOT, "2030-03-15");
        String stolen = commissioned(LOT, "2030-03-15");
        capture(objectEvent("DELETE").epcs(destroyed).bizStep("destroying").disposition("destroyed").at(SITE));
        capture(objectEvent("OBSERVE").epcs(stolen).bizStep("inspecting").disposition("stolen").at(SITE));

        assertThat(verdict(lms(partnerKey(), LOT, serial(destroyed), "300315")))
                .containsExactly(false, "Not_for_re-distribution", null);
        assertThat(verdict(lms(partnerKey(), LOT, serial(stolen), "300315")))
                .containsExactly(false, "Not_for_re-distribution", null);
        // the lot and expiry are checked first
        assertThat(verdict(lms(partnerKey(), "OTHER", serial(stolen), "300315")))
                .containsExactly(false, "No_match_GTIN_Serial_Lot", null);
    }

    @Test
    void marksDecideSuspectAndIllegitimateAndClearingEndsThem() {
        String unit = commissioned(LOT, "2030-03-15");

        mark(unit, "suspect");
        assertThat(verdict(lms(partnerKey(), LOT, serial(unit), "300315"))).containsExactly(true, null, "Suspect");
        mark(unit, "illegitimate");
        assertThat(verdict(lms(partnerKey(), LOT, serial(unit), "300315")))
                .containsExactly(false, "Not_for_re-distribution", "Illegitimate");
        mark(unit, "cleared");
        assertThat(verdict(lms(partnerKey(), LOT, serial(unit), "300315"))).containsExactly(true, null, null);
    }

    @Test
    void aRecallOfTheLotOrARecalledDispositionIsReported() {
        String lot = unique("R");
        String unit = commissioned(lot, "2030-03-15");
        String quarantined = commissioned(LOT, "2030-03-15");
        HttpResponse<String> recall = post("/recalls", complianceKey(),
                "{\"gtin\":\"" + GTIN + "\",\"lot\":\"" + lot + "\",\"reason\":\"sterility\"}");
        assertThat(recall.statusCode()).as(recall.body()).isEqualTo(201);
        capture(objectEvent("OBSERVE").epcs(quarantined).bizStep("holding").disposition("recalled").at(SITE));

        assertThat(verdict(lms(partnerKey(), lot, serial(unit), "300315"))).containsExactly(true, null, "Recalled");
        assertThat(verdict(lms(partnerKey(), LOT, serial(quarantined), "300315")))
                .containsExactly(true, null, "Recalled");
        // the information accompanies a mismatch too: it is the unit's, whatever lot was asked about
        assertThat(verdict(lms(partnerKey(), "OTHER", serial(unit), "300315")))
                .containsExactly(false, "No_match_GTIN_Serial_Lot", "Recalled");
    }

    @Test
    void aUnitPastItsExpiryIsVerifiedAsExpired() {
        String lot = unique("X");
        String unit = commissioned(lot, "2020-01-31");

        assertThat(verdict(lms(partnerKey(), lot, serial(unit), "200131"))).containsExactly(true, null, "Expired");
    }

    @Test
    void aRequestorsPolicyWithholdsReasonsAndInformation() {
        String discreet = createKey("verify-discreet", Role.PARTNER);
        String recalledLot = unique("R");
        String recalled = commissioned(recalledLot, "2030-03-15");
        post("/recalls", complianceKey(), "{\"gtin\":\"" + GTIN + "\",\"lot\":\"" + recalledLot
                + "\",\"reason\":\"label\"}");
        String expiredLot = unique("X");
        String expired = commissioned(expiredLot, "2020-01-31");

        assertThat(verdict(lms(discreet, "OTHER", serial(recalled), "300315")))
                .containsExactly(false, "No_reason_provided", null);
        assertThat(verdict(lms(discreet, recalledLot, serial(recalled), "300315"))).containsExactly(true, null, null);
        assertThat(verdict(lms(discreet, expiredLot, serial(expired), "200131"))).containsExactly(true, null, "Expired");
        // the others see everything (the default policy)
        assertThat(verdict(lms(partnerKey(), recalledLot, serial(recalled), "300315")))
                .containsExactly(true, null, "Recalled");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "GTIN check digit|/vrs/gtin/00300010123454/lot/L1/ser/S1?exp=300315&linkType=verificationService&reqGLN=0399999999991|gtin",
            "GTIN-13|/vrs/gtin/0300010123455/lot/L1/ser/S1?exp=300315&linkType=verificationService&reqGLN=0399999999991|gtin",
            "lot over 20|/vrs/gtin/00300010123455/lot/ABCDEFGHIJKLMNOPQRSTU/ser/S1?exp=300315&linkType=verificationService&reqGLN=0399999999991|lot",
            "lot outside CSET 82|/vrs/gtin/00300010123455/lot/L%C3%A91/ser/S1?exp=300315&linkType=verificationService&reqGLN=0399999999991|lot",
            "serial over 20|/vrs/gtin/00300010123455/lot/L1/ser/S12345678901234567890?exp=300315&linkType=verificationService&reqGLN=0399999999991|ser",
            "serial outside CSET 82|/vrs/gtin/00300010123455/lot/L1/ser/S%201?exp=300315&linkType=verificationService&reqGLN=0399999999991|ser",
            "month 13|/vrs/gtin/00300010123455/lot/L1/ser/S1?exp=301301&linkType=verificationService&reqGLN=0399999999991|exp",
            "31 February|/vrs/gtin/00300010123455/lot/L1/ser/S1?exp=300231&linkType=verificationService&reqGLN=0399999999991|exp",
            "exp missing|/vrs/gtin/00300010123455/lot/L1/ser/S1?linkType=verificationService&reqGLN=0399999999991|exp",
            "linkType missing|/vrs/gtin/00300010123455/lot/L1/ser/S1?exp=300315&reqGLN=0399999999991|linkType",
            "linkType wrong|/vrs/gtin/00300010123455/lot/L1/ser/S1?exp=300315&linkType=pip&reqGLN=0399999999991|linkType",
            "context not allowed|/vrs/gtin/00300010123455/lot/L1/ser/S1?exp=300315&linkType=verificationService&context=dscsaOther&reqGLN=0399999999991|context",
            "reqGLN check digit|/vrs/gtin/00300010123455/lot/L1/ser/S1?exp=300315&linkType=verificationService&reqGLN=0399999999992|reqGLN",
            "corrUUID malformed|/vrs/gtin/00300010123455/lot/L1/ser/S1?exp=300315&linkType=verificationService&reqGLN=0399999999991&corrUUID=42|corrUUID"})
    void aMalformedRequestIsRefusedNamingTheField(String what, String path, String field) {
        HttpResponse<String> refused = get(path, partnerKey());

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat((String) json(refused, "$.detail")).startsWith(field + ":");
    }

    @Test
    void credentialsAndPermissionsAreChecked() {
        String unit = commissioned(LOT, "2030-03-15");
        String path = lmsPath(GTIN, LOT, serial(unit), "300315", "");
        String limited = keyWithGlns(unique("pharmacy"), Role.PHARMACIST, "0614141000005");

        assertThat(get(path, null).statusCode()).isEqualTo(401);
        assertThat(get(path, "tg_unknown-key-0123456789012345678901234567890").statusCode()).isEqualTo(401);
        assertThat(get(path, lineKey()).statusCode()).isEqualTo(403);
        HttpResponse<String> otherGln = get(path, limited);
        assertThat(otherGln.statusCode()).as(otherGln.body()).isEqualTo(403);
        assertThat((String) json(otherGln, "$.detail")).startsWith("reqGLN:").contains("0399999999991");
        HttpResponse<String> ownGln = get(path.replace(REQ_GLN, "0614141000005"), limited);
        assertThat(ownGln.statusCode()).as(ownGln.body()).isEqualTo(200);
        assertThat((Boolean) json(ownGln, "$.data.verified")).isTrue();
    }

    @Test
    void aRevokedKeyStopsAtOnce() {
        String name = unique("revoked");
        String key = createKey(name, Role.PARTNER);
        String unit = commissioned(LOT, "2030-03-15");
        assertThat(lms(key, LOT, serial(unit), "300315").statusCode()).isEqualTo(200);

        assertThat(delete("/admin/keys/" + name, ADMIN_KEY).statusCode()).isEqualTo(204);

        assertThat(lms(key, LOT, serial(unit), "300315").statusCode()).isEqualTo(401);
    }

    @Test
    void aGtinWithNoResponderIsNotFoundAndOtherMethodsAreNotAllowed() {
        HttpResponse<String> unknown = get(lmsPath(NO_RESPONDER, LOT, "S1", "300315", ""), partnerKey());
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
        assertThat((String) json(unknown, "$.detail")).contains(NO_RESPONDER, "directory");

        HttpResponse<String> posted = send(request(lmsPath(GTIN, LOT, "S1", "300315", ""), partnerKey())
                .POST(BodyPublishers.noBody()));
        assertThat(posted.statusCode()).isEqualTo(405);
        assertThat(posted.headers().firstValue("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET"));
    }

    @Test
    void checkConnectivityNamesTheResponder() {
        commissioned(LOT, "2030-03-15");

        HttpResponse<String> ok = get("/vrs/checkConnectivity?gtin=" + GTIN + "&reqGLN=" + REQ_GLN, partnerKey());
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat((String) json(ok, "$.responderGLN")).isEqualTo(RESPONDER_GLN);

        assertThat(get("/vrs/checkConnectivity?gtin=" + NO_RESPONDER + "&reqGLN=" + REQ_GLN, partnerKey()).statusCode())
                .isEqualTo(404);
        assertThat(get("/vrs/checkConnectivity?gtin=" + GTIN + "&reqGLN=" + REQ_GLN, null).statusCode())
                .isEqualTo(401);
        String limited = keyWithGlns(unique("pharmacy"), Role.PHARMACIST, "0614141000005");
        assertThat(get("/vrs/checkConnectivity?gtin=" + GTIN + "&reqGLN=" + REQ_GLN, limited).statusCode())
                .isEqualTo(403);
        assertThat(get("/vrs/checkConnectivity?gtin=" + GTIN, partnerKey()).statusCode()).isEqualTo(400);
    }

    @Test
    void theRateLimitAnswers429WithRetryAfterBeyondTheBurst() throws Exception {
        String limited = createKey("verify-limited", Role.PARTNER);
        String unit = commissioned(LOT, "2030-03-15");
        List<HttpResponse<String>> answers = together(6, i -> lms(limited, LOT, serial(unit), "300315"));

        List<Integer> statuses = new ArrayList<>();
        for (HttpResponse<String> response : answers) {
            statuses.add(response.statusCode());
            if (response.statusCode() == 429) {
                long retryAfter = Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
                assertThat(retryAfter).isBetween(1L, 50L);
                assertThat((String) json(response, "$.detail")).contains("verify-limited", "retry after");
            }
        }
        // the burst of 3, then nothing: the rate (one per 50 s) gives no token during the test
        assertThat(statuses).containsExactlyInAnyOrder(200, 200, 200, 429, 429, 429);
    }

    @Test
    void everyVerificationIsLoggedBeforeItIsAnswered() throws Exception {
        String requestor = unique("logged");
        String key = createKey(requestor, Role.PARTNER);
        String unit = commissioned(LOT, "2030-03-15");
        Instant from = Instant.now().minusSeconds(1);
        List<HttpResponse<String>> answers = together(16, i -> lms(key, i % 2 == 0 ? LOT : "OTHER", serial(unit),
                "300315"));
        List<String> corrs = answers.stream().map(answer -> (String) json(answer, "$.corrUUID")).toList();

        HttpResponse<String> log = get("/vrs/log?requestor=" + requestor + "&from=" + from, complianceKey());

        assertThat(log.statusCode()).as(log.body()).isEqualTo(200);
        assertThat((List<String>) json(log, "$.entries[*].corrUuid")).containsExactlyInAnyOrderElementsOf(corrs);
        assertThat((List<String>) json(log, "$.entries[?(@.outcome == 'verified')].lot")).hasSize(8)
                .containsOnly(LOT);
        assertThat((List<String>) json(log, "$.entries[?(@.outcome == 'not_verified')].reason")).hasSize(8)
                .containsOnly("No_match_GTIN_Serial_Lot");
        assertThat((List<String>) json(log, "$.entries[*].responder")).containsOnly("local");
        assertThat((List<String>) json(log, "$.entries[*].serial")).containsOnly(serial(unit));
        assertThat((List<String>) json(log, "$.entries[*].reqGln")).containsOnly(REQ_GLN);
        assertThat((List<String>) json(log, "$.entries[*].context")).containsOnly("dscsaSaleableReturn");
        assertThat((List<String>) json(log, "$.entries[*].expiry")).containsOnly("300315");
        assertThat((List<Integer>) json(log, "$.entries[*].latencyMicros")).allSatisfy(us -> assertThat(us)
                .isPositive());
        assertThat(get("/vrs/log?gtin=" + GTIN, partnerKey()).statusCode()).isEqualTo(403);
        assertThat(get("/vrs/log?from=yesterday", complianceKey()).statusCode()).isEqualTo(400);
    }

    @Test
    void theLogIsPagedAndRefusedRequestsAreLoggedToo() {
        String requestor = unique("paged");
        String key = createKey(requestor, Role.PARTNER);
        String unit = commissioned(LOT, "2030-03-15");
        lms(key, LOT, serial(unit), "300315");
        lms(key, LOT, serial(unit), "301301");
        lms(key, LOT, serial(unit), "300315");

        HttpResponse<String> first = get("/vrs/log?requestor=" + requestor + "&limit=2", complianceKey());
        String next = json(first, "$.next");
        HttpResponse<String> second = get(next, complianceKey());

        assertThat((List<String>) json(first, "$.entries[*].outcome")).containsExactly("verified", "400");
        assertThat((List<String>) json(second, "$.entries[*].outcome")).containsExactly("verified");
        assertThat((String) json(second, "$.next")).isNull();
    }

    private void mark(String unit, String mark) {
        HttpResponse<String> marked = post("/units/" + encode(unit) + "/marks", complianceKey(),
                "{\"mark\":\"" + mark + "\",\"note\":\"test\"}");
        assertThat(marked.statusCode()).as(marked.body()).isEqualTo(201);
    }

    /** verified, reason, additionalInfo of a 200 answer. */
    private static List<Object> verdict(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        Map<String, Object> data = json(answer, "$.data");
        List<Object> verdict = new ArrayList<>();
        verdict.add(data.get("verified"));
        verdict.add(data.get("verificationFailureReason"));
        verdict.add(data.get("additionalInfo"));
        return verdict;
    }
}
