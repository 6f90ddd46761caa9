package io.tracegate.gateway.shipments;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracegate.epcis.builder.DscsaEvent;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A partner's shipment document (made with the DSCSA builders) posted by a PARTNER key or dropped in the inbox
 * becomes an expected receipt; a receiving event on its pallet, or scans, reconcile it; mismatches open exceptions
 * due in three business days, which are owned, noted and resolved once.
 */
class InboundReceiptsTest extends ShipmentsTest {

    static final String SUPPLIER = "urn:epc:id:sgln:0614141.00001.0";
    static final String SUPPLIER_SITE = "urn:epc:id:sgln:0614141.00002.0";

    @Autowired
    JdbcClient jdbc;

    private static String partnerKey;

    private String partnerKey() {
        if (partnerKey == null) {
            // limited to the supplier's sites: its document may still describe us, its buyer, in its master data
            HttpResponse<String> created = post("/admin/keys", ADMIN_KEY, "{\"name\":\"" + unique("supplier")
                    + "\",\"roles\":[\"PARTNER\"],\"glns\":[\"" + Pallet.gln(SUPPLIER) + "\",\""
                    + Pallet.gln(SUPPLIER_SITE) + "\"],\"import\":true}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            partnerKey = json(created, "$.key");
        }
        return partnerKey;
    }

    /** A supplier's pallet shipped to us, posted as its document; the receipt it became. */
    private HttpResponse<String> shippedToUs(Pallet pallet) {
        return shippedToUs(pallet, SUPPLIER);
    }

    private HttpResponse<String> shippedToUs(Pallet pallet, String seller) {
        OffsetDateTime now = OffsetDateTime.now().withNano(0);
        String document = pallet.shipmentDocument(now, seller, SUPPLIER_SITE, BUYER, BUYER_SITE);
        HttpResponse<String> accepted = send(request("/capture", partnerKey()).header("Content-Type",
                "application/xml").header("Tracegate-Lifecycle", "observe").POST(BodyPublishers.ofString(document)));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String location = accepted.headers().firstValue("Location").orElseThrow();
        assertSucceeded(awaitJob(location, partnerKey()));
        return awaitReceipt("/receipts?capture=" + location.substring(location.lastIndexOf('/') + 1),
                receipts -> !receipts.isEmpty());
    }

    /** Polls a list of receipts until it holds what is awaited; the first receipt. */
    HttpResponse<String> awaitReceipt(String path, Predicate<List<?>> awaited) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            HttpResponse<String> list = get(path, complianceKey());
            assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
            List<Map<String, Object>> receipts = json(list, "$");
            if (awaited.test(receipts)) {
                return get("/receipts/" + receipts.get(0).get("id"), complianceKey());
            }
            assertThat(System.nanoTime()).as("awaiting " + path + ": " + list.body()).isLessThan(deadline);
            pause();
        }
    }

    private HttpResponse<String> awaitStatus(long receipt, String status) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            HttpResponse<String> found = get("/receipts/" + receipt, complianceKey());
            if (status.equals(json(found, "$.status"))) {
                return found;
            }
            assertThat(System.nanoTime()).as("receipt " + receipt + " is not " + status + ": " + found.body())
                    .isLessThan(deadline);
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static LocalDate dueIn3BusinessDays() {
        return BusinessCalendar.plusBusinessDays(LocalDate.now(ZoneId.of("America/New_York")), 3);
    }

    @Test
    void aPartnersDocumentIsExpectedAndItsPalletsReceivingMatchesIt() {
        Pallet pallet = new Pallet(3, 4, SUPPLIER_SITE, OffsetDateTime.now().minusHours(2).withNano(0));

        HttpResponse<String> receipt = shippedToUs(pallet);

        assertThat((String) json(receipt, "$.status")).isEqualTo("expected");
        assertThat((Integer) json(receipt, "$.units")).isEqualTo(12);
        assertThat((Integer) json(receipt, "$.containers")).isEqualTo(4);
        assertThat((String) json(receipt, "$.seller")).isEqualTo(SUPPLIER);
        assertThat((String) json(receipt, "$.buyer")).isEqualTo(BUYER);
        assertThat((List<String>) json(receipt, "$.purchaseOrders")).singleElement().asString()
                .startsWith("urn:epcglobal:cbv:bt:0399999999991:PO-");
        assertThat((List<String>) json(receipt, "$.exceptions[*].kind")).containsExactly("unknown_sender");
        long id = ((Number) json(receipt, "$.id")).longValue();
        HttpResponse<String> items = get("/receipts/" + id + "/items?perPage=100", complianceKey());
        assertThat((List<String>) json(items, "$[*].epc")).hasSize(16).contains(pallet.sscc)
                .containsAll(pallet.cases.keySet()).containsAll(pallet.units());
        String unit = pallet.units().get(0);
        String box = pallet.cases.keySet().iterator().next();
        assertThat((List<String>) json(items, "$[?(@.epc == '" + unit + "')].parent")).containsExactly(box);
        assertThat((List<String>) json(items, "$[?(@.epc == '" + unit + "')].lot")).containsExactly(Pallet.LOT);
        assertThat((List<String>) json(items, "$[?(@.epc == '" + unit + "')].expiry")).containsExactly("2027-06-30");
        // the partner's units are in the store, made elsewhere, in transit to us
        HttpResponse<String> trace = trace(unit);
        assertThat((String) json(trace, "$.status")).isEqualTo("in_transit");
        assertThat((String) json(trace, "$.owner")).as("the shipper, until we receive it").isEqualTo(SUPPLIER);
        assertThat((String) json(trace, "$.inTransitTo")).isEqualTo(BUYER);
        assertThat((Boolean) json(trace, "$.observed")).isTrue();

        assertSucceeded(capture(Pallet.eventsDocument(List.of(DscsaEvent.receive(OffsetDateTime.now().withNano(0),
                BUYER_SITE, List.of(pallet.sscc)).build())), null));

        HttpResponse<String> received = awaitStatus(id, "matched");
        assertThat((String) json(received, "$.reconciledAt")).isNotBlank();
        assertThat((List<String>) json(received, "$.exceptions[*].kind")).containsExactly("unknown_sender");
        assertThat(status(unit)).isEqualTo("active");
    }

    /** Capture recognises the second copy's events; the shipping event is expected once either way. */
    @Test
    void theSameDocumentPostedTwiceAtOnceIsExpectedOnce() throws Exception {
        Pallet pallet = new Pallet(1, 2, SUPPLIER_SITE, OffsetDateTime.now().minusHours(2).withNano(0));
        String document = pallet.shipmentDocument(OffsetDateTime.now().withNano(0), SUPPLIER, SUPPLIER_SITE, BUYER,
                BUYER_SITE);

        String key = partnerKey();
        List<HttpResponse<String>> accepted = together(2, i -> send(request("/capture", key)
                .header("Content-Type", "application/xml").header("Tracegate-Lifecycle", "observe")
                .POST(BodyPublishers.ofString(document))));

        List<Long> jobs = new ArrayList<>();
        for (HttpResponse<String> answer : accepted) {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
            String location = answer.headers().firstValue("Location").orElseThrow();
            assertSucceeded(awaitJob(location, key));
            jobs.add(Long.parseLong(location.substring(location.lastIndexOf('/') + 1)));
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (jdbc.sql("select count(*) from shipment_capture where job_id in (?, ?)").params(jobs.get(0),
                jobs.get(1)).query(Long.class).single() > 0) {
            assertThat(System.nanoTime()).as("the jobs are examined").isLessThan(deadline);
            pause();
        }
        List<Object> receipts = new ArrayList<>();
        for (long job : jobs) {
            receipts.addAll(json(get("/receipts?capture=" + job, complianceKey()), "$[*].id"));
        }
        assertThat(receipts).hasSize(1);
        assertThat((Integer) json(get("/receipts/" + receipts.get(0), complianceKey()), "$.units")).isEqualTo(2);
    }

    @Test
    void scansThatDifferOpenOneExceptionPerDifferenceAndTwoCompletionsReconcileOnce() throws Exception {
        Pallet pallet = new Pallet(4, 3, SUPPLIER_SITE, OffsetDateTime.now().minusHours(2).withNano(0));
        long id = ((Number) json(shippedToUs(pallet), "$.id")).longValue();
        List<String> boxes = List.copyOf(pallet.cases.keySet());
        String moved = pallet.cases.get(boxes.get(0)).get(0);
        String extra = "urn:epc:id:sgtin:030001.0012345." + unique("extra");
        List<String> scans = new ArrayList<>(List.of(scan(pallet.sscc, null)));
        for (String box : boxes.subList(0, 3)) { // the fourth case is missing
            scans.add(scan(box, pallet.sscc));
            for (String unit : pallet.cases.get(box)) {
                scans.add(scan(unit, unit.equals(moved) ? boxes.get(1) : box));
            }
        }
        scans.add(scan(extra, boxes.get(2)));
        String body = "{\"scans\":[" + String.join(",", scans) + "],\"complete\":true}";

        List<HttpResponse<String>> answers = together(2, i -> post("/receipts/" + id + "/scans", lineKey(), body));

        assertThat(answers).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(200, 409);
        HttpResponse<String> refused = answers.stream().filter(a -> a.statusCode() == 409).findFirst().orElseThrow();
        assertThat((String) json(refused, "$.detail")).contains("reconciled already (mismatched");
        HttpResponse<String> exceptions = get("/exceptions?receipt=" + id + "&status=open", complianceKey());
        List<Map<String, Object>> found = json(exceptions, "$[?(@.kind != 'unknown_sender')]");
        assertThat(found).extracting(e -> e.get("kind") + " " + e.get("epc")).containsExactlyInAnyOrder(
                "shortage " + boxes.get(3), "overage " + extra, "hierarchy_mismatch " + moved);
        assertThat(found).extracting(e -> e.get("dueOn")).containsOnly(dueIn3BusinessDays().toString());
        assertThat(found).extracting(e -> e.get("overdue")).containsOnly(false);
        assertThat((String) json(get("/receipts/" + id, complianceKey()), "$.status")).isEqualTo("mismatched");
        assertThat((List<String>) json(get("/audit?object=receipt:" + id, complianceKey()), "$.records[*].action"))
                .containsExactly("receipt.expected", "exception.opened", "receipt.reconciled", "exception.opened",
                        "exception.opened", "exception.opened");
    }

    @Test
    void aDocumentNamingAnotherSellerThanItsSenderIsAnUnexpectedSender() {
        String other = "urn:epc:id:sgln:0614141.00009.0";
        Pallet pallet = new Pallet(1, 1, SUPPLIER_SITE, OffsetDateTime.now().minusHours(2).withNano(0));

        HttpResponse<String> receipt = shippedToUs(pallet, other);

        assertThat((String) json(receipt, "$.seller")).isEqualTo(other);
        assertThat((List<String>) json(receipt, "$.exceptions[*].kind"))
                .containsExactlyInAnyOrder("unknown_sender", "unexpected_sender");
        assertThat((List<String>) json(receipt, "$.exceptions[?(@.kind == 'unexpected_sender')].detail"))
                .singleElement().asString().contains("names " + other + " as the seller");
    }

    @Test
    void aLabelScannedWithAnotherLotIsALotMismatchAndPartialScansWait() {
        Pallet pallet = new Pallet(1, 2, SUPPLIER_SITE, OffsetDateTime.now().minusHours(2).withNano(0));
        long id = ((Number) json(shippedToUs(pallet), "$.id")).longValue();
        String unit = pallet.units().get(0);
        String serial = unit.substring(unit.lastIndexOf('.') + 1);

        HttpResponse<String> partial = post("/receipts/" + id + "/scans", lineKey(), "{\"scans\":[" + scan(
                pallet.sscc, null) + "],\"complete\":false}");
        assertThat(partial.statusCode()).as(partial.body()).isEqualTo(200);
        assertThat((String) json(partial, "$.status")).isEqualTo("expected");
        HttpResponse<String> done = post("/receipts/" + id + "/scans", lineKey(), "{\"scans\":[{\"epc\":"
                + "\"(01)00300010123455(17)270630(10)OTHER(21)" + serial + "\"}]}");

        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat((List<String>) json(done, "$.exceptions[?(@.kind == 'lot_expiry_mismatch')].detail"))
                .containsExactly("labelled lot OTHER expiry 2027-06-30, the document says lot L-2027 expiry"
                        + " 2027-06-30");
        assertThat((List<String>) json(done, "$.exceptions[*].kind")).doesNotContain("shortage");
    }

    @Test
    void badScansAreRefusedNamingTheScan() {
        Pallet pallet = new Pallet(1, 1, SUPPLIER_SITE, OffsetDateTime.now().minusHours(2).withNano(0));
        long id = ((Number) json(shippedToUs(pallet), "$.id")).longValue();

        HttpResponse<String> bad = post("/receipts/" + id + "/scans", lineKey(),
                "{\"scans\":[" + scan(pallet.sscc, null) + ",{\"epc\":\"urn:epc:id:sgtin:nonsense\"}]}");
        HttpResponse<String> location = post("/receipts/" + id + "/scans", lineKey(),
                "{\"scans\":[{\"epc\":\"urn:epc:id:sgln:0614141.00001.0\"}]}");

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat((String) json(bad, "$.detail")).startsWith("scans[1].epc: 'urn:epc:id:sgtin:nonsense' is not");
        assertThat((String) json(location, "$.detail")).contains("is not a serialised unit");
        assertThat(post("/receipts/999999999/scans", lineKey(), "{\"scans\":[" + scan(pallet.sscc, null) + "]}")
                .statusCode()).isEqualTo(404);
        assertThat((String) json(get("/receipts/" + id, complianceKey()), "$.status")).isEqualTo("expected");
    }

    @Test
    void anExceptionIsOwnedNotedAndResolvedOnce() throws Exception {
        Pallet pallet = new Pallet(1, 1, SUPPLIER_SITE, OffsetDateTime.now().minusHours(2).withNano(0));
        HttpResponse<String> receipt = shippedToUs(pallet);
        long exception = ((Number) json(receipt, "$.exceptions[0].id")).longValue();
        String compliance = complianceKey();

        HttpResponse<String> owned = send(request("/exceptions/" + exception, compliance)
                .header("Content-Type", "application/json")
                .method("PATCH", BodyPublishers.ofString("{\"owner\":\"qa-1\",\"note\":\"called the supplier\"}")));
        List<HttpResponse<String>> resolutions = together(2, i -> post("/exceptions/" + exception + "/resolution",
                compliance, "{\"resolution\":\"supplier added as partner (" + i + ")\"}"));

        assertThat(owned.statusCode()).as(owned.body()).isEqualTo(200);
        assertThat((String) json(owned, "$.owner")).isEqualTo("qa-1");
        assertThat((List<String>) json(owned, "$.notes[*].text")).containsExactly("called the supplier");
        assertThat(resolutions).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(200, 409);
        HttpResponse<String> resolved = get("/exceptions/" + exception, compliance);
        assertThat((String) json(resolved, "$.status")).isEqualTo("resolved");
        String winner = json(resolutions.stream().filter(r -> r.statusCode() == 200).findFirst().orElseThrow(),
                "$.resolution");
        assertThat((String) json(resolved, "$.resolution")).isEqualTo(winner);
        assertThat(get("/exceptions?status=open&receipt=" + json(receipt, "$.id"), compliance).body())
                .isEqualTo("[]");
        assertThat(get("/exceptions/" + exception, lineKey()).statusCode()).isEqualTo(403);
        HttpResponse<String> audit = get("/audit?object=exception:" + exception, compliance);
        assertThat((List<String>) json(audit, "$.records[*].action"))
                .containsExactly("exception.opened", "exception.changed", "exception.resolved");
    }

    @Test
    void aDocumentDroppedInTheInboxIsCapturedAndExpected() throws IOException {
        Pallet pallet = new Pallet(2, 2, SUPPLIER_SITE, OffsetDateTime.now().minusHours(2).withNano(0));
        String document = pallet.shipmentDocument(OffsetDateTime.now().withNano(0), SUPPLIER, SUPPLIER_SITE, BUYER,
                BUYER_SITE);
        Path inbox = Path.of("target", "test-inbox");
        Files.createDirectories(inbox);
        String name = unique("asn") + ".xml";
        Path staged = inbox.resolve("." + name); // written under a hidden name, then renamed: never read half-written
        Files.writeString(staged, document);
        Files.move(staged, inbox.resolve(name));

        HttpResponse<String> receipt = awaitReceipt("/receipts?perPage=1000", receipts -> receipts.stream()
                .anyMatch(r -> ("inbox:" + name).equals(((Map<?, ?>) r).get("submittedBy"))));
        List<Map<String, Object>> fromInbox = json(get("/receipts?perPage=1000", complianceKey()),
                "$[?(@.submittedBy == 'inbox:" + name + "')]");

        assertThat(receipt.statusCode()).isEqualTo(200);
        assertThat(fromInbox).singleElement().satisfies(r -> assertThat(r.get("units")).isEqualTo(4));
        assertThat(inbox.resolve("processed")).isDirectoryContaining(f -> f.getFileName().toString().endsWith(name));
        assertThat(inbox.resolve(name)).doesNotExist();
    }

    @Test
    void theExceptionFiguresAreOnPrometheus() {
        HttpResponse<String> metrics = get("/actuator/prometheus", complianceKey());

        assertThat(metrics.body()).contains("tracegate_receipt_exceptions_open ", "tracegate_receipt_exceptions_overdue ");
    }
}
