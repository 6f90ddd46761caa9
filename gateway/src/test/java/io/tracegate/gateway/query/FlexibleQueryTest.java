package io.tracegate.gateway.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracegate.gateway.capture.CaptureTest;
import io.tracegate.gateway.security.Role;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The flexible-name query parameters over one captured document of four events, each tagged by its
 * {@code ex:tag}: extension fields top-level and nested, ILMD, error declaration, read point and sensor fields,
 * quantities by unit, EPC patterns, and the location master data behind {@code WD_}, {@code EQ_ATTR_} and
 * {@code HASATTR_} (a hierarchy learned from the document and one set through the API).
 */
class FlexibleQueryTest extends CaptureTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String STEP = "urn:example:flex:" + RUN;
    private static final int BASE = ThreadLocalRandom.current().nextInt(10_000, 89_000);
    /** A site (learned from the document) with a dock in it; a warehouse set through the API above the site. */
    private static final String WAREHOUSE = sgln(0);
    private static final String SITE = sgln(1);
    private static final String DOCK = sgln(2);
    private static final String ELSEWHERE = sgln(3);
    private static final String SSCC = "urn:epc:id:sscc:0614141." + (1_000_000_000L + BASE * 1000L);
    private static String compliance;

    private static String sgln(int n) {
        return "urn:epc:id:sgln:0614141." + (BASE + n) + ".0";
    }

    @BeforeEach
    void captureOnce() throws InterruptedException {
        if (compliance != null) {
            return;
        }
        String document = """
                {"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
                  {"ex":"https://example.com/flex/","cbvmda":"urn:epcglobal:cbv:mda#"}],
                 "type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2023-06-10T00:00:00Z",
                 "epcisHeader":{"epcisMasterData":{"vocabularyList":[{"type":"urn:epcglobal:epcis:vtype:Location",
                   "vocabularyElementList":[
                    {"id":"%1$s","attributes":[{"id":"urn:epcglobal:cbv:mda#city","attribute":"Springfield"}],
                     "children":["%2$s"]},
                    {"id":"%2$s","attributes":[{"id":"urn:epcglobal:cbv:mda#name","attribute":"Dock 7"}]}]}]}},
                 "epcisBody":{"eventList":[
                  {"type":"ObjectEvent","eventTime":"2023-06-01T10:00:00Z","eventTimeZoneOffset":"+00:00",
                   "action":"ADD","epcList":["urn:epc:id:sgtin:0614141.107346.F%3$s1"],"bizStep":"%4$s",
                   "readPoint":{"id":"%2$s","ex:door":"7"},"bizLocation":{"id":"%1$s"},
                   "ilmd":{"ex:bestBefore":"2024-01-31T00:00:00+01:00","ex:batch":{"ex:line":"L4"}},
                   "ex:tag":"commissioned","ex:temperature":"4.5","ex:outer":{"ex:inner":"deep"}},
                  {"type":"AggregationEvent","eventTime":"2023-06-01T11:00:00Z","eventTimeZoneOffset":"+00:00",
                   "action":"ADD","parentID":"%5$s","childEPCs":["urn:epc:id:sgtin:0614141.107346.F%3$s1"],
                   "bizStep":"%4$s","bizLocation":{"id":"%6$s"},"ex:tag":"packed","ex:temperature":"12"},
                  {"type":"ObjectEvent","eventTime":"2023-06-01T12:00:00Z","eventTimeZoneOffset":"+00:00",
                   "action":"OBSERVE","quantityList":[{"epcClass":"urn:epc:class:lgtin:0614141.107346.B%3$s",
                   "quantity":2.5,"uom":"KGM"}],"bizStep":"%4$s","ex:tag":"weighed",
                   "sensorElementList":[{"sensorMetadata":{"time":"2023-06-01T12:00:00Z",
                     "startTime":"2023-06-01T08:00:00Z","deviceID":"urn:epc:id:giai:4000001.%3$s"},
                    "sensorReport":[{"type":"Temperature","value":6.5,"uom":"CEL"}]}]},
                  {"type":"ObjectEvent","eventTime":"2023-06-01T13:00:00Z","eventTimeZoneOffset":"+00:00",
                   "action":"OBSERVE","quantityList":[{"epcClass":"urn:epc:class:lgtin:0614141.107346.B%3$s",
                   "quantity":7}],"bizStep":"%4$s","ex:tag":"corrected",
                   "errorDeclaration":{"declarationTime":"2023-06-02T00:00:00Z","reason":"incorrect_data",
                     "ex:ticket":"T-%3$s"}}
                 ]}}""".formatted(SITE, DOCK, RUN, STEP, SSCC, ELSEWHERE);
        String line = createKey(unique("flex-line"), Role.LINE, Role.ADMIN);
        HttpResponse<String> accepted = send(request("/capture", line).header("Content-Type", "application/ld+json")
                .POST(BodyPublishers.ofString(document)));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(awaitJob(accepted.headers().firstValue("Location").orElseThrow(), line).body())
                .contains("\"success\":true");
        // the warehouse above the site, set through the API
        HttpResponse<String> put = send(request("/masterdata/locations/" + encode(SITE), line)
                .header("Content-Type", "application/json")
                .PUT(BodyPublishers.ofString("{\"name\":\"Site\",\"city\":\"Springfield\",\"parent\":\"" + WAREHOUSE
                        + "\"}")));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat((String) json(put, "$.parent")).isEqualTo(WAREHOUSE);
        assertThat((List<String>) json(put, "$.children")).containsExactly(DOCK);
        compliance = createKey(unique("flex-compliance"), Role.COMPLIANCE);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The ex:tag of the events a query (with this run's bizStep) returns, in order. */
    private List<String> tags(String parameters) {
        HttpResponse<String> response = get("/events?EQ_bizStep=" + encode(STEP) + "&" + parameters, compliance);
        assertThat(response.statusCode()).as(parameters + ": " + response.body()).isEqualTo(200);
        return json(response, "$.epcisBody.queryResults.resultsBody.eventList[*]['ex:tag']");
    }

    @Test
    void extensionFieldsTopLevelAndNested() {
        assertThat(tags("EQ_ex:tag=packed%7Cweighed")).containsExactly("packed", "weighed");
        assertThat(tags("EQ_" + encode("{https://example.com/flex/}tag") + "=packed")).containsExactly("packed");
        assertThat(tags("EXISTS_ex:outer=true")).containsExactly("commissioned");
        assertThat(tags("EQ_INNER_ex:inner=deep")).containsExactly("commissioned");
        assertThat(tags("EQ_ex:inner=deep")).as("a nested field is not a top-level one").isEmpty();
        assertThat(tags("GT_ex:temperature=5")).containsExactly("packed");
        assertThat(tags("LE_ex:temperature=4.5")).containsExactly("commissioned");
    }

    @Test
    void ilmdErrorDeclarationAndReadPointFields() {
        assertThat(tags("LT_ILMD_ex:bestBefore=" + encode("2024-01-30T23:30:00Z"))).containsExactly("commissioned");
        assertThat(tags("GE_ILMD_ex:bestBefore=" + encode("2024-01-31T00:00:00Z"))).isEmpty();
        assertThat(tags("EQ_ILMD_ex:bestBefore=" + encode("2024-01-30T23:00:00Z"))).containsExactly("commissioned");
        assertThat(tags("EQ_INNER_ILMD_ex:line=L4")).containsExactly("commissioned");
        assertThat(tags("EXISTS_ILMD_ex:batch=true")).containsExactly("commissioned");
        assertThat(tags("EQ_ERROR_DECLARATION_ex:ticket=T-" + RUN)).containsExactly("corrected");
        assertThat(tags("EQ_readPoint_ex:door=7")).containsExactly("commissioned");
    }

    @Test
    void sensorAndQuantityParameters() {
        assertThat(tags("EQ_type=Temperature")).containsExactly("weighed");
        assertThat(tags("EQ_type=" + encode("https://gs1.org/voc/Temperature"))).containsExactly("weighed");
        assertThat(tags("GE_value_CEL=6&LT_value_CEL=7")).containsExactly("weighed");
        assertThat(tags("GT_value_CEL=7")).isEmpty();
        assertThat(tags("EQ_deviceID=" + encode("urn:epc:id:giai:4000001." + RUN))).containsExactly("weighed");
        assertThat(tags("GE_startTime=" + encode("2023-06-01T07:00:00Z") + "&LT_startTime="
                + encode("2023-06-01T09:00:00+01:00"))).isEmpty();
        assertThat(tags("GE_startTime=" + encode("2023-06-01T07:00:00Z"))).containsExactly("weighed");
        assertThat(tags("EXISTS_sensorElementList=true")).containsExactly("weighed");
        assertThat(tags("EQ_quantity_KGM=2.5")).containsExactly("weighed");
        assertThat(tags("GT_quantity_KGM=2")).containsExactly("weighed");
        assertThat(tags("GT_quantity=2")).containsExactly("weighed", "corrected");
    }

    @Test
    void epcPatterns() {
        assertThat(tags("MATCH_epc=" + encode("urn:epc:idpat:sgtin:0614141.107346.*"))).containsExactly("commissioned",
                "packed");
        assertThat(tags("MATCH_anyEPC=" + encode("urn:epc:idpat:sgtin:0614141.*.*"))).containsExactly("commissioned",
                "packed");
        assertThat(tags("MATCH_parentID=" + encode("urn:epc:idpat:sscc:0614141.*"))).containsExactly("packed");
        assertThat(tags("MATCH_epc=" + encode("urn:epc:idpat:sgtin:0614141.107347.*"))).isEmpty();
        assertThat(tags("MATCH_epcClass=" + encode("urn:epc:idpat:sgtin:0614141.107346.*")))
                .containsExactly("weighed", "corrected");
        assertQueryParameterRefused(get("/events?MATCH_epc=" + encode("urn:epc:idpat:grai:0614141.*.*"), compliance),
                "a GRAI pattern", "MATCH_epc", "not an EPC pattern this gateway matches");
    }

    @Test
    void locationMasterDataAnswersWdAndAttributeParameters() {
        assertThat(tags("WD_readPoint=" + encode(DOCK))).containsExactly("commissioned");
        assertThat(tags("WD_readPoint=" + encode(SITE))).as("the dock is a child of the site (document)")
                .containsExactly("commissioned");
        assertThat(tags("WD_bizLocation=" + encode(WAREHOUSE))).as("the site is a child of the warehouse (API)")
                .containsExactly("commissioned");
        assertThat(tags("EQ_bizLocation=" + encode(WAREHOUSE))).isEmpty();
        assertThat(tags("WD_bizLocation=" + encode(ELSEWHERE))).containsExactly("packed");
        assertThat(tags("EQ_ATTR_bizLocation_city=Springfield")).containsExactly("commissioned");
        assertThat(tags("EQ_ATTR_readPoint_name=" + encode("Dock 7"))).containsExactly("commissioned");
        assertThat(tags("HASATTR_readPoint=city")).isEmpty();
        assertThat(tags("HASATTR_readPoint=cbvmda:name")).containsExactly("commissioned");
        assertQueryParameterRefused(get("/events?EQ_ATTR_bizLocation_colour=red", compliance), "an unknown attribute",
                "EQ_ATTR_bizLocation_colour", "not a location master data attribute");
    }

    @Test
    void badValuesAreRefusedNamingTheParameter() {
        assertQueryParameterRefused(get("/events?GT_ex:temperature=warm", compliance), "a word", "GT_ex:temperature",
                "neither a number nor a date-time");
        assertQueryParameterRefused(get("/events?EQ_booleanValue=maybe", compliance), "a boolean", "EQ_booleanValue",
                "not true or false");
        assertQueryParameterRefused(get("/events?EQ_value_CEL=hot", compliance), "a measure", "EQ_value_CEL",
                "not a number");
        assertQueryParameterRefused(get("/events?EQ_tag=x", compliance), "an unqualified field", "EQ_tag",
                "not an EPCIS query parameter");
    }
}
