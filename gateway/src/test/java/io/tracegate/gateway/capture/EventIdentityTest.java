package io.tracegate.gateway.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** An eventID names one event: another event under a stored eventID is refused, the same event is a duplicate. */
class EventIdentityTest extends CaptureTest {

    private static String eventId() {
        return "urn:uuid:" + java.util.UUID.randomUUID();
    }

    private HttpResponse<String> postEvent(Event event) {
        return send(request("/events", lineKey()).header("Content-Type", "application/ld+json")
                .POST(BodyPublishers.ofString(document(event))));
    }

    @Test
    void aDifferentEventUnderAStoredEventIdIsA409AndTheStoredOneStays() {
        String id = eventId();
        String first = sgtin("id");
        assertThat(postEvent(commission(first).eventId(id)).statusCode()).isEqualTo(201);
        String second = sgtin("id");

        HttpResponse<String> clash = postEvent(commission(second).eventId(id));

        assertThat(clash.statusCode()).as(clash.body()).isEqualTo(409);
        assertThat((String) json(clash, "$.type")).isEqualTo("epcisException:ResourceAlreadyExistsException");
        assertThat((String) json(clash, "$.detail")).contains(id, "already names another event");
        assertThat(trace(second).statusCode()).isEqualTo(404);
        HttpResponse<String> stored = get("/events/" + URLEncoder.encode(id, StandardCharsets.UTF_8),
                complianceKey());
        assertThat(stored.body()).contains(first.substring(first.lastIndexOf('.') + 1))
                .doesNotContain(second.substring(second.lastIndexOf('.') + 1));
    }

    @Test
    void theSameEventAgainIsADuplicateNotAClash() {
        Event event = commission(sgtin("again")).eventId(eventId());
        assertThat(postEvent(event).statusCode()).isEqualTo(201);

        HttpResponse<String> again = postEvent(event);

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat((String) json(again, "$.detail")).contains("already captured");
    }

    @Test
    void aCaptureJobReportsTheClashAsAFindingOfThatEvent() {
        String id = eventId();
        assertSucceeded(capture(commission(sgtin("job")).eventId(id)));

        HttpResponse<String> job = capture(commission(sgtin("job")), commission(sgtin("job")).eventId(id));

        assertThat((Boolean) json(job, "$.success")).isFalse();
        assertThat((Integer) json(job, "$.errors[0].eventIndex")).isEqualTo(1);
        assertThat((String) json(job, "$.errors[0].findings[0].rule")).isEqualTo("capture.event-id-taken");
        assertThat((Integer) json(job, "$.errors[0].status")).isEqualTo(409);
    }

    @Test
    void twoEventsInOneDocumentCannotShareAnEventId() {
        String id = eventId();

        HttpResponse<String> job = capture(commission(sgtin("twice")).eventId(id),
                commission(sgtin("twice")).eventId(id));

        assertThat((String) json(job, "$.errors[0].findings[0].rule")).isEqualTo("capture.event-id-taken");
    }

    @Test
    void ofDifferentEventsPostedTogetherUnderOneEventIdExactlyOneIsStored() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(6);
        try {
            for (int round = 0; round < 10; round++) {
                String id = eventId();
                CyclicBarrier start = new CyclicBarrier(6);
                List<Future<HttpResponse<String>>> answers = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    Event event = commission(sgtin("same-id")).eventId(id);
                    answers.add(clients.submit(() -> {
                        start.await();
                        return postEvent(event);
                    }));
                }
                List<Integer> statuses = new ArrayList<>();
                for (Future<HttpResponse<String>> answer : answers) {
                    statuses.add(answer.get().statusCode());
                }
                assertThat(statuses).as("round %d", round).containsOnly(201, 409);
                assertThat(statuses.stream().filter(s -> s == 201).count()).as("round %d", round).isEqualTo(1);
            }
        } finally {
            clients.shutdownNow();
        }
    }
}
