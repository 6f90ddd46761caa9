package io.tracegate.gateway.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** POST /events: one event, captured synchronously. */
class SingleEventTest extends CaptureTest {

    private HttpResponse<String> postEvent(String json) {
        return send(request("/events", lineKey()).header("Content-Type", "application/ld+json")
                .POST(BodyPublishers.ofString(json)));
    }

    @Test
    void anEventIsCreatedOnceThenConflicts() {
        String unit = sgtin("ev");
        String event = commission(unit).standalone();

        HttpResponse<String> created = postEvent(event);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l)
                .startsWith("/events/ni%3A%2F%2F%2Fsha-256%3B"));
        assertThat(status(unit)).isEqualTo("active");

        HttpResponse<String> again = postEvent(event);

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat((String) json(again, "$.type")).isEqualTo("epcisException:ResourceAlreadyExistsException");
    }

    @Test
    void theSameEventInXmlIsTheSameEvent() {
        String unit = sgtin("ev");
        String time = nextTime();
        String json = "{\"@context\":\"" + EPCIS_CONTEXT + "\",\"type\":\"ObjectEvent\",\"eventTime\":\"" + time
                + "\",\"eventTimeZoneOffset\":\"-05:00\","
                + "\"epcList\":[\"" + unit + "\"],\"action\":\"ADD\",\"bizStep\":\"commissioning\"}";
        assertThat(postEvent(json).statusCode()).isEqualTo(201);
        String xml = "<epcis:EPCISDocument xmlns:epcis=\"urn:epcglobal:epcis:xsd:1\" schemaVersion=\"1.2\""
                + " creationDate=\"" + time + "\"><EPCISBody><EventList><ObjectEvent><eventTime>" + time
                + "</eventTime><eventTimeZoneOffset>-05:00</eventTimeZoneOffset><epcList><epc>" + unit
                + "</epc></epcList><action>ADD</action><bizStep>urn:epcglobal:cbv:bizstep:commissioning</bizStep>"
                + "</ObjectEvent></EventList></EPCISBody></epcis:EPCISDocument>";

        HttpResponse<String> again = send(request("/events", lineKey()).header("Content-Type", "application/xml")
                .POST(BodyPublishers.ofString(xml)));

        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
    }

    @Test
    void aRefusedEventSaysWhy() {
        String ghost = sgtin("ghost");

        HttpResponse<String> refused = postEvent(ship(ghost).standalone());

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat((String) json(refused, "$.detail")).contains(ghost).contains("lifecycle.unknown-epc");
    }

    @Test
    void aDocumentOfTwoEventsIsRefusedWhole() {
        String first = sgtin("ev");
        String second = sgtin("ev");

        HttpResponse<String> refused = postEvent(document(commission(first), commission(second)));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat((String) json(refused, "$.detail")).contains("exactly one event");
        assertThat(trace(first).statusCode()).isEqualTo(404);
    }

    @Test
    void aBodyThatIsNoEpcisTypeIsUnsupported() {
        HttpResponse<String> response = send(request("/events", lineKey()).header("Content-Type", "text/plain")
                .POST(BodyPublishers.ofString("hello")));

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat((String) json(response, "$.type")).isEqualTo("epcisException:UnsupportedMediaTypeException");
    }
}
