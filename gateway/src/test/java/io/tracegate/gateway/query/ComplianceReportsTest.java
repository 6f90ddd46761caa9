package io.tracegate.gateway.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracegate.gateway.capture.CaptureTest;
import io.tracegate.gateway.compliance.OwnProduct;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expiry, stock at a site, lot history, an SSCC's content and a request for information, over real captures. */
class ComplianceReportsTest extends CaptureTest {

    static final String PARTNER = "urn:epc:id:sgln:0614141.00001.0";
    static final String PARTNER_SITE = "urn:epc:id:sgln:0614141.00001.1";

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void expiryInFefoOrderWithActiveUnits() {
        String soon = unique("SOON");
        String gone = unique("GONE");
        String later = unique("LATER");
        LocalDate today = LocalDate.now();
        assertSucceeded(capture(
                objectEvent("ADD").epcs(sgtin("exp"), sgtin("exp")).bizStep("commissioning").disposition("active")
                        .at(SITE).lot(soon, today.plusDays(10).toString()),
                objectEvent("ADD").epcs(sgtin("exp")).bizStep("commissioning").disposition("active").at(SITE)
                        .lot(gone, today.minusDays(5).toString()),
                objectEvent("ADD").epcs(sgtin("exp")).bizStep("commissioning").disposition("active").at(SITE)
                        .lot(later, today.plusDays(400).toString())));
        HttpResponse<String> report = get("/reports/expiry?within=30&gtin=00300010123455", complianceKey());
        assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
        List<String> lots = json(report, "$.lots[*].lot");
        assertThat(lots).contains(soon, gone).doesNotContain(later);
        assertThat(lots.indexOf(gone)).isLessThan(lots.indexOf(soon));
        assertThat((List<Boolean>) json(report, "$.lots[?(@.lot == '" + gone + "')].expired")).containsExactly(true);
        assertThat((List<Integer>) json(report, "$.lots[?(@.lot == '" + soon + "')].daysToExpiry"))
                .containsExactly(10);
        assertThat((List<Integer>) json(report, "$.lots[?(@.lot == '" + soon + "')].activeUnits"))
                .containsExactly(2);
        HttpResponse<String> csv = send(request("/reports/expiry?within=30", complianceKey())
                .header("Accept", "text/csv"));
        assertThat(csv.body().lines().findFirst()).hasValue("gtin,lot,expiry,days_to_expiry,expired,active_units");
        assertThat(csv.body()).contains(soon + "," + today.plusDays(10) + ",10,false,2");
        assertThat(get("/reports/expiry?within=-1", complianceKey()).statusCode()).isEqualTo(400);
    }

    @Test
    void stockContentHistoryAndRequestForInformation() {
        send(request("/masterdata/products/" + OwnProduct.GTIN, ADMIN_KEY).header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"ndc\":\"0300-0123-45\",\"name\":"
                        + "\"Examplamab 10 mg\",\"strength\":\"10 mg\",\"dosageForm\":\"TABLET\"}")));
        String lot = unique("RFI");
        String site = "urn:epc:id:sgln:030001.111111." + unique("s").replace("-", "");
        String a = OwnProduct.unit(sgtin("rfi"));
        String b = OwnProduct.unit(sgtin("rfi"));
        String kept = OwnProduct.unit(sgtin("rfi"));
        String box = caseSgtin("rfibox");
        String pallet = sscc();
        assertSucceeded(capture(
                objectEvent("ADD").epcs(a, b, kept, box).bizStep("commissioning").disposition("active").at(site)
                        .lot(lot, "2029-12-31"),
                pack(box, a, b), pack(pallet, box),
                objectEvent("OBSERVE").epcs(pallet).bizStep("shipping").disposition("in_transit").readPoint(site)
                        .from(SITE).to(PARTNER, PARTNER_SITE).purchaseOrder("PO-RFI")));

        HttpResponse<String> stock = get("/reports/stock?site=" + encoded(site), complianceKey());
        assertThat(stock.statusCode()).as(stock.body()).isEqualTo(200);
        assertThat((List<String>) json(stock, "$.units[*].epc")).containsExactly(kept);
        assertThat((String) json(get("/reports/stock?site=nowhere", complianceKey()), "$.detail")).contains("site",
                "nowhere");

        HttpResponse<String> content = get("/reports/content?epc=" + encoded(pallet), complianceKey());
        assertThat(content.statusCode()).as(content.body()).isEqualTo(200);
        assertThat((String) json(content, "$.children[0].epc")).isEqualTo(box);
        assertThat((List<String>) json(content, "$.children[0].children[*].epc")).containsExactlyInAnyOrder(a, b);
        HttpResponse<String> flat = send(request("/reports/content?epc=" + encoded(pallet), complianceKey())
                .header("Accept", "text/csv"));
        assertThat(flat.body().lines()).hasSize(5).anyMatch(line -> line.startsWith("2," + a + ",sgtin,"));
        assertThat(get("/reports/content?epc=" + encoded(sscc()), complianceKey()).statusCode()).isEqualTo(404);

        HttpResponse<String> history = get("/reports/lot-history?gtin=" + OwnProduct.GTIN + "&lot=" + lot, complianceKey());
        assertThat((List<String>) json(history, "$.transactions[*].direction")).containsExactly("shipped");
        assertThat((List<String>) json(history, "$.transactions[*].buyer")).containsExactly(PARTNER);
        assertThat((List<String>) json(history, "$.transactions[0].purchaseOrders")).containsExactly("PO-RFI");

        HttpResponse<String> unit = get("/reports/request-for-information?epc=" + encoded(a), complianceKey());
        assertThat(unit.statusCode()).as(unit.body()).isEqualTo(200);
        assertThat((String) json(unit, "$.product.ndc")).isEqualTo("0300-0123-45");
        assertThat((String) json(unit, "$.lot")).isEqualTo(lot);
        assertThat((String) json(unit, "$.expiry")).isEqualTo("2029-12-31");
        assertThat((List<String>) json(unit, "$.transactionHistory[*].buyer")).containsExactly(PARTNER);
        assertThat((String) json(unit, "$.transactionStatement")).contains("did not knowingly ship a suspect");
        HttpResponse<String> wholeLot = get("/reports/request-for-information?gtin=" + OwnProduct.GTIN + "&lot=" + lot,
                complianceKey());
        assertThat((Integer) json(wholeLot, "$.units")).isEqualTo(3);
        assertThat((List<String>) json(wholeLot, "$.transactionHistory[*].purchaseOrders[0]"))
                .containsExactly("PO-RFI");
        assertThat(get("/reports/request-for-information", complianceKey()).statusCode()).isEqualTo(400);
    }
}
