package io.tracegate.gateway.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracegate.gateway.capture.CaptureTest;
import io.tracegate.gs1.epc.Epc;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The query parameters on quantities, transformations, error declarations and persistent dispositions, and
 * maxEventCount, over real HTTP on a real PostgreSQL: three events naming EPC classes of this run only (a
 * transformation, an inspection with persistent dispositions, an error declaration) are captured once and queried.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventQueryExtrasTest extends CaptureTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String INPUT = "urn:epc:class:lgtin:030001.0012345.IN" + RUN;
    /** Captured in its Digital Link form. */
    private static final String OUTPUT = "urn:epc:class:lgtin:030001.0012345.OUT" + RUN;
    private static final String OBSERVED = "urn:epc:class:lgtin:030001.0012345.OBS" + RUN;
    private static final String TRANSFORMATION_ID = "urn:example:transformation:" + RUN;
    private static final String TRANSFORMED = "urn:uuid:" + UUID.randomUUID();
    private static final String INSPECTED = "urn:uuid:" + UUID.randomUUID();
    private static final String DECLARED = "urn:uuid:" + UUID.randomUUID();
    private static final String CORRECTIVE = "urn:uuid:" + UUID.randomUUID();
    /** 10:00:00Z */
    private static final String DECLARATION_TIME = "2024-02-01T12:00:00.000+02:00";
    /** Every event of this run. */
    private static final String MINE = "&MATCH_anyEPCClass=" + encode(INPUT + "|" + OUTPUT + "|" + OBSERVED);

    @BeforeAll
    void captureOnce() {
        String transformation = """
                {"type":"TransformationEvent","eventID":"%s","eventTime":"%s","eventTimeZoneOffset":"+00:00",
                 "inputQuantityList":[{"epcClass":"%s","quantity":40.5,"uom":"KGM"}],
                 "outputQuantityList":[{"epcClass":"%s","quantity":7}],
                 "transformationID":"%s","bizStep":"commissioning","readPoint":{"id":"%s"}}"""
                .formatted(TRANSFORMED, nextTime(), INPUT, digitalLink(OUTPUT), TRANSFORMATION_ID, SITE);
        String inspection = """
                {"type":"ObjectEvent","eventID":"%s","eventTime":"%s","eventTimeZoneOffset":"+00:00",
                 "action":"OBSERVE","quantityList":[{"epcClass":"%s","quantity":12}],"bizStep":"inspecting",
                 "persistentDisposition":{"set":["completeness_verified"],"unset":["completeness_inferred"]}}"""
                .formatted(INSPECTED, nextTime(), OBSERVED);
        String declaration = """
                {"type":"ObjectEvent","eventID":"%s","eventTime":"%s","eventTimeZoneOffset":"+00:00",
                 "action":"OBSERVE","quantityList":[{"epcClass":"%s","quantity":3}],"bizStep":"inspecting",
                 "errorDeclaration":{"declarationTime":"%s","reason":"incorrect_data",
                   "correctiveEventIDs":["%s"]}}"""
                .formatted(DECLARED, nextTime(), OBSERVED, DECLARATION_TIME, CORRECTIVE);
        assertSucceeded(capture(document(List.of(transformation, inspection, declaration)), null));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String digitalLink(String urn) {
        return Epc.parse(urn).toDigitalLink();
    }

    /** The eventIDs a query of this run's events returns, in order. */
    private List<String> eventIds(String parameters) {
        return eventIdsOf("/events?" + parameters + MINE);
    }

    private List<String> eventIdsOf(String pathAndQuery) {
        HttpResponse<String> response = get(pathAndQuery, complianceKey());
        assertThat(response.statusCode()).as(pathAndQuery + ": " + response.body()).isEqualTo(200);
        return json(response, "$.epcisBody.queryResults.resultsBody.eventList[*].eventID");
    }

    @Test
    void comparesTheQuantitiesOfQuantityListsAsNumbers() {
        assertThat(eventIds("EQ_quantity=12")).containsExactly(INSPECTED);
        assertThat(eventIds("EQ_quantity=12.00")).containsExactly(INSPECTED);
        assertThat(eventIds("EQ_quantity=40.5")).containsExactly(TRANSFORMED);
        assertThat(eventIds("GT_quantity=12")).containsExactly(TRANSFORMED);
        assertThat(eventIds("GE_quantity=12")).containsExactly(TRANSFORMED, INSPECTED);
        assertThat(eventIds("LT_quantity=7")).containsExactly(DECLARED);
        assertThat(eventIds("LE_quantity=7")).containsExactly(TRANSFORMED, DECLARED);
        assertThat(eventIds("GT_quantity=100")).isEmpty();
        assertThat(eventIds("GE_quantity=5&LT_quantity=10")).containsExactly(TRANSFORMED);
    }

    @Test
    void matchesInputAndOutputEpcClassesByTheirListInEitherForm() {
        assertThat(eventIds("MATCH_inputEPCClass=" + encode(INPUT))).containsExactly(TRANSFORMED);
        assertThat(eventIds("MATCH_inputEPCClass=" + encode(digitalLink(INPUT)))).containsExactly(TRANSFORMED);
        assertThat(eventIds("MATCH_inputEPCClass=" + encode(OUTPUT))).isEmpty();
        assertThat(eventIds("MATCH_outputEPCClass=" + encode(OUTPUT))).containsExactly(TRANSFORMED);
        assertThat(eventIds("MATCH_outputEPCClass=" + encode(INPUT))).isEmpty();
        // MATCH_epcClass is for quantityList and childQuantityList, MATCH_anyEPCClass for all four lists
        assertThat(eventIds("MATCH_epcClass=" + encode(INPUT + "|" + OUTPUT))).isEmpty();
        assertThat(eventIds("MATCH_epcClass=" + encode(OBSERVED))).containsExactly(INSPECTED, DECLARED);
        assertThat(eventIdsOf("/events?MATCH_anyEPCClass=" + encode(OUTPUT))).containsExactly(TRANSFORMED);
    }

    @Test
    void matchesTransformationIds() {
        assertThat(eventIds("EQ_transformationID=" + encode(TRANSFORMATION_ID))).containsExactly(TRANSFORMED);
        assertThat(eventIds("EQ_transformationID=" + encode("urn:example:other|" + TRANSFORMATION_ID)))
                .containsExactly(TRANSFORMED);
        assertThat(eventIds("EQ_transformationID=" + encode(TRANSFORMATION_ID + "X"))).isEmpty();
    }

    @Test
    void findsErrorDeclarationsByExistenceTimeReasonAndCorrectiveEvent() {
        assertThat(eventIds("EXISTS_errorDeclaration=true")).containsExactly(DECLARED);
        assertThat(eventIds("EXISTS_errorDeclaration=false")).containsExactly(TRANSFORMED, INSPECTED, DECLARED);
        assertThat(eventIds("GE_errorDeclarationTime=" + encode("2024-02-01T10:00:00Z"))).containsExactly(DECLARED);
        assertThat(eventIds("GE_errorDeclarationTime=" + encode("2024-02-01T10:00:00.001Z"))).isEmpty();
        assertThat(eventIds("LT_errorDeclarationTime=" + encode("2024-02-01T05:00:01-05:00")))
                .containsExactly(DECLARED);
        assertThat(eventIds("LT_errorDeclarationTime=" + encode("2024-02-01T11:00:00+01:00"))).isEmpty();
        assertThat(eventIds("EQ_errorReason=incorrect_data")).containsExactly(DECLARED);
        assertThat(eventIds("EQ_errorReason=" + encode("urn:epcglobal:cbv:er:incorrect_data")))
                .containsExactly(DECLARED);
        assertThat(eventIds("EQ_errorReason=did_not_occur")).isEmpty();
        assertThat(eventIds("EQ_correctiveEventID=" + encode(CORRECTIVE))).containsExactly(DECLARED);
        assertThat(eventIds("EQ_correctiveEventID=" + encode(INSPECTED))).isEmpty();
    }

    @Test
    void matchesPersistentDispositionsSetAndUnset() {
        assertThat(eventIds("EQ_persistentDisposition_set=completeness_verified")).containsExactly(INSPECTED);
        assertThat(eventIds("EQ_persistentDisposition_set="
                + encode("https://ref.gs1.org/cbv/Disp-completeness_verified"))).containsExactly(INSPECTED);
        assertThat(eventIds("EQ_persistentDisposition_set=completeness_inferred")).isEmpty();
        assertThat(eventIds("EQ_persistentDisposition_unset=" + encode("urn:epcglobal:cbv:disp:completeness_inferred")))
                .containsExactly(INSPECTED);
        assertThat(eventIds("EQ_persistentDisposition_unset=completeness_verified")).isEmpty();
    }

    @Test
    void refusesAResultLargerThanMaxEventCount() {
        assertThat(eventIds("maxEventCount=3")).containsExactly(TRANSFORMED, INSPECTED, DECLARED);
        HttpResponse<String> tooLarge = get("/events?maxEventCount=2" + MINE, complianceKey());
        assertThat(tooLarge.statusCode()).as(tooLarge.body()).isEqualTo(413);
        assertThat(tooLarge.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat((String) json(tooLarge, "$.type")).isEqualTo("epcisException:QueryTooLargeException");
        assertThat((String) json(tooLarge, "$.detail")).contains("maxEventCount=2");

        // the pages of a query small enough are served whole
        HttpResponse<String> first = get("/events?perPage=2&maxEventCount=3" + MINE, complianceKey());
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        String link = first.headers().firstValue("Link").orElseThrow();
        HttpResponse<String> second = get(link.substring(link.indexOf("/events"), link.indexOf('>')),
                complianceKey());
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        assertThat((List<String>) json(second, "$.epcisBody.queryResults.resultsBody.eventList[*].eventID"))
                .containsExactly(DECLARED);
    }

    @Test
    void refusesBadValuesOfTheNewParametersNamingThem() {
        assertRefused("GT_quantity=lots", "GT_quantity", "'lots' is not a number");
        assertRefused("EQ_quantity=1%7C2", "EQ_quantity", "is not a number");
        assertRefused("EXISTS_errorDeclaration=yes", "EXISTS_errorDeclaration", "not true or false");
        assertRefused("GE_errorDeclarationTime=today", "GE_errorDeclarationTime", "today");
        assertRefused("maxEventCount=0", "maxEventCount", "from 1 to");
        assertRefused("maxEventCount=5&eventCountLimit=5&orderBy=eventTime", "maxEventCount", "eventCountLimit");
        assertRefused("MATCH_inputEPC=" + encode("urn:epc:idpat:giai:030001.*"), "MATCH_inputEPC",
                "not an EPC pattern this gateway matches");
        assertRefused("EQ_quantities=1", "EQ_quantities", "is not an EPCIS query parameter");
    }

    private void assertRefused(String parameters, String parameter, String detail) {
        assertQueryParameterRefused(get("/events?" + parameters, complianceKey()), parameters, parameter, detail);
    }
}
