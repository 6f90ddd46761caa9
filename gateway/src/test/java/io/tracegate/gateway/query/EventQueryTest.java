package io.tracegate.gateway.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracegate.epcis.validation.XsdValidator;
import io.tracegate.gateway.GatewayTest;
import io.tracegate.gateway.security.Role;
import io.tracegate.gs1.epc.Epc;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The EPCIS 2.0 query API over real HTTP on a real PostgreSQL: a small supply chain (commission three units with a
 * lot, pack them into a case, ship the case on a purchase order) is captured once, then queried by every parameter
 * family, paged, negotiated and refused.
 */
class EventQueryTest extends GatewayTest {

    private static final String SITE = "urn:epc:id:sgln:0614141.00777.0";
    private static final String BUYER = "urn:epc:id:sgln:0614141.00888.0";
    /** Unique per test run: the database is shared by every test of the run. */
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String LOT = "L" + RUN;
    private static final String LOT_CLASS = "urn:epc:class:lgtin:0614141.107346." + LOT;
    private static final String PO = "urn:epcglobal:cbv:bt:0614141000005:PO" + RUN;
    private static final List<String> UNITS = List.of(sgtin(1), sgtin(2), sgtin(3));
    private static final String CASE = "urn:epc:id:sscc:0614141." + (1_000_000_000L
            + Math.floorMod(RUN.hashCode(), 1_000_000_000));
    private static final String COMMISSIONED = "2023-05-01T10:00:00.000-05:00";
    private static final String PACKED = "2023-05-01T11:00:00.000-05:00";
    private static final String SHIPPED = "2023-05-02T09:00:00.000-05:00";

    private static String compliance;
    private static String partner;

    private static String sgtin(int n) {
        return "urn:epc:id:sgtin:0614141.107346.Q" + RUN + n;
    }

    @BeforeEach
    void captureOnce() throws InterruptedException {
        if (compliance != null) {
            return;
        }
        String line = createKey(unique("query-line"), Role.LINE);
        String document = """
                {"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
                  {"cbvmda":"urn:epcglobal:cbv:mda#"}],
                 "type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2023-05-02T10:00:00Z",
                 "epcisBody":{"eventList":[
                  {"type":"ObjectEvent","eventTime":"%s","eventTimeZoneOffset":"-05:00","action":"ADD",
                   "epcList":["%s","%s","%s"],"bizStep":"commissioning","disposition":"active",
                   "readPoint":{"id":"%s"},"bizLocation":{"id":"%s"},
                   "ilmd":{"cbvmda:lotNumber":"%s","cbvmda:itemExpirationDate":"2026-06-30"}},
                  {"type":"AggregationEvent","eventTime":"%s","eventTimeZoneOffset":"-05:00","action":"ADD",
                   "parentID":"%s","childEPCs":["%s","%s","%s"],"bizStep":"packing","disposition":"in_progress",
                   "readPoint":{"id":"%s"},"bizLocation":{"id":"%s"}},
                  {"type":"ObjectEvent","eventTime":"%s","eventTimeZoneOffset":"-05:00","action":"OBSERVE",
                   "epcList":["%s"],"bizStep":"shipping","disposition":"in_transit","readPoint":{"id":"%s"},
                   "bizTransactionList":[{"type":"po","bizTransaction":"%s"}],
                   "sourceList":[{"type":"owning_party","source":"%s"}],
                   "destinationList":[{"type":"owning_party","destination":"%s"}]},
                  {"type":"ObjectEvent","eventTime":"%s","eventTimeZoneOffset":"-05:00","action":"OBSERVE",
                   "quantityList":[{"epcClass":"%s","quantity":12}],"bizStep":"inspecting"}
                 ]}}""".formatted(COMMISSIONED, UNITS.get(0), UNITS.get(1), UNITS.get(2), SITE, SITE, LOT,
                PACKED, CASE, UNITS.get(0), UNITS.get(1), UNITS.get(2), SITE, SITE,
                SHIPPED, CASE, SITE, PO, SITE, BUYER, SHIPPED, LOT_CLASS);
        HttpResponse<String> accepted = send(request("/capture", line).header("Content-Type", "application/ld+json")
                .POST(BodyPublishers.ofString(document)));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String job = accepted.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> status = get(job, line);
        for (int i = 0; i < 600 && (Boolean) json(status, "$.running"); i++) {
            Thread.sleep(50);
            status = get(job, line);
        }
        assertThat((Boolean) json(status, "$.success")).as(status.body()).isTrue();
        partner = createKey(unique("query-partner"), Role.PARTNER);
        compliance = createKey(unique("query-compliance"), Role.COMPLIANCE);
    }

