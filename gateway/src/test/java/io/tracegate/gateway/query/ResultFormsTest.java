package io.tracegate.gateway.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracegate.epcis.validation.XsdValidator;
import io.tracegate.gateway.capture.CaptureTest;
import io.tracegate.gs1.epc.Epc;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The {@code GS1-EPC-Format} and {@code GS1-CBV-XML-Format} request headers on query answers, over real HTTP on a
 * real PostgreSQL: one event whose identifiers were captured in both forms, returned in each form asked for.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResultFormsTest extends CaptureTest {

    private static final String EVENT_ID = "urn:uuid:" + UUID.randomUUID();
    private static final String AS_URN = sgtin("forms-urn");
    /** Captured as a Digital Link. */
    private static final String AS_LINK = sgtin("forms-link");
    private static final String CLASS = "urn:epc:class:lgtin:030001.0012345.F" + UUID.randomUUID().toString()
            .substring(0, 8);

    @BeforeAll
    void captureOnce() {
        String event = """
                {"type":"ObjectEvent","eventID":"%s","eventTime":"%s","eventTimeZoneOffset":"+00:00","action":"ADD",
                 "epcList":["%s","%s"],"quantityList":[{"epcClass":"%s","quantity":2}],
                 "bizStep":"commissioning","disposition":"active","readPoint":{"id":"%s"},"bizLocation":{"id":"%s"}}"""
                .formatted(EVENT_ID, nextTime(), AS_URN, digitalLink(AS_LINK), CLASS, SITE, digitalLink(SITE));
        assertSucceeded(capture(document(List.of(event)), null));
    }

    private static String digitalLink(String urn) {
        return Epc.parse(urn).toDigitalLink();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> query(String path, String... headers) {
        var request = request(path, complianceKey());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.GET());
    }

    private HttpResponse<String> events(String... headers) {
        HttpResponse<String> response = query("/events?EQ_eventID=" + encode(EVENT_ID), headers);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    private static List<String> identifiers(HttpResponse<String> response) {
        String event = "$.epcisBody.queryResults.resultsBody.eventList[0]";
        return List.of(json(response, event + ".epcList[0]"), json(response, event + ".epcList[1]"),
                json(response, event + ".quantityList[0].epcClass"), json(response, event + ".readPoint.id"),
                json(response, event + ".bizLocation.id"));
    }

    @Test
    void answersGs1DigitalLinksWithoutTheHeaderAsTheRestBindingsDefault() {
        HttpResponse<String> response = events();
        assertThat(response.headers().firstValue("GS1-EPC-Format")).hasValue("Always_GS1_Digital_Link");
        assertThat(identifiers(response)).containsExactly(digitalLink(AS_URN), digitalLink(AS_LINK),
                digitalLink(CLASS), digitalLink(SITE), digitalLink(SITE));
        assertThat(identifiers(events("GS1-EPC-Format", "Always_GS1_Digital_Link")))
                .isEqualTo(identifiers(response));
    }

    @Test
    void answersEpcUrnsWhenAskedAndEchoesTheHeader() {
        HttpResponse<String> response = events("GS1-EPC-Format", "Always_EPC_URN");
        assertThat(response.headers().firstValue("GS1-EPC-Format")).hasValue("Always_EPC_URN");
        assertThat(identifiers(response)).containsExactly(AS_URN, AS_LINK, CLASS, SITE, SITE);
        // the event is otherwise the one captured
        assertThat((String) json(response, "$.epcisBody.queryResults.resultsBody.eventList[0].eventID"))
                .isEqualTo(EVENT_ID);
        assertThat((Integer) json(response, "$.epcisBody.queryResults.resultsBody.eventList[0].quantityList[0]"
                + ".quantity")).isEqualTo(2);
    }

    @Test
    void answersIdentifiersAsCapturedForNoPreferenceAndNeverTranslates() {
        List<String> asCaptured = List.of(AS_URN, digitalLink(AS_LINK), CLASS, SITE, digitalLink(SITE));
        for (String format : List.of("No_Preference", "Never_Translates")) {
            HttpResponse<String> response = events("GS1-EPC-Format", format);
            assertThat(response.headers().firstValue("GS1-EPC-Format")).hasValue(format);
            assertThat(identifiers(response)).as(format).isEqualTo(asCaptured);
        }
    }

    @Test
    void appliesTheFormToEveryQueryResource() {
        HttpResponse<String> byEpc = query("/epcs/" + encode(digitalLink(AS_URN)) + "/events",
                "GS1-EPC-Format", "Always_EPC_URN");
        assertThat(byEpc.statusCode()).as(byEpc.body()).isEqualTo(200);
        assertThat(identifiers(byEpc)).containsExactly(AS_URN, AS_LINK, CLASS, SITE, SITE);

        HttpResponse<String> byId = query("/events/" + encode(EVENT_ID), "GS1-EPC-Format", "Always_EPC_URN");
        assertThat(byId.statusCode()).as(byId.body()).isEqualTo(200);
        assertThat(byId.headers().firstValue("GS1-EPC-Format")).hasValue("Always_EPC_URN");
        assertThat(identifiers(byId)).containsExactly(AS_URN, AS_LINK, CLASS, SITE, SITE);
    }

    @Test
    void writesXmlWithTheIdentifierAndCbvFormsAsked() throws Exception {
        HttpResponse<String> webUris = events("Accept", "application/xml", "GS1-EPC-Format", "Always_EPC_URN",
                "GS1-CBV-XML-Format", "Always_Web_URI");
        assertThat(webUris.headers().firstValue("GS1-CBV-XML-Format")).hasValue("Always_Web_URI");
        assertThat(webUris.headers().firstValue("GS1-EPC-Format")).hasValue("Always_EPC_URN");
        assertThat(webUris.body()).contains("<epc>" + AS_LINK + "</epc>", "<epc>" + AS_URN + "</epc>",
                "<bizStep>https://ref.gs1.org/cbv/BizStep-commissioning</bizStep>",
                "<disposition>https://ref.gs1.org/cbv/Disp-active</disposition>");
        assertThat(new XsdValidator().validate(new ByteArrayInputStream(webUris.body()
                .getBytes(StandardCharsets.UTF_8)))).isEmpty();

        HttpResponse<String> urns = events("Accept", "application/xml", "GS1-CBV-XML-Format", "Always_URN");
        assertThat(urns.body()).contains("<bizStep>urn:epcglobal:cbv:bizstep:commissioning</bizStep>",
                "<epc>" + digitalLink(AS_URN) + "</epc>");
        // stored events no longer know the form their CBV values were written in: the XML default is applied
        HttpResponse<String> never = events("Accept", "application/xml", "GS1-CBV-XML-Format", "Never_Translates");
        assertThat(never.headers().firstValue("GS1-CBV-XML-Format")).hasValue("No_Preference");
        assertThat(never.body()).contains("<bizStep>urn:epcglobal:cbv:bizstep:commissioning</bizStep>");
    }

    @Test
    void refusesAnUnknownHeaderValueNamingTheHeaderAndItsValues() {
        HttpResponse<String> epc = query("/events?EQ_eventID=" + encode(EVENT_ID), "GS1-EPC-Format", "Always_URN");
        assertThat(epc.statusCode()).as(epc.body()).isEqualTo(400);
        assertThat(epc.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat((String) json(epc, "$.type")).isEqualTo("epcisException:ValidationException");
        assertThat((String) json(epc, "$.detail")).contains("GS1-EPC-Format", "'Always_URN'", "No_Preference",
                "Always_GS1_Digital_Link", "Always_EPC_URN", "Never_Translates");

        HttpResponse<String> cbv = query("/events/" + encode(EVENT_ID), "Accept", "application/xml",
                "GS1-CBV-XML-Format", "Always_EPC_URN");
        assertThat(cbv.statusCode()).as(cbv.body()).isEqualTo(400);
        assertThat((String) json(cbv, "$.detail")).contains("GS1-CBV-XML-Format", "'Always_EPC_URN'",
                "Always_Web_URI", "Always_URN");
    }
}
