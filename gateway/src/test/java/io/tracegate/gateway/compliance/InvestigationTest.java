package io.tracegate.gateway.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracegate.gateway.verify.VerifyTest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Investigations quarantine their units in the serial store, record findings, and closed as illegitimate produce
 * the FDA Form 3911 data; every step is audited. Opening one while the unit is being shipped gives one of the two
 * allowed outcomes, never a shipped unit under a quarantine that does not know it.
 */
class InvestigationTest extends VerifyTest {

    static final String PARTNER = "urn:epc:id:sgln:0614141.00001.0";
    static final String PARTNER_SITE = "urn:epc:id:sgln:0614141.00001.1";

    private HttpResponse<String> open(String body) {
        return post("/investigations", complianceKey(), body);
    }

    /** What verification (LMS) answers about a unit of {@link OwnProduct} of lot T100. */
    private Map<String, Object> verification(String unit) {
        HttpResponse<String> answer = get(lmsPath(OwnProduct.GTIN, "T100", serial(unit), "270331", ""), partnerKey());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json(answer, "$.data");
    }

    private static Event shipTo(String po, String... epcs) {
        return objectEvent("OBSERVE").epcs(epcs).bizStep("shipping").disposition("in_transit").readPoint(SITE)
                .from(SITE).to(PARTNER, PARTNER_SITE).purchaseOrder(po);
    }