    private HttpResponse<String> query(String pathAndQuery) {
        return get(pathAndQuery, compliance);
    }

    /** The bizSteps of the events a query returns, in order. */
    private List<String> bizSteps(String pathAndQuery) {
        HttpResponse<String> response = query(pathAndQuery);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response, "$.epcisBody.queryResults.resultsBody.eventList[*].bizStep");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String digitalLink(String urn) {
        return Epc.parse(urn).toDigitalLink();
    }

    @Test
    void answersAnEpcisQueryDocumentInJsonLd() {
        HttpResponse<String> response = query("/events?MATCH_anyEPC=" + encode(CASE));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(send(request("/events?MATCH_anyEPC=" + encode(CASE), compliance)
                .header("Accept", "application/ld+json").GET()).headers().firstValue("Content-Type"))
                .hasValue("application/ld+json");
        assertThat(response.headers().firstValue("GS1-EPCIS-Version")).hasValue("2.0.0");
        assertThat((String) json(response, "$.type")).isEqualTo("EPCISQueryDocument");
        assertThat((String) json(response, "$.epcisBody.queryResults.queryName")).isEqualTo("SimpleEventQuery");
        assertThat((List<String>) json(response, "$.epcisBody.queryResults.resultsBody.eventList[*].type"))
                .containsExactly("AggregationEvent", "ObjectEvent");
        assertThat((List<String>) json(response, "$.epcisBody.queryResults.resultsBody.eventList[1]"
                + ".bizTransactionList[*].bizTransaction")).containsExactly(PO);
    }

    @Test
    void matchesEpcsInUrnAndDigitalLinkFormsByTheirRoleInTheEvent() {
        String unit = UNITS.get(1);
        assertThat(bizSteps("/events?MATCH_epc=" + encode(unit))).containsExactly("commissioning", "packing");
        assertThat(bizSteps("/events?MATCH_epc=" + encode(digitalLink(unit))))
                .containsExactly("commissioning", "packing");
        assertThat(bizSteps("/events?MATCH_epc=" + encode(CASE))).containsExactly("shipping");
        assertThat(bizSteps("/events?MATCH_parentID=" + encode(digitalLink(CASE)))).containsExactly("packing");
        assertThat(bizSteps("/events?MATCH_anyEPC=" + encode(CASE + "|" + unit)))
                .containsExactly("commissioning", "packing", "shipping");
        assertThat(bizSteps("/events?MATCH_epc=" + encode("urn:epc:id:sgtin:0614141.107346.nosuch" + RUN)))
                .isEmpty();
    }

    @Test
    void matchesEpcClassesOfQuantityListsInUrnAndDigitalLinkForms() {
        assertThat(bizSteps("/events?MATCH_epcClass=" + encode(LOT_CLASS))).containsExactly("inspecting");
        assertThat(bizSteps("/events?MATCH_anyEPCClass=" + encode(digitalLink(LOT_CLASS))))
                .containsExactly("inspecting");
        assertThat(bizSteps("/events?MATCH_epcClass=" + encode(LOT_CLASS + "X"))).isEmpty();
    }

    @Test
    void filtersByEventFieldsWithCbvValuesInAnyForm() {
        String mine = "&MATCH_anyEPC=" + encode(CASE);
        assertThat(bizSteps("/events?eventType=ObjectEvent" + mine)).containsExactly("shipping");
        assertThat(bizSteps("/events?eventType=ObjectEvent%7CAggregationEvent" + mine))
                .containsExactly("packing", "shipping");
        assertThat(bizSteps("/events?EQ_bizStep=shipping" + mine)).containsExactly("shipping");
        assertThat(bizSteps("/events?EQ_bizStep=" + encode("urn:epcglobal:cbv:bizstep:packing") + mine))
                .containsExactly("packing");
        assertThat(bizSteps("/events?EQ_bizStep=" + encode("https://ref.gs1.org/cbv/BizStep-shipping") + mine))
                .containsExactly("shipping");
        assertThat(bizSteps("/events?EQ_disposition=in_progress%7Cin_transit" + mine))
                .containsExactly("packing", "shipping");
        assertThat(bizSteps("/events?EQ_action=OBSERVE" + mine)).containsExactly("shipping");
        assertThat(bizSteps("/events?EQ_bizLocation=" + encode(SITE) + mine)).containsExactly("packing");
        assertThat(bizSteps("/events?EQ_readPoint=" + encode(digitalLink(SITE)) + mine))
                .containsExactly("packing", "shipping");
    }

