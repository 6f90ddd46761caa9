package io.tracegate.gateway.shipments;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracegate.epcis.builder.DscsaEvent;
import io.tracegate.epcis.builder.Product;
import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.gateway.SecondGateway;
import io.tracegate.gs1.Ndc;
import io.tracegate.gs1.testing.Oracles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Shipments end to end between two gateways, each the other's AS2 partner: this test's gateway (A) is the
 * manufacturer, a second gateway (B, started here with its own database) the wholesaler. A commissions two pallets of
 * 10 cases of 12 units; a pallet shipped to B becomes a document composed, validated and sent over AS2 with a signed
 * MDN; B expects exactly its units, and B's receiving event on the pallet matches; the other pallet, scanned with a
 * case missing, an extra unit and a unit in the wrong case, opens exactly those three exceptions. A shipment whose
 * product has no NDC is held naming it until its master data is set and a retry (two at once: one wins) sends it.
 * The GS1 US DSCSA example, sent by A, becomes B's expected receipt without findings.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShipmentsBetweenGatewaysTest extends ShipmentsTest {

    private static final String MAKER = "urn:epc:id:sgln:0614146.00001.0";
    private static final String WHOLESALER = "urn:epc:id:sgln:0614147.00001.0";
    private static final String WHOLESALER_SITE = "urn:epc:id:sgln:0614147.00002.0";
    private static final Product UNIT = product("0002-5151-31", 0);
    private static final Product CASE = product("0002-5151-31", 5);
    private static final String GS1_US_EXAMPLE =
            "epcis/1.2/openepcis-test-resources-0.9.2/Capture/Documents/GS1_US_Pharma_Example_2_2_1_1.xml";
    /** The example's shipper (its SBDH sender and the shipping event's source owning party) and its DC. */
    private static final String EXAMPLE_SHIPPER = "urn:epc:id:sgln:030001.111111.0";
    private static final String EXAMPLE_SHIPPER_DC = "urn:epc:id:sgln:030001.111121.0";

    @Autowired
    Shipments shipments;

    private SecondGateway b;
    private long bAtA;
    private Pallet first;
    private Pallet second;

    private static Product product(String ndc, int indicator) {
        return new Product(Ndc.parse(ndc), indicator, "Transita", "Tracegate Labs", "CAPSULE", "20mg",
                "60 capsules");
    }

    @BeforeAll
    void twoGatewaysPartnersOfEachOtherAndTwoPallets() {
        String bName = unique("WHOLESALER-B");
        b = SecondGateway.start("--tracegate.exchange.as2-id=" + bName, "--tracegate.own-glns="
                + String.join(",", Pallet.gln(WHOLESALER), Pallet.gln(WHOLESALER_SITE), Pallet.gln(BUYER)));
        HttpResponse<String> atA = post("/partners", ADMIN_KEY, "{\"name\":\"Wholesaler B\",\"as2Id\":\"" + bName
                + "\",\"url\":\"" + b.url("/as2") + "\",\"glns\":[\"" + Pallet.gln(WHOLESALER) + "\"],"
                + "\"certificates\":[" + jsonString(atB("GET", "/exchange/certificate", null).body()) + "],"
                + "\"mdn\":{\"signed\":true,\"async\":false},\"documentForm\":\"1.2-xml-R1.3\"}");
        assertThat(atA.statusCode()).as(atA.body()).isEqualTo(201);
        bAtA = ((Number) json(atA, "$.id")).longValue();
        HttpResponse<String> atB = atB("POST", "/partners", "{\"name\":\"Manufacturer A\",\"as2Id\":\"TRACEGATE\","
                + "\"url\":\"http://localhost:" + port + "/as2\",\"glns\":[\"" + Pallet.gln(MAKER) + "\",\""
                + Pallet.gln(EXAMPLE_SHIPPER) + "\",\"" + Pallet.gln(EXAMPLE_SHIPPER_DC) + "\"],\"certificates\":["
                + jsonString(get("/exchange/certificate", null).body()) + "]}");
        assertThat(atB.statusCode()).as(atB.body()).isEqualTo(201);

        locations(MAKER, WHOLESALER, WHOLESALER_SITE);
        products(UNIT, CASE);
        OffsetDateTime madeAt = OffsetDateTime.now().minusHours(3).withNano(0);
        first = new Pallet(UNIT, CASE, 10, 12, MAKER, madeAt);
        second = new Pallet(UNIT, CASE, 10, 12, MAKER, madeAt);
        assertSucceeded(capture(Pallet.eventsDocument(Stream.concat(first.events.stream(), second.events.stream())
                .toList()), null));
    }

    @AfterAll
    void stopTheWholesaler() {
        if (b != null) {
            b.close();
        }
    }

    @Test
    void aPalletShippedToTheWholesalerIsSentOverAs2ExpectedUnitByUnitAndItsReceivingMatches() {
        long shipment = ship(first);

        HttpResponse<String> sent = awaitDelivered(shipment);
        assertThat((String) json(sent, "$.status")).isEqualTo("sent");
        assertThat((List<?>) json(sent, "$.findings[?(@.level == 'ERROR')]")).isEmpty();
        assertThat((Integer) json(sent, "$.units")).isEqualTo(120);
        assertThat((Integer) json(sent, "$.containers")).isEqualTo(11);
        HttpResponse<String> document = get("/shipments/" + shipment + "/document", lineKey());
        assertThat(document.headers().firstValue("Content-Type").orElseThrow()).contains("xml");
        assertThat(document.body()).contains(first.sscc, "TransactionStatement");

        HttpResponse<String> receipt = receiptAtB(sent);
        assertThat((String) json(receipt, "$.status")).isEqualTo("expected");
        assertThat((String) json(receipt, "$.seller")).isEqualTo(MAKER);
        assertThat((String) json(receipt, "$.buyer")).isEqualTo(WHOLESALER);
        assertThat((String) json(receipt, "$.partnerName")).isEqualTo("Manufacturer A");
        assertThat((List<?>) json(receipt, "$.exceptions")).as("findings of the receipt").isEmpty();
        long id = ((Number) json(receipt, "$.id")).longValue();
        HttpResponse<String> items = atB("GET", "/receipts/" + id + "/items?perPage=1000", null);
        assertThat((List<String>) json(items, "$[*].epc")).containsExactlyInAnyOrderElementsOf(
                Stream.of(List.of(first.sscc), first.cases.keySet(), first.units()).flatMap(c -> c.stream())
                        .toList());
        String unit = first.units().get(5);
        assertThat((List<String>) json(items, "$[?(@.epc == '" + unit + "')].parent"))
                .containsExactly(first.cases.keySet().iterator().next());
        HttpResponse<String> trace = atB("GET", "/trace/" + unit, null);
        assertThat((String) json(trace, "$.status")).isEqualTo("in_transit");
        assertThat((Boolean) json(trace, "$.observed")).isTrue();
        assertThat((String) json(trace, "$.owner")).as("the shipper, until the wholesaler receives it").isEqualTo(MAKER);
        assertThat((String) json(trace, "$.inTransitTo")).isEqualTo(WHOLESALER);
        assertThat((String) json(trace, "$.location")).isEqualTo(WHOLESALER_SITE);

        HttpResponse<String> received = captureAtB(List.of(DscsaEvent.receive(OffsetDateTime.now().withNano(0),
                WHOLESALER_SITE, List.of(first.sscc)).build()));
        assertThat((Boolean) json(received, "$.success")).as(received.body()).isTrue();

        HttpResponse<String> matched = awaitAtB("/receipts/" + id, r -> "matched".equals(json(r, "$.status")));
        assertThat((List<?>) json(matched, "$.exceptions")).isEmpty();
        HttpResponse<String> receivedUnit = atB("GET", "/trace/" + unit, null);
        assertThat((String) json(receivedUnit, "$.status")).isEqualTo("active");
        assertThat((String) json(receivedUnit, "$.owner")).as("received: the wholesaler's").isEqualTo(WHOLESALER);
        assertThat((String) json(receivedUnit, "$.inTransitTo")).isNull();
    }

    @Test
    void aPalletScannedWithACaseMissingAnExtraUnitAndAUnitInAnotherCaseOpensExactlyThoseThreeExceptions() {
        long shipment = ship(second);
        long id = ((Number) json(receiptAtB(awaitDelivered(shipment)), "$.id")).longValue();
        List<String> boxes = List.copyOf(second.cases.keySet());
        String missing = boxes.get(9);
        String moved = second.cases.get(boxes.get(0)).get(3);
        String extra = Pallet.sgtin(UNIT, "X");
        List<String> scans = new ArrayList<>(List.of(scan(second.sscc, null)));
        for (String box : boxes) {
            if (box.equals(missing)) {
                continue;
            }
            scans.add(scan(box, second.sscc));
            for (String unit : second.cases.get(box)) {
                scans.add(scan(unit, unit.equals(moved) ? boxes.get(1) : box));
            }
        }
        scans.add(scan(extra, boxes.get(2)));

        HttpResponse<String> reconciled = atB("POST", "/receipts/" + id + "/scans", "{\"scans\":["
                + String.join(",", scans) + "],\"complete\":true}");

        assertThat(reconciled.statusCode()).as(reconciled.body()).isEqualTo(200);
        assertThat((String) json(reconciled, "$.status")).isEqualTo("mismatched");
        HttpResponse<String> exceptions = atB("GET", "/exceptions?receipt=" + id, null);
        List<Map<String, Object>> found = json(exceptions, "$");
        assertThat(found).extracting(e -> e.get("kind") + " " + e.get("epc")).containsExactlyInAnyOrder(
                "shortage " + missing, "overage " + extra, "hierarchy_mismatch " + moved);
        assertThat(found).extracting(e -> e.get("dueOn"))
                .containsOnly(InboundReceiptsTest.dueIn3BusinessDays().toString());
        assertThat(found).extracting(e -> e.get("status")).containsOnly("open");
    }

    @Test
    void aShipmentOfAProductWithoutNdcIsHeldNamingItUntilItsMasterDataIsSetAndOneOfTwoRetriesSendsIt()
            throws Exception {
        Product bare = product("0002-5152-32", 0);
        Product bareCase = product("0002-5152-32", 5);
        for (Product p : List.of(bare, bareCase)) {
            putMasterData("/masterdata/products/" + gtin(p), "{\"name\":\"Heldback\"}");
        }
        Pallet pallet = new Pallet(bare, bareCase, 1, 2, MAKER, OffsetDateTime.now().minusHours(1).withNano(0));
        assertSucceeded(capture(Pallet.eventsDocument(pallet.events), null));

        long shipment = ship(pallet);
        HttpResponse<String> held = awaitShipment(shipment, s -> !"pending".equals(json(s, "$.status")));

        assertThat((String) json(held, "$.status")).as(held.body()).isEqualTo("held");
        assertThat((Object) json(held, "$.messageId")).isNull();
        assertThat((List<String>) json(held, "$.findings[?(@.rule == 'shipments.product-ndc')].message"))
                .contains("product GTIN " + gtin(bare) + " (Heldback) has no NDC in the master data");
        assertThat(get("/shipments?status=held&perPage=1000", complianceKey()).body()).contains("\"id\":" + shipment);

        products(bare, bareCase);
        List<HttpResponse<String>> retries = together(2, i -> post("/shipments/" + shipment + "/retry",
                complianceKey(), ""));

        assertThat(retries).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(200, 409);
        HttpResponse<String> refused = retries.stream().filter(r -> r.statusCode() == 409).findFirst()
                .orElseThrow();
        assertThat((String) json(refused, "$.detail")).isEqualTo("shipment " + shipment + " is sent: only a held"
                + " shipment is retried");
        HttpResponse<String> sent = awaitDelivered(shipment);
        assertThat((Integer) json(sent, "$.attempts")).isEqualTo(2);
        assertThat((List<?>) json(sent, "$.findings[?(@.level == 'ERROR')]")).isEmpty();
        assertThat((Integer) json(receiptAtB(sent), "$.units")).isEqualTo(2);
    }

    /** Two composers besides the worker (as on two gateways): each shipment is composed and sent once. */
    @Test
    void shipmentsComposedByThreeComposersAtOnceAreEachSentOnce() throws Exception {
        List<Pallet> pallets = List.of(new Pallet(UNIT, CASE, 1, 1, MAKER, OffsetDateTime.now().minusHours(1)
                .withNano(0)), new Pallet(UNIT, CASE, 1, 1, MAKER, OffsetDateTime.now().minusHours(1).withNano(0)),
                new Pallet(UNIT, CASE, 1, 1, MAKER, OffsetDateTime.now().minusHours(1).withNano(0)));
        List<EpcisEvent> events = new ArrayList<>();
        pallets.forEach(p -> events.addAll(p.events));
        assertSucceeded(capture(Pallet.eventsDocument(events), null));
        List<Long> before = shipmentsToB();
        OffsetDateTime shippedAt = OffsetDateTime.now().minusMinutes(5).withNano(0);
        assertSucceeded(capture(Pallet.eventsDocument(pallets.stream().map(p -> p.shipping(shippedAt, MAKER, MAKER,
                WHOLESALER, WHOLESALER_SITE)).toList()), null));

        together(2, i -> {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (shipmentsToB().size() < before.size() + pallets.size() && System.nanoTime() < deadline) {
                shipments.composeNext();
            }
            while (shipments.composeNext()) {
                // composes what is pending, as the worker does
            }
            return null;
        });

        List<Long> created = shipmentsToB().stream().filter(id -> !before.contains(id)).toList();
        assertThat(created).hasSize(3);
        for (long id : created) {
            HttpResponse<String> shipment = awaitShipment(id, s -> !"pending".equals(json(s, "$.status")));
            assertThat((String) json(shipment, "$.status")).as(shipment.body()).isEqualTo("sent");
            assertThat((Integer) json(shipment, "$.attempts")).isEqualTo(1);
            assertThat((List<String>) json(get("/audit?object=shipment:" + id, complianceKey()),
                    "$.records[*].action")).containsExactly("shipment.sent");
        }
    }

    /** Acceptance 3 on the standards body's own document; its coverage on ours is the first test's. */
    @Test
    void theGs1UsDscsaExampleReceivedFromAPartnerBecomesAnExpectedReceiptWithoutFindings() throws IOException {
        Path example = Oracles.require(GS1_US_EXAMPLE);
        HttpResponse<String> queued = send(request("/partners/" + bAtA + "/messages", ADMIN_KEY)
                .header("Content-Type", "application/xml").POST(BodyPublishers.ofFile(example)));
        assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
        HttpResponse<String> delivered = await("the example's message", () -> get(queued.headers()
                .firstValue("Location").orElseThrow(), ADMIN_KEY), r -> "delivered".equals(json(r, "$.status")));

        long captureId = captureAtBOf(json(delivered, "$.messageId"));
        HttpResponse<String> job = awaitAtB("/capture/" + captureId, r -> !(Boolean) json(r, "$.running"));
        assertThat((Boolean) json(job, "$.success")).as(job.body()).isTrue();
        HttpResponse<String> receipts = awaitAtB("/receipts?capture=" + captureId,
                r -> !((List<?>) json(r, "$")).isEmpty());

        assertThat((List<?>) json(receipts, "$")).hasSize(1);
        assertThat((List<?>) json(receipts, "$[0].exceptions")).as("findings of the receipt").isEmpty();
        assertThat((String) json(receipts, "$[0].status")).isEqualTo("expected");
        assertThat((String) json(receipts, "$[0].seller")).isEqualTo(EXAMPLE_SHIPPER);
        assertThat((String) json(receipts, "$[0].documentNumber")).isEqualTo("1100220001");
        assertThat((Integer) json(receipts, "$[0].units")).isEqualTo(12);
        assertThat((Integer) json(receipts, "$[0].containers")).isEqualTo(4);
        for (String unit : List.of("urn:epc:id:sgtin:030001.0012345.11", "urn:epc:id:sgtin:030001.0012345.22")) {
            HttpResponse<String> trace = atB("GET", "/trace/" + unit, null);
            assertThat((String) json(trace, "$.status")).as(trace.body()).isEqualTo("in_transit");
            assertThat((Boolean) json(trace, "$.observed")).isTrue();
            assertThat((String) json(trace, "$.owner")).isEqualTo(EXAMPLE_SHIPPER);
            assertThat((List<String>) json(trace, "$.events[*].bizStep")).contains("commissioning", "shipping");
        }
    }

    /** Captures the pallet's shipping from the maker to the wholesaler; the shipment it became. */
    private long ship(Pallet pallet) {
        List<Long> before = shipmentsToB();
        assertSucceeded(capture(Pallet.eventsDocument(List.of(pallet.shipping(OffsetDateTime.now().minusMinutes(5)
                .withNano(0), MAKER, MAKER, WHOLESALER, WHOLESALER_SITE))), null));
        HttpResponse<String> after = await("a new shipment to B", () -> get("/shipments?perPage=1000", lineKey()),
                r -> shipmentsToB(r).stream().anyMatch(id -> !before.contains(id)));
        return shipmentsToB(after).stream().filter(id -> !before.contains(id)).findFirst().orElseThrow();
    }

    private List<Long> shipmentsToB() {
        return shipmentsToB(get("/shipments?perPage=1000", lineKey()));
    }

    private List<Long> shipmentsToB(HttpResponse<String> list) {
        List<Number> ids = json(list, "$[?(@.partnerId == " + bAtA + ")].id");
        return ids.stream().map(Number::longValue).toList();
    }

    private HttpResponse<String> awaitShipment(long id, Predicate<HttpResponse<String>> condition) {
        return await("shipment " + id, () -> get("/shipments/" + id, lineKey()), condition);
    }

    /** Waits until the shipment's message is delivered with a signed MDN that verified. */
    private HttpResponse<String> awaitDelivered(long shipment) {
        HttpResponse<String> sent = awaitShipment(shipment, s -> "sent".equals(json(s, "$.status"))
                && !Set.of("queued", "sending").contains((String) json(s, "$.message.status")));
        assertThat((String) json(sent, "$.message.status")).as(sent.body()).isEqualTo("delivered");
        assertThat((String) json(sent, "$.message.mdnDisposition")).isEqualTo("processed");
        assertThat((Boolean) json(sent, "$.message.mdnSigned")).isTrue();
        assertThat((Boolean) json(sent, "$.message.mdnVerified")).isTrue();
        return sent;
    }

    /** The receipt B made of a sent shipment's document. */
    private HttpResponse<String> receiptAtB(HttpResponse<String> sent) {
        long captureId = captureAtBOf(json(sent, "$.message.messageId"));
        HttpResponse<String> receipts = awaitAtB("/receipts?capture=" + captureId,
                r -> !((List<?>) json(r, "$")).isEmpty());
        assertThat((List<?>) json(receipts, "$")).hasSize(1);
        return atB("GET", "/receipts/" + json(receipts, "$[0].id"), null);
    }

    /** The capture job B made of the message with this AS2 Message-ID. */
    private long captureAtBOf(String messageId) {
        String ids = "$[?(@.messageId == '" + messageId + "')].captureId";
        HttpResponse<String> messages = awaitAtB("/messages?direction=in&limit=100",
                r -> ((List<?>) json(r, ids)).stream().anyMatch(id -> id != null));
        return ((Number) ((List<?>) json(messages, ids)).get(0)).longValue();
    }

    private HttpResponse<String> captureAtB(List<EpcisEvent> events) {
        HttpResponse<String> accepted = send(HttpRequest.newBuilder(URI.create(b.url("/capture")))
                .header("Authorization", "Bearer " + SecondGateway.ADMIN_KEY)
                .header("Content-Type", "application/xml")
                .POST(BodyPublishers.ofString(Pallet.eventsDocument(events))));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return awaitAtB(accepted.headers().firstValue("Location").orElseThrow(),
                r -> !(Boolean) json(r, "$.running"));
    }

    private HttpResponse<String> atB(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(b.url(path)))
                .header("Authorization", "Bearer " + SecondGateway.ADMIN_KEY)
                .method(method, json == null ? BodyPublishers.noBody() : BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request);
    }

    private HttpResponse<String> awaitAtB(String path, Predicate<HttpResponse<String>> condition) {
        return await("GET " + path + " at B", () -> atB("GET", path, null), condition);
    }

    /** Asks until the answer satisfies the condition, for a minute at most. */
    private static HttpResponse<String> await(String what, Supplier<HttpResponse<String>> ask,
            Predicate<HttpResponse<String>> condition) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            HttpResponse<String> response = ask.get();
            if (response.statusCode() == 200 && condition.test(response)) {
                return response;
            }
            assertThat(System.nanoTime()).as(what + " did not come: " + response.body()).isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static String jsonString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
