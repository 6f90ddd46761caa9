package io.tracegate.gateway.serials;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracegate.epcis.model.Action;
import io.tracegate.epcis.model.EventType;
import io.tracegate.gateway.capture.CaptureTest;
import io.tracegate.gateway.capture.Identifiers;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Conflicting transitions of one unit released at the same instant, through {@code POST /events} and through
 * capture jobs (the tests' gateway runs four capture workers): the serial store must give exactly the outcome of
 * some one-after-the-other order of them, every round. Each event's row locks make the second wait for the first
 * and then see its result.
 */
class ConcurrentTransitionsTest extends CaptureTest {

    private static final int N = 6;
    private static final int ROUNDS = 20;
    private static final ExecutorService CLIENTS = Executors.newFixedThreadPool(N);

    @Autowired
    private JdbcClient jdbc;

    @AfterAll
    static void stopClients() {
        CLIENTS.shutdownNow();
    }

    /** Transitions of which only the first of several can happen: after it, the unit no longer allows another. */
    enum Transition {
        DECOMMISSION("decommissioned", LifecycleStep.DECOMMISSION,
                unit -> objectEvent("DELETE").epcs(unit).bizStep("decommissioning").at(SITE)),
        DESTROY("destroyed", LifecycleStep.DESTROY,
                unit -> objectEvent("OBSERVE").epcs(unit).bizStep("destroying").disposition("destroyed").at(SITE)),
        DISPENSE("dispensed", LifecycleStep.DISPENSE,
                unit -> objectEvent("OBSERVE").epcs(unit).bizStep("dispensing").disposition("dispensed").at(SITE)),
        SHIP("in_transit", LifecycleStep.SHIP, CaptureTest::ship),
        STEAL("stolen", LifecycleStep.STEAL,
                unit -> objectEvent("OBSERVE").epcs(unit).bizStep("inspecting").disposition("stolen").at(SITE)),
        DAMAGE("damaged", LifecycleStep.DAMAGE,
                unit -> objectEvent("OBSERVE").epcs(unit).bizStep("inspecting").disposition("damaged").at(SITE));

        final String status;
        final LifecycleStep step;
        final Function<String, Event> event;

        Transition(String status, LifecycleStep step, Function<String, Event> event) {
            this.status = status;
            this.step = step;
            this.event = event;
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"DECOMMISSION", "DESTROY", "DISPENSE", "SHIP", "STEAL"})
    void ofNEqualTransitionsPostedTogetherExactlyOneIsAccepted(Transition transition) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String unit = sgtin("race");
            List<HttpResponse<String>> answers = together(equal(transition, unit), this::postEvent);

            assertThat(answers.stream().filter(a -> a.statusCode() == 201).count())
                    .as("round %d: %s", round, bodies(answers)).isEqualTo(1);
            assertThat(answers).filteredOn(a -> a.statusCode() != 201)
                    .allSatisfy(a -> assertThat(a.statusCode()).as(a.body()).isEqualTo(400));
            assertThat(status(unit)).isEqualTo(transition.status);
            assertThat(appliedSteps(unit)).containsExactly(LifecycleStep.COMMISSION, transition.step);
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"DECOMMISSION", "DESTROY", "DISPENSE", "SHIP", "STEAL"})
    void ofNEqualTransitionsInCaptureJobsRunTogetherExactlyOneSucceeds(Transition transition) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String unit = sgtin("jobrace");
            List<HttpResponse<String>> jobs = together(equal(transition, unit), this::captureJob);

            assertThat(jobs.stream().filter(job -> (Boolean) json(job, "$.success")).count())
                    .as("round %d: %s", round, bodies(jobs)).isEqualTo(1);
            assertThat(status(unit)).isEqualTo(transition.status);
            assertThat(appliedSteps(unit)).containsExactly(LifecycleStep.COMMISSION, transition.step);
        }
    }

    /** Commissions a unit, and returns N events of one transition of it (each at its own time: not duplicates). */
    private List<Event> equal(Transition transition, String unit) {
        assertThat(postEvent(commission(unit)).statusCode()).isEqualTo(201);
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            events.add(transition.event.apply(unit));
        }
        return events;
    }

    @Test
    void sixDifferentTransitionsPostedTogetherTellOneConsistentStory() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String unit = sgtin("mixed");
            assertThat(postEvent(commission(unit)).statusCode()).isEqualTo(201);
            List<Event> events = new ArrayList<>();
            for (Transition t : Transition.values()) {
                events.add(t.event.apply(unit));
            }

            List<HttpResponse<String>> answers = together(events, this::postEvent);

            assertConsistent(unit, answers.stream().filter(a -> a.statusCode() == 201).count(), bodies(answers));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aChildPackedIntoNCasesAtOnceEndsInExactlyOne(boolean asCaptureJobs) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String child = sgtin("child");
            List<String> cases = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                cases.add(caseSgtin("case"));
            }
            List<String> all = new ArrayList<>(cases);
            all.add(child);
            assertThat(postEvent(commission(all.toArray(String[]::new))).statusCode()).isEqualTo(201);
            List<Event> packs = cases.stream().map(box -> pack(box, child)).toList();

            List<HttpResponse<String>> answers = asCaptureJobs ? together(packs, this::captureJob)
                    : together(packs, this::postEvent);

            List<Integer> won = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                HttpResponse<String> answer = answers.get(i);
                if (asCaptureJobs ? (Boolean) json(answer, "$.success") : answer.statusCode() == 201) {
                    won.add(i);
                }
            }
            assertThat(won).as("round %d: %s", round, bodies(answers)).hasSize(1);
            String winner = cases.get(won.get(0));
            assertThat((String) json(trace(child), "$.parent")).isEqualTo(winner);
            for (String box : cases) {
                assertThat((List<String>) json(trace(box), "$.children"))
                        .isEqualTo(box.equals(winner) ? List.of(child) : List.of());
            }
        }
    }

    @Test
    void concurrentCaptureJobsOnOneUnitAreSerialisedToo() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String unit = sgtin("jobs");
            assertThat(postEvent(commission(unit)).statusCode()).isEqualTo(201);
            List<Event> events = new ArrayList<>();
            for (Transition t : Transition.values()) {
                events.add(t.event.apply(unit));
            }

            List<HttpResponse<String>> jobs = together(events, this::captureJob);

            long succeeded = jobs.stream().filter(job -> (Boolean) json(job, "$.success")).count();
            assertConsistent(unit, succeeded, bodies(jobs));
        }
    }

    /**
     * The unit's applied events, in the order the store applied them, are a legal walk through the state machine
     * from its commissioning that ends in the status it shows; as many as were accepted; and once a final status
     * is reached nothing follows it (so when the first transition makes the unit final, exactly one was accepted).
     */
    private void assertConsistent(String unit, long accepted, String answers) {
        List<LifecycleStep> steps = appliedSteps(unit);
        assertThat(steps).as(answers).hasSize((int) accepted + 1).startsWith(LifecycleStep.COMMISSION);
        UnitStatus status = UnitStatus.ACTIVE;
        for (LifecycleStep step : steps.subList(1, steps.size())) {
            UnitStatus next = Transitions.next(status, step);
            assertThat(next).as("%s after %s in %s; %s", step, status, steps, answers).isNotNull();
            status = next;
        }
        assertThat(status(unit)).as(answers).isEqualTo(status.word());
        assertThat(accepted).as(answers).isGreaterThanOrEqualTo(1);
    }

    /** The lifecycle steps of the events on the unit's row, in the order they were applied. */
    private List<LifecycleStep> appliedSteps(String unit) {
        return jdbc.sql("select e.event_type, e.action, e.biz_step, e.disposition from serial_unit u,"
                        + " unnest(u.event_refs) with ordinality as r(ref, n) join epcis_event e on e.id = r.ref"
                        + " where u.epc = ? order by r.n")
                .param(Identifiers.key(unit))
                .query((rs, n) -> LifecycleStep.of(EventType.fromElementName(rs.getString(1)),
                        Action.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4)))
                .list();
    }

    /** Captures the event as a document of its own, and waits for its job. */
    private HttpResponse<String> captureJob(Event event) {
        HttpResponse<String> accepted = postDocument(document(event), lineKey(), null);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return awaitJob(accepted.headers().firstValue("Location").orElseThrow());
    }

    private HttpResponse<String> postEvent(Event event) {
        return send(request("/events", lineKey()).header("Content-Type", "application/ld+json")
                .POST(BodyPublishers.ofString(document(event))));
    }

    /** Sends each request from its own thread, all released at once; the answers in the order of the requests. */
    private static <T> List<HttpResponse<String>> together(List<T> requests,
            Function<T, HttpResponse<String>> send) throws Exception {
        CyclicBarrier start = new CyclicBarrier(requests.size());
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (T request : requests) {
            Callable<HttpResponse<String>> call = () -> {
                start.await();
                return send.apply(request);
            };
            answers.add(CLIENTS.submit(call));
        }
        List<HttpResponse<String>> done = new ArrayList<>();
        for (Future<HttpResponse<String>> answer : answers) {
            done.add(answer.get());
        }
        return done;
    }

    private static String bodies(List<HttpResponse<String>> answers) {
        Map<Integer, List<String>> byStatus = new HashMap<>();
        answers.forEach(a -> byStatus.computeIfAbsent(a.statusCode(), k -> new ArrayList<>()).add(a.body()));
        return byStatus.toString();
    }
}
