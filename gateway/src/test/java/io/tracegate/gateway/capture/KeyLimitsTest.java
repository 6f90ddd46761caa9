package io.tracegate.gateway.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracegate.gs1.Gln;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A key limited to one GTIN and one site acts only on units of that GTIN at that site, whatever the event names:
 * also the content of a container it names, and only with events that say where they happen; and the master data
 * its documents carry is refused for other products and sites. Every refusal changes nothing.
 */
class KeyLimitsTest extends CaptureTest {

    /** A product of the same company that the limited key does not cover (GTIN 00300010999999). */
    private static String foreignUnit() {
        return "urn:epc:id:sgtin:030001.0099999." + unique("foreign");
    }

    private String limitedKey;

    private String limitedKey() {
        if (limitedKey == null) {
            HttpResponse<String> created = post("/admin/keys", ADMIN_KEY, "{\"name\":\"" + unique("limited")
                    + "\",\"roles\":[\"LINE\"],\"gtins\":[\"00300010123455\"],\"glns\":[\"0300011111116\"]}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            limitedKey = json(created, "$.key");
        }
        return limitedKey;
    }

    @Test
    void namingAPalletDoesNotActOnTheForeignUnitsInIt() {
        String own = sgtin("own");
        String foreign = foreignUnit();
        String pallet = sscc();
        assertSucceeded(capture(commission(own), commission(foreign), pack(pallet, own, foreign)));
        Event destroy = objectEvent("OBSERVE").epcs(pallet).bizStep("destroying").disposition("destroyed").at(SITE);

        HttpResponse<String> single = postEvent(document(destroy), limitedKey());
        assertThat(single.statusCode()).as(single.body()).isEqualTo(403);
        assertThat((String) json(single, "$.type")).isEqualTo("epcisException:SecurityException");
        assertThat((String) json(single, "$.detail")).contains(foreign, "00300010999999", pallet);

        HttpResponse<String> job = awaitJob(postDocument(document(destroy), limitedKey(), null)
                .headers().firstValue("Location").orElseThrow(), limitedKey());
        assertRefused(job, foreign, "key.gtin-not-allowed");
        assertThat((Integer) json(job, "$.errors[0].status")).isEqualTo(403);

        HttpResponse<String> unpack = postEvent(document(aggregationEvent("DELETE").parent(pallet)
                .bizStep("unpacking").at(SITE)), limitedKey());
        assertThat(unpack.statusCode()).as(unpack.body()).isEqualTo(403);

        assertThat(status(foreign)).isEqualTo("active");
        assertThat(status(own)).isEqualTo("active");
        assertThat((List<String>) json(trace(pallet), "$.children")).containsExactlyInAnyOrder(own, foreign);
    }

    @Test
    void aUnitAtAnotherSiteIsOutOfReachEvenWhenTheEventHappensAtTheKeysSite() {
        String elsewhere = sgtin("elsewhere");
        assertSucceeded(capture(objectEvent("ADD").epcs(elsewhere).bizStep("commissioning").at(BUYER_SITE)));

        HttpResponse<String> answer = postEvent(document(objectEvent("OBSERVE").epcs(elsewhere)
                .bizStep("destroying").disposition("destroyed").at(SITE)), limitedKey());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
        assertThat((String) json(answer, "$.detail")).contains(BUYER_SITE);
        assertThat(status(elsewhere)).isEqualTo("active");
    }

    @Test
    void aSiteLimitedKeysEventsMustSayWhereTheyHappen() {
        String own = sgtin("own");
        assertSucceeded(capture(commission(own)));

        HttpResponse<String> answer = postEvent(document(objectEvent("OBSERVE").epcs(own)
                .bizStep("destroying").disposition("destroyed")), limitedKey());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
        assertThat((String) json(answer, "$.detail")).contains("neither readPoint nor bizLocation");
        assertThat(status(own)).isEqualTo("active");
    }

    @Test
    void quantitiesOfForeignProductsAreRefusedInEveryQuantityList() {
        for (String list : List.of("quantityList", "childQuantityList")) {
            String type = list.equals("quantityList") ? "ObjectEvent" : "AggregationEvent";
            String event = "{\"type\":\"" + type + "\",\"eventTime\":\"" + nextTime() + "\",\"eventTimeZoneOffset\":"
                    + "\"-05:00\",\"action\":\"" + (type.equals("ObjectEvent") ? "OBSERVE" : "ADD") + "\""
                    + (type.equals("AggregationEvent") ? ",\"parentID\":\"" + sscc() + "\"" : "")
                    + ",\"" + list + "\":[{\"epcClass\":\"urn:epc:class:lgtin:030001.0099999.L1\",\"quantity\":5}],"
                    + "\"readPoint\":{\"id\":\"" + SITE + "\"}}";

            HttpResponse<String> answer = postDocument(document(List.of(event)), limitedKey(), null);

            assertThat(answer.statusCode()).as(list + ": " + answer.body()).isEqualTo(403);
            assertThat((String) json(answer, "$.detail")).contains("00300010999999");
        }
    }

    @Test
    void masterDataAboutForeignProductsAndSitesIsRefusedAndNotLearned() {
        String foreignProduct = vocabulary("urn:epcglobal:epcis:vtype:EPCClass", "urn:epc:idpat:sgtin:030001.0099999.*",
                "urn:epcglobal:cbv:mda#regulatedProductName", "Not ours");
        String foreignSite = vocabulary("urn:epcglobal:epcis:vtype:Location", BUYER_SITE,
                "urn:epcglobal:cbv:mda#name", "Not our site");

        for (String masterData : List.of(foreignProduct, foreignSite)) {
            String document = document(commission(sgtin("md"))).replace("\"epcisBody\"",
                    "\"epcisHeader\":{\"epcisMasterData\":{\"vocabularyList\":[" + masterData + "]}},\"epcisBody\"");

            HttpResponse<String> answer = postDocument(document, limitedKey(), null);

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
            assertThat((String) json(answer, "$.detail")).contains("master data");
        }
        HttpResponse<String> product = get("/masterdata/products/00300010999999", ADMIN_KEY);
        assertThat(product.body()).doesNotContain("Not ours");
        HttpResponse<String> site = get("/masterdata/locations/" + Gln.withCheckDigit("039999345678"), ADMIN_KEY);
        assertThat(site.body()).doesNotContain("Not our site");
    }

    private static String vocabulary(String type, String id, String attribute, String value) {
        return "{\"type\":\"" + type + "\",\"vocabularyElementList\":[{\"id\":\"" + id + "\",\"attributes\":[{\"id\":\""
                + attribute + "\",\"attribute\":\"" + value + "\"}]}]}";
    }

    private HttpResponse<String> postEvent(String document, String key) {
        return send(request("/events", key).header("Content-Type", "application/ld+json")
                .POST(BodyPublishers.ofString(document)));
    }
}