    @Test
    void unitsAreQuarantinedUntilClosedAndAnIllegitimateCloseProducesTheNotification() {
        send(request("/masterdata/products/" + OwnProduct.GTIN, ADMIN_KEY).header("Content-Type", "application/json")
                .PUT(BodyPublishers.ofString("{\"ndc\":\"0300-0123-45\",\"name\":\"Examplamab 10 mg\","
                        + "\"dosageForm\":\"TABLET\",\"strength\":\"10 mg\",\"netContent\":\"30 tablets\"}")));
        String suspect = OwnProduct.unit(sgtin("suspect"));
        String other = OwnProduct.unit(sgtin("fine"));
        String box = caseSgtin("box");
        assertSucceeded(capture(commission(suspect, other, box), pack(box, suspect)));

        HttpResponse<String> opened = open("{\"suspicion\":\"suspect\",\"reason\":\"pack returned with a torn seal\","
                + "\"epcs\":[\"" + suspect + "\"]}");
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        long id = ((Number) json(opened, "$.id")).longValue();
        assertThat(opened.headers().firstValue("Location")).hasValue("/investigations/" + id);
        assertThat((String) json(opened, "$.status")).isEqualTo("open");
        assertThat((List<String>) json(opened, "$.findings")).isEmpty();

        // verification answers the held unit suspect
        assertThat(verification(suspect)).containsEntry("additionalInfo", "Suspect");
        assertThat(verification(other)).doesNotContainKey("additionalInfo");

        // the case holds the suspect unit: shipping it is refused, naming the investigation
        HttpResponse<String> refused = capture(ship(box));
        assertRefused(refused, suspect, "lifecycle.unit-held");
        assertThat((String) json(refused, "$.errors[0].findings[0].message")).contains("investigation " + id,
                "packed in " + box);
        assertSucceeded(capture(ship(other)));

        HttpResponse<String> finding = post("/investigations/" + id + "/findings", complianceKey(),
                "{\"text\":\"the manufacturer has no record of this serial\"}");
        assertThat(finding.statusCode()).isEqualTo(201);
        HttpResponse<String> badClose = post("/investigations/" + id + "/close", complianceKey(),
                "{\"outcome\":\"illegitimate\",\"conclusion\":\"counterfeit\",\"classification\":\"fake\"}");
        assertThat(badClose.statusCode()).isEqualTo(400);
        assertThat((String) json(badClose, "$.detail")).contains("classification", "fake", "counterfeit");

        HttpResponse<String> closed = post("/investigations/" + id + "/close", complianceKey(),
                "{\"outcome\":\"illegitimate\",\"conclusion\":\"confirmed counterfeit\","
                        + "\"classification\":\"counterfeit\"}");
        assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
        assertThat((String) json(closed, "$.status")).isEqualTo("illegitimate");
        HttpResponse<String> form = get("/investigations/" + id + "/form3911", complianceKey());
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat((String) json(form, "$.classification")).isEqualTo("counterfeit");
        assertThat((String) json(form, "$.ndc")).isEqualTo("0300-0123-45");
        assertThat((String) json(form, "$.productName")).isEqualTo("Examplamab 10 mg");
        assertThat((List<String>) json(form, "$.serialNumbers")).containsExactly(suspect);
        assertThat((List<String>) json(form, "$.lotNumbers")).containsExactly("T100");
        assertThat((String) json(form, "$.description")).contains("torn seal", "no record of this serial",
                "confirmed counterfeit");

        assertThat((List<String>) json(get("/audit?object=investigation:" + id, complianceKey()),
                "$.records[*].action")).containsExactly("investigation.opened", "investigation.finding",
                "investigation.closed.illegitimate");
        assertThat(verification(suspect)).containsEntry("additionalInfo", "Illegitimate");
        // closed: the quarantine is lifted
        assertSucceeded(capture(ship(box)));
        HttpResponse<String> again = post("/investigations/" + id + "/close", complianceKey(),
                "{\"outcome\":\"cleared\",\"conclusion\":\"again\"}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat((String) json(again, "$.detail")).contains("already closed as illegitimate");
    }

    @Test
    void aLotInvestigationHoldsTheLotAndNamesThePartnersWhoReceivedIt() {
        String lot = unique("LOT");
        String shipped = sgtin("lot");
        String kept = sgtin("lot");
        assertSucceeded(capture(objectEvent("ADD").epcs(shipped, kept).bizStep("commissioning").disposition("active")
                .at(SITE).lot(lot, "2027-01-31"), shipTo("PO-77", shipped)));

        HttpResponse<String> opened = open("{\"reason\":\"FDA alert on this lot\",\"gtin\":\"00300010123455\","
                + "\"lot\":\"" + lot + "\"}");
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        long id = ((Number) json(opened, "$.id")).longValue();
        assertThat((List<String>) json(opened, "$.findings[*].text")).singleElement().asString()
                .contains("1 unit(s) of the lot were in_transit", PARTNER);

        HttpResponse<String> refused = capture(shipTo("PO-78", kept));
        assertRefused(refused, kept, "lifecycle.unit-held");
        assertThat((String) json(refused, "$.errors[0].findings[0].message")).contains("investigation of its lot, "
                + id);

        HttpResponse<String> closed = post("/investigations/" + id + "/close", complianceKey(),
                "{\"outcome\":\"illegitimate\",\"conclusion\":\"diverted lot\",\"classification\":\"diverted\"}");
        assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
        assertThat((List<String>) json(closed, "$.notification.partnersNotified[*].partner")).containsExactly(PARTNER);
        assertThat((List<Integer>) json(closed, "$.notification.partnersNotified[*].units")).containsExactly(1);
        assertThat((List<Boolean>) json(closed, "$.notification.partnersNotified[*].notified")).containsExactly(false);
        assertThat((List<String>) json(closed, "$.findings[*].text")).anySatisfy(text -> assertThat(text)
                .contains("NOT sent to " + PARTNER));
        assertThat((String) json(closed, "$.notification.quantity")).startsWith("2 unit(s)");
    }

    @Test
    void refusesWhatItCannotDo() {
        assertThat(open("{\"reason\":\"x\"}").statusCode()).isEqualTo(400);
        HttpResponse<String> both = open("{\"reason\":\"x\",\"epcs\":[\"" + sgtin("x") + "\"],\"gtin\":"
                + "\"00300010123455\",\"lot\":\"A\"}");
        assertThat((String) json(both, "$.detail")).contains("either 'epcs'");
        HttpResponse<String> badEpc = open("{\"reason\":\"x\",\"epcs\":[\"nonsense\"]}");
        assertThat(badEpc.statusCode()).isEqualTo(400);
        assertThat((String) json(badEpc, "$.detail")).contains("epcs[0]", "nonsense");
        HttpResponse<String> noLot = open("{\"reason\":\"x\",\"gtin\":\"00300010123455\",\"lot\":\""
                + unique("nolot") + "\"}");
        assertThat(noLot.statusCode()).isEqualTo(404);
        assertThat(open("{\"suspicion\":\"odd\",\"reason\":\"x\",\"epcs\":[\"" + sgtin("x") + "\"]}").statusCode())
                .isEqualTo(400);
        assertThat(get("/investigations/999999999", complianceKey()).statusCode()).isEqualTo(404);
        assertThat(post("/investigations", lineKey(), "{}").statusCode()).isEqualTo(403);
    }

    /**
     * An investigation opened on a unit while a shipping of it is captured, released together, a few times: either
     * the shipment is refused, or the investigation says the unit had already left.
     */
    @Test
    void openingWhileTheUnitIsShippedGivesOneOfTheAllowedOutcomes() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<String> outcomes = new ArrayList<>();
            for (int round = 0; round < 6; round++) {
                String unit = sgtin("race");
                String pallet = sscc();
                assertSucceeded(capture(commission(unit), pack(pallet, unit)));
                String document = document(ship(pallet));
                CyclicBarrier start = new CyclicBarrier(2);
                Future<HttpResponse<String>> shipping = pool.submit(() -> {
                    start.await();
                    HttpResponse<String> accepted = postDocument(document, lineKey(), null);
                    return awaitJob(accepted.headers().firstValue("Location").orElseThrow());
                });
                Future<HttpResponse<String>> opening = pool.submit(() -> {
                    start.await();
                    return open("{\"reason\":\"race\",\"epcs\":[\"" + unit + "\"]}");
                });
                HttpResponse<String> job = shipping.get();
                HttpResponse<String> investigation = opening.get();
                assertThat(investigation.statusCode()).as(investigation.body()).isEqualTo(201);
                List<String> findings = json(investigation, "$.findings[*].text");
                if ((Boolean) json(job, "$.success")) {
                    assertThat(findings).as("shipped, so the investigation must say so").singleElement().asString()
                            .contains(unit, "already in_transit");
                    assertThat(status(unit)).isEqualTo("in_transit");
                    outcomes.add("shipped first");
                } else {
                    assertRefused(job, unit, "lifecycle.unit-held");
                    assertThat(findings).isEmpty();
                    assertThat(status(unit)).isEqualTo("active");
                    outcomes.add("refused");
                }
                post("/investigations/" + json(investigation, "$.id") + "/close", complianceKey(),
                        "{\"outcome\":\"cleared\",\"conclusion\":\"race over\"}");
            }
            assertThat(outcomes).hasSize(6);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoClosesReleasedTogetherCloseOnce() throws Exception {
        String unit = sgtin("twice");
        assertSucceeded(capture(commission(unit)));
        long id = ((Number) json(open("{\"reason\":\"twice\",\"epcs\":[\"" + unit + "\"]}"), "$.id")).longValue();
        CyclicBarrier start = new CyclicBarrier(2);
        List<CompletableFuture<HttpResponse<String>>> closes = List.of("cleared", "illegitimate").stream()
                .map(outcome -> CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return post("/investigations/" + id + "/close", complianceKey(), "{\"outcome\":\"" + outcome
                            + "\",\"conclusion\":\"done\",\"classification\":\"stolen\"}");
                })).toList();
        List<Integer> statuses = closes.stream().map(f -> f.join().statusCode()).sorted().toList();
        assertThat(statuses).containsExactly(200, 409);
        assertThat((List<String>) json(get("/audit?object=investigation:" + id, complianceKey()),
                "$.records[*].action")).hasSize(2).first().isEqualTo("investigation.opened");
    }
}