    @Test
    void filtersByTimesWithOffsets() {
        String mine = "&MATCH_anyEPC=" + encode(UNITS.get(0) + "|" + CASE);
        assertThat(bizSteps("/events?GE_eventTime=" + encode(PACKED) + mine)).containsExactly("packing", "shipping");
        assertThat(bizSteps("/events?LT_eventTime=" + encode(PACKED) + mine)).containsExactly("commissioning");
        // an unencoded '+' of an offset arrives as a space, and is read as the '+' it was
        assertThat(bizSteps("/events?GE_eventTime=2023-05-02T14:00:00+00:00" + mine)).containsExactly("shipping");
        assertThat(bizSteps("/events?GE_recordTime=2000-01-01T00:00:00Z&LT_recordTime=2999-01-01T00:00:00Z" + mine))
                .hasSize(3);
        assertThat(bizSteps("/events?LT_recordTime=2000-01-01T00:00:00Z" + mine)).isEmpty();
    }

    @Test
    void filtersByIlmdBusinessTransactionsSourcesAndDestinations() {
        assertThat(bizSteps("/events?EQ_ILMD_lotNumber=" + LOT)).containsExactly("commissioning");
        assertThat(bizSteps("/events?EQ_ILMD_cbvmda:lotNumber=" + LOT)).containsExactly("commissioning");
        assertThat(bizSteps("/events?EQ_ILMD_" + encode("urn:epcglobal:cbv:mda#lotNumber") + "=" + LOT
                + "&EQ_ILMD_itemExpirationDate=2026-06-30")).containsExactly("commissioning");
        assertThat(bizSteps("/events?EQ_ILMD_lotNumber=" + LOT + "&EQ_ILMD_itemExpirationDate=2026-07-31"))
                .isEmpty();
        assertThat(bizSteps("/events?EQ_bizTransaction_po=" + encode(PO))).containsExactly("shipping");
        assertThat(bizSteps("/events?EQ_bizTransaction_" + encode("urn:epcglobal:cbv:btt:po") + "=" + encode(PO)))
                .containsExactly("shipping");
        assertThat(bizSteps("/events?EQ_bizTransaction_desadv=" + encode(PO))).isEmpty();
        String mine = "&MATCH_anyEPC=" + encode(CASE);
        assertThat(bizSteps("/events?EQ_source_owning_party=" + encode(SITE) + mine)).containsExactly("shipping");
        assertThat(bizSteps("/events?EQ_destination_owning_party=" + encode(digitalLink(BUYER)) + mine))
                .containsExactly("shipping");
        assertThat(bizSteps("/events?EQ_destination_owning_party=" + encode(SITE) + mine)).isEmpty();
    }

    @Test
    void findsEventsByEventIdInTheQueryAndAsAResource() {
        HttpResponse<String> shipping = query("/events?EQ_bizStep=shipping&MATCH_epc=" + encode(CASE));
        String eventId = json(shipping, "$.epcisBody.queryResults.resultsBody.eventList[0].eventID");
        assertThat(bizSteps("/events?EQ_eventID=" + encode(eventId))).containsExactly("shipping");
        assertThat(bizSteps("/events/" + encode(eventId))).containsExactly("shipping");
        HttpResponse<String> missing = query("/events/" + encode("ni:///sha-256;" + "0".repeat(64) + "?ver=CBV2.0"));
        assertThat(missing.statusCode()).as(missing.body()).isEqualTo(404);
        assertThat((String) json(missing, "$.type")).isEqualTo("epcisException:NoSuchResourceException");
    }

