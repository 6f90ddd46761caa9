package io.tracegate.gateway.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracegate.gateway.capture.CaptureTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The recall report over real captures: a lot shipped in parts to two partners, the rest in stock. */
class RecallReportTest extends CaptureTest {

    static final String PARTNER_1 = "urn:epc:id:sgln:0614141.00001.0";
    static final String PARTNER_1_SITE = "urn:epc:id:sgln:0614141.00001.1";
    static final String PARTNER_2 = "urn:epc:id:sgln:0614142.00002.0";
    static final String PARTNER_2_SITE = "urn:epc:id:sgln:0614142.00002.1";

    /** A lot of 10 units: 4 in a case on a pallet to partner 1, 2 in a case and 1 loose to partner 2, 3 left. */
    record ShippedLot(String lot, List<String> units, String pallet, String caseToPartner2) {
    }

    ShippedLot shipInParts() {
        String lot = unique("L");
        List<String> units = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            units.add(sgtin("recall"));
        }
        String caseA = caseSgtin("caseA");
        String caseB = caseSgtin("caseB");
        String pallet = sscc();
        assertSucceeded(capture(
                objectEvent("ADD").epcs(units).bizStep("commissioning").disposition("active").at(SITE)
                        .lot(lot, "2027-06-30"),
                objectEvent("ADD").epcs(caseA, caseB).bizStep("commissioning").disposition("active").at(SITE)
                        .lot(lot, "2027-06-30"),
                pack(caseA, units.subList(0, 4).toArray(String[]::new)),
                pack(caseB, units.subList(4, 6).toArray(String[]::new)),
                pack(pallet, caseA),
                objectEvent("OBSERVE").epcs(pallet).bizStep("shipping").disposition("in_transit").readPoint(SITE)
                        .from(SITE).to(PARTNER_1, PARTNER_1_SITE).purchaseOrder("PO-1"),
                objectEvent("OBSERVE").epcs(caseB, units.get(6)).bizStep("shipping").disposition("in_transit")
                        .readPoint(SITE).from(SITE).to(PARTNER_2, PARTNER_2_SITE).purchaseOrder("PO-2")));
        return new ShippedLot(lot, units, pallet, caseB);
    }

    @Test
    void aLotShippedInPartsToTwoPartners() {
        ShippedLot shipped = shipInParts();
        HttpResponse<String> report = get("/reports/recall?gtin=00300010123455&lot=" + shipped.lot(),
                complianceKey());
        assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
        List<String> units = shipped.units();
        assertThat((List<String>) json(report, "$.units[?(@.partner == '" + PARTNER_1 + "')].epc"))
                .containsExactlyInAnyOrderElementsOf(units.subList(0, 4));
        assertThat((List<String>) json(report, "$.units[?(@.partner == '" + PARTNER_1 + "')].purchaseOrders[0]"))
                .containsOnly("PO-1");
        assertThat((List<String>) json(report, "$.units[?(@.partner == '" + PARTNER_2 + "')].epc"))
                .containsExactlyInAnyOrderElementsOf(units.subList(4, 7));
        assertThat((List<String>) json(report, "$.units[?(@.partner == '" + PARTNER_2 + "')].purchaseOrders[0]"))
                .containsOnly("PO-2");
        assertThat((List<String>) json(report, "$.units[?(@.inStock == true)].epc"))
                .containsExactlyInAnyOrderElementsOf(units.subList(7, 10));
        assertThat((List<String>) json(report, "$.units[?(@.inStock == false)].status")).containsOnly("in_transit");
        assertThat((List<String>) json(report, "$.units[*].epc")).hasSize(10);
        assertThat((Integer) json(report, "$.unitCount")).isEqualTo(10);
        assertThat((Integer) json(report, "$.inStock")).isEqualTo(3);
        assertThat((Map<String, Integer>) json(report, "$.unitsByPartner"))
                .containsExactlyInAnyOrderEntriesOf(Map.of(PARTNER_1, 4, PARTNER_2, 3));
        assertThat((List<String>) json(report, "$.shipments[*].partner")).containsExactly(PARTNER_1, PARTNER_2);

        // the lot of every GTIN: the cases too
        HttpResponse<String> anyGtin = get("/reports/recall?lot=" + shipped.lot(), complianceKey());
        assertThat((Integer) json(anyGtin, "$.unitCount")).isEqualTo(12);
        assertThat((List<String>) json(anyGtin, "$.units[?(@.epc == '" + shipped.caseToPartner2() + "')].partner"))
                .containsExactly(PARTNER_2);
    }

    @Test
    void asCsv() {
        ShippedLot shipped = shipInParts();
        HttpResponse<String> csv = send(request("/reports/recall?gtin=00300010123455&lot=" + shipped.lot(),
                complianceKey()).header("Accept", "text/csv"));
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).startsWith("epc,gtin,lot,expiry,status,owner,location,container,in_stock,partner,");
        assertThat(lines).hasSize(11);
        assertThat(lines.stream().filter(l -> l.contains(PARTNER_2) && l.contains("PO-2"))).hasSize(3);
        assertThat(lines.stream().filter(l -> l.contains(",true,"))).hasSize(3);
    }

    @Test
    void refusesWhatItCannotAnswer() {
        HttpResponse<String> noLot = get("/reports/recall?gtin=00300010123455", complianceKey());
        assertThat(noLot.statusCode()).isEqualTo(400);
        assertThat((String) json(noLot, "$.detail")).contains("lot");
        HttpResponse<String> badGtin = get("/reports/recall?gtin=123&lot=X", complianceKey());
        assertThat(badGtin.statusCode()).isEqualTo(400);
        assertThat((String) json(badGtin, "$.detail")).contains("gtin", "123");
        assertThat(get("/reports/recall?lot=X", lineKey()).statusCode()).isEqualTo(403);
    }
}