    @Test
    void pagesThroughEveryEventWithNextPageTokensInBothDirections() {
        String filter = "MATCH_anyEPC=" + encode(String.join("|", UNITS) + "|" + CASE);
        List<String> all = bizSteps("/events?" + filter);
        assertThat(all).containsExactly("commissioning", "packing", "shipping");

        assertThat(follow("/events?perPage=1&" + filter)).containsExactly("commissioning", "packing", "shipping");
        assertThat(follow("/events?perPage=2&orderDirection=DESC&orderBy=eventTime&" + filter))
                .containsExactly("shipping", "packing", "commissioning");
        assertThat(follow("/events?perPage=1&orderBy=recordTime&" + filter)).hasSize(3);
        assertThat(follow("/events?perPage=1&eventCountLimit=2&orderBy=eventTime&orderDirection=ASC&" + filter))
                .containsExactly("commissioning", "packing");
        assertThat(follow("/events?eventCountLimit=1&orderBy=eventTime&" + filter)).containsExactly("shipping");
    }

    /** Follows the Link headers from the first page to the last; returns the bizSteps in order. */
    private List<String> follow(String first) {
        List<String> steps = new ArrayList<>();
        String next = first;
        for (int pages = 0; next != null; pages++) {
            assertThat(pages).as("pages of " + first).isLessThan(10);
            HttpResponse<String> page = query(next);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            steps.addAll(json(page, "$.epcisBody.queryResults.resultsBody.eventList[*].bizStep"));
            Optional<String> link = page.headers().firstValue("Link");
            if (link.isPresent()) {
                assertThat(link.get()).matches("<http://localhost:\\d+/events\\?.*nextPageToken=[^&>]+.*>; rel=\"next\"");
                assertThat(page.headers().firstValue("GS1-Next-Page-Token-Expires")).isPresent();
                next = link.get().substring(link.get().indexOf("/events"), link.get().indexOf('>'));
            } else {
                next = null;
            }
        }
        return steps;
    }

    @Test
    void refusesATokenUsedWithAnotherQuery() {
        HttpResponse<String> first = query("/events?perPage=1&MATCH_anyEPC=" + encode(CASE));
        String link = first.headers().firstValue("Link").orElseThrow();
        String token = link.replaceAll(".*nextPageToken=([^&>]+).*", "$1");
        HttpResponse<String> other = query("/events?perPage=1&EQ_bizStep=packing&nextPageToken=" + token);
        assertThat(other.statusCode()).isEqualTo(400);
        assertThat((String) json(other, "$.detail")).contains("nextPageToken", "different query");
        HttpResponse<String> forged = query("/events?nextPageToken=bm90LWEtdG9rZW4");
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat((String) json(forged, "$.type")).isEqualTo("epcisException:QueryParameterException");
    }

    @Test
    void answersXmlForAcceptApplicationXmlValidAgainstTheQuerySchema() throws IOException {
        HttpResponse<String> response = send(request("/events?MATCH_anyEPC=" + encode(CASE + "|" + UNITS.get(0)),
                compliance).header("Accept", "application/xml").GET());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/xml");
        assertThat(response.body()).contains("<epcisq:EPCISQueryDocument", "<queryName>SimpleEventQuery</queryName>",
                "<bizStep>urn:epcglobal:cbv:bizstep:shipping</bizStep>", "<AggregationEvent>");
        assertThat(response.body().indexOf("<ObjectEvent>")).isLessThan(response.body().indexOf("<AggregationEvent>"));
        assertThat(new XsdValidator().validate(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8))))
                .isEmpty();

        HttpResponse<String> empty = send(request("/events?EQ_bizStep=shipping&LT_eventTime=2000-01-01T00:00:00Z",
                compliance).header("Accept", "application/xml").GET());
        assertThat(empty.statusCode()).as(empty.body()).isEqualTo(200);
        assertThat(new XsdValidator().validate(new ByteArrayInputStream(empty.body().getBytes(StandardCharsets.UTF_8))))
                .isEmpty();

        HttpResponse<String> refused = send(request("/events?EQ_bizStep=shipping", compliance)
                .header("Accept", "text/csv").GET());
        assertThat(refused.statusCode()).isEqualTo(406);
        assertThat((String) json(refused, "$.type")).isEqualTo("epcisException:NotAcceptableException");
    }

    @Test
    void servesTheTopLevelResources() {
        assertThat((List<String>) json(query("/eventTypes"), "$.member")).contains("ObjectEvent", "AggregationEvent");
        assertThat((List<String>) json(query("/bizSteps"), "$.member"))
                .contains("commissioning", "packing", "shipping");
        assertThat((List<String>) json(query("/dispositions"), "$.member")).contains("active", "in_transit");
        assertThat((List<String>) json(query("/readPoints"), "$.member")).contains(digitalLink(SITE));
        assertThat((List<String>) json(query("/bizLocations"), "$.member")).contains(digitalLink(SITE));
        assertThat((List<String>) json(query("/bizSteps/shipping"), "$.member")).containsExactly("events");

        String mine = "?MATCH_anyEPC=" + encode(CASE);
        assertThat(bizSteps("/epcs/" + encode(CASE) + "/events")).containsExactly("packing", "shipping");
        assertThat(bizSteps("/epcs/" + encode(digitalLink(UNITS.get(2))) + "/events"))
                .containsExactly("commissioning", "packing");
        assertThat(bizSteps("/eventTypes/AggregationEvent/events" + mine)).containsExactly("packing");
        assertThat(bizSteps("/bizSteps/shipping/events" + mine)).containsExactly("shipping");
        assertThat(bizSteps("/dispositions/" + encode("urn:epcglobal:cbv:disp:in_progress") + "/events" + mine))
                .containsExactly("packing");
        assertThat(bizSteps("/readPoints/" + encode(SITE) + "/events" + mine)).containsExactly("packing", "shipping");
        assertThat(bizSteps("/bizLocations/" + encode(digitalLink(SITE)) + "/events" + mine))
                .containsExactly("packing");
    }

    @Test
    void refusesBadParametersNamingThem() {
        assertParameterRefused("/events?EQ_bizstep=shipping", "EQ_bizstep", "is not an EPCIS query parameter");
        assertParameterRefused("/events?eventType=ShipEvent", "eventType", "ShipEvent");
        assertParameterRefused("/events?GE_eventTime=yesterday", "GE_eventTime", "yesterday");
        assertParameterRefused("/events?MATCH_epc=urn:epc:id:sgtin:0614141.107346", "MATCH_epc", "not a valid EPC URN");
        assertParameterRefused("/events?EQ_action=ADDED", "EQ_action", "ADDED");
        assertParameterRefused("/events?MATCH_anyEPC=" + encode("urn:epc:idpat:sgtin:0614141.107346"), "MATCH_anyEPC",
                "EPC pattern");
        assertParameterRefused("/events?orderBy=bizStep", "orderBy", "bizStep");
        assertParameterRefused("/events?orderDirection=UP", "orderDirection", "UP");
        assertParameterRefused("/events?perPage=0", "perPage", "from 1 to 1000");
        assertParameterRefused("/events?perPage=5000", "perPage", "from 1 to 1000");
        assertParameterRefused("/events?eventCountLimit=many", "eventCountLimit", "many");
        assertParameterRefused("/events?EQ_bizStep=shipping&EQ_bizStep=packing", "EQ_bizStep", "given 2 times");
        assertParameterRefused("/events?EQ_bizStep=shipping%7C%7Cpacking", "EQ_bizStep", "empty value");
        assertParameterRefused("/events?EQ_booleanValue=x", "EQ_booleanValue", "not true or false");
    }

    private void assertParameterRefused(String pathAndQuery, String parameter, String detail) {
        assertQueryParameterRefused(query(pathAndQuery), pathAndQuery, parameter, detail);
    }

    @Test
    void letsComplianceAdminAndPartnersQueryAndRefusesOtherRoles() {
        String path = "/events?EQ_bizStep=shipping";
        assertThat(get(path, compliance).statusCode()).isEqualTo(200);
        assertThat(get(path, partner).statusCode()).isEqualTo(200);
        assertThat(get(path, ADMIN_KEY).statusCode()).isEqualTo(200);
        assertThat(get("/bizSteps", partner).statusCode()).isEqualTo(200);
        for (Role role : List.of(Role.LINE, Role.PHARMACIST)) {
            String key = createKey(unique("query-" + role), role);
            for (String refused : List.of(path, "/bizSteps", "/epcs/" + encode(CASE) + "/events")) {
                HttpResponse<String> response = get(refused, key);
                assertThat(response.statusCode()).as(role + " " + refused).isEqualTo(403);
                assertThat((String) json(response, "$.type")).isEqualTo("epcisException:SecurityException");
            }
        }
        assertThat(get(path, null).statusCode()).isEqualTo(401);
    }
}
