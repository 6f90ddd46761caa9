package io.tracegate.gateway.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Large captures under rollback write their events on a second connection and commit both transactions by
 * two-phase commit ({@link EventTransaction}): all of it or nothing, and nothing left prepared. In a job of one
 * batch, that connection also writes the upper half of the new units.
 */
class TwoConnectionCaptureTest extends CaptureTest {

    /** Above the size from which a capture takes two connections. */
    private static final int UNITS = 24_000;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    CaptureJobs jobs;

    @Autowired
    MeterRegistry meters;

    private double twoPhaseCommits() {
        return meters.get("tracegate.capture.two.phase").counter().count();
    }

    private static List<String> units(String run) {
        List<String> units = new ArrayList<>(UNITS);
        for (int i = 0; i < UNITS; i++) {
            units.add(sgtin(run + i + "x"));
        }
        return units;
    }

    private static List<String> commissioning(List<String> units) {
        List<String> events = new ArrayList<>();
        for (int from = 0; from < units.size(); from += 1000) {
            events.add(commission(units.subList(from, from + 1000).toArray(String[]::new)).json());
        }
        return events;
    }

    private long storedUnits(List<String> units) {
        return jdbc.sql("select count(*) from serial_unit where written = any(?)")
                .param(units.toArray(String[]::new)).query(Long.class).single();
    }

    private long storedEvents(HttpResponse<String> job) {
        return jdbc.sql("select count(*) from epcis_event where capture_job_id = ?")
                .param(Long.parseLong(json(job, "$.captureID"))).query(Long.class).single();
    }

    private long prepared() {
        return jdbc.sql("select count(*) from pg_prepared_xacts").query(Long.class).single();
    }

    @Test
    void aLargeCaptureCommitsUnitsAndEventsTogether() {
        List<String> units = units("big");
        List<String> events = commissioning(units);
        String caseEpc = sscc();
        events.add(pack(caseEpc, units.subList(0, 10).toArray(String[]::new)).json());
        double before = twoPhaseCommits();

        HttpResponse<String> job = capture(document(events), null);

        assertSucceeded(job);
        assertThat(twoPhaseCommits()).as("committed in two phases").isEqualTo(before + 1);
        assertThat(storedUnits(units)).isEqualTo(UNITS);
        assertThat(writers(units)).as("transactions that wrote the units").isEqualTo(2);
        assertThat(storedEvents(job)).isEqualTo(events.size());
        assertThat(trace(units.get(3)).body()).contains(caseEpc, "commissioning", "packing");
        assertThat(prepared()).isZero();
    }

    private long writers(List<String> units) {
        return jdbc.sql("select count(distinct xmin::text) from serial_unit where written = any(?)")
                .param(units.toArray(String[]::new)).query(Long.class).single();
    }

    /**
     * Units are taken to be new and checked by the primary key: a stored one in either half breaks it on its
     * connection, and the batch is worked again on one connection to name it.
     */
    @Test
    void aUnitCommissionedAgainInEitherHalfIsRefusedAndNothingApplied() {
        for (String run : List.of("lowdup", "highdup")) {
            List<String> units = units(run);
            // serials sort as text: ...0x-n first (the first connection's half), ...9x-n last (the second's)
            String stored = run.equals("lowdup") ? units.get(0) : units.get(9);
            assertThat(units.stream().sorted().toList().indexOf(stored)).isEqualTo(
                    run.equals("lowdup") ? 0 : UNITS - 1);
            assertSucceeded(capture(document(List.of(commission(stored).json())), null));

            HttpResponse<String> job = capture(document(commissioning(units)), null);

            assertRefused(job, stored, "lifecycle.duplicate-commission");
            assertThat(storedUnits(units)).as(run).isEqualTo(1);
            assertThat(storedEvents(job)).isZero();
            assertThat(prepared()).isZero();
        }
    }

    @Test
    void aSmallCaptureOrOneThatProceedsUsesOneConnection() {
        double before = twoPhaseCommits();

        assertSucceeded(capture(document(commissioning(units("s").subList(0, 1000))), null));
        assertSucceeded(capture(document(commissioning(units("p"))), "proceed"));

        assertThat(twoPhaseCommits()).isEqualTo(before);
    }

    @Test
    void aRefusedEventRollsBackBothConnections() {
        List<String> units = units("refused");
        List<String> events = commissioning(units);
        String neverCommissioned = sgtin("ghost");
        events.add(ship(neverCommissioned).json());

        HttpResponse<String> job = capture(document(events), null);

        assertRefused(job, neverCommissioned, "lifecycle.unknown-epc");
        assertThat(storedUnits(units)).isZero();
        assertThat(storedEvents(job)).isZero();
        assertThat(prepared()).isZero();
    }

    /** A gateway that stopped between the two commits: the job's row decides, at the next start. */
    @Test
    void transactionsLeftPreparedAreCommittedOrRolledBackAsTheirJobSays() throws Exception {
        long finished = jdbc.sql("insert into capture_job (created_at, finished_at, running, success,"
                + " error_behaviour, submitted_by, document_sha256, document_bytes) values (now(), now(), false,"
                + " true, 'rollback', 'test', 'x', 0) returning id").query(Long.class).single();
        long interrupted = jdbc.sql("insert into capture_job (created_at, running, success, error_behaviour,"
                + " submitted_by, document_sha256, document_bytes) values (now(), true, true, 'rollback', 'test',"
                + " 'x', 0) returning id").query(Long.class).single();
        for (long job : List.of(finished, interrupted)) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                connection.setAutoCommit(false);
                statement.execute("insert into event_attribute (event_ref, kind, name, value) values (" + -job
                        + ", 't', '', 'prepared by job " + job + "')");
                statement.execute("prepare transaction '" + EventTransaction.PREFIX + job + "'");
                connection.setAutoCommit(true);
            }
        }
        assertThat(prepared()).isEqualTo(2);

        assertThat(jobs.resolvePrepared()).isEqualTo(2);

        assertThat(prepared()).isZero();
        assertThat(jdbc.sql("select value from event_attribute where event_ref in (?, ?)")
                .params(-finished, -interrupted).query(String.class).list())
                .containsExactly("prepared by job " + finished);
    }

    /**
     * The events' connection dies after its transaction was prepared and before the worker commits it (a trigger
     * deferred to the job's commit terminates it): the job must not show success until its events are visible, and
     * they are committed from another connection within seconds; the next capture is not held up.
     */
    @Test
    void eventsWhoseConnectionIsLostBeforeTheirCommitAreCommittedFromAnotherAndShownOnlyThen() throws Exception {
        jdbc.sql("create table test_killed_event_connection (pid int)").update();
        jdbc.sql("create function test_kill_event_connection() returns trigger language plpgsql as $$ begin"
                + " insert into test_killed_event_connection select pid from pg_stat_activity"
                + "  where query = 'PREPARE TRANSACTION ''" + EventTransaction.PREFIX + "' || new.id || '''';"
                + " perform pg_terminate_backend(pid, 5000) from test_killed_event_connection;"
                + " return null; end $$").update();
        jdbc.sql("create constraint trigger test_kill_event_connection after update on capture_job"
                + " deferrable initially deferred for each row when (new.events_pending)"
                + " execute function test_kill_event_connection()").update();
        try {
            List<String> events = commissioning(units("lost"));
            HttpResponse<String> accepted = postDocument(document(events), lineKey(), null);
            String location = accepted.headers().firstValue("Location").orElseThrow();
            long deadline = System.nanoTime() + 60_000_000_000L;
            HttpResponse<String> job;
            do {
                assertThat(System.nanoTime()).as("the job ends within a minute").isLessThan(deadline);
                Thread.sleep(10);
                job = get(location, lineKey());
                if ((Boolean) json(job, "$.success") && !(Boolean) json(job, "$.running")) {
                    assertThat(storedEvents(job)).as("events of a job shown successful").isEqualTo(events.size());
                }
            } while ((Boolean) json(job, "$.running"));

            assertSucceeded(job);
            assertThat(jdbc.sql("select count(*) from test_killed_event_connection").query(Long.class).single())
                    .as("event connections terminated").isEqualTo(1);
            assertThat(prepared()).isZero();
        } finally {
            jdbc.sql("drop trigger test_kill_event_connection on capture_job").update();
            jdbc.sql("drop function test_kill_event_connection()").update();
            jdbc.sql("drop table test_killed_event_connection").update();
        }
        assertSucceeded(capture(commission(sgtin("after"))));
    }

    /**
     * A job whose prepared events cannot be committed yet (here its row is held by another transaction, as while
     * its own is still open) shows on health and in the stuck-jobs gauge, does not block another capture, and is
     * committed as soon as it can be.
     */
    @Test
    void aJobStuckBetweenItsCommitsShowsOnHealthAndIsResolvedOnceItCanBe() throws Exception {
        long stuck = jdbc.sql("insert into capture_job (created_at, finished_at, running, success, events_pending,"
                + " error_behaviour, submitted_by, document_sha256, document_bytes) values (now(),"
                + " now() - interval '1 minute', false, true, true, 'rollback', 'test', 'x', 0) returning id")
                .query(Long.class).single();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("insert into event_attribute (event_ref, kind, name, value) values (" + -stuck
                    + ", 't', '', 'stuck job " + stuck + "')");
            statement.execute("prepare transaction '" + EventTransaction.PREFIX + stuck + "'");
            connection.setAutoCommit(true);
        }
        try (Connection holder = dataSource.getConnection(); Statement statement = holder.createStatement()) {
            holder.setAutoCommit(false);
            statement.execute("select 1 from capture_job where id = " + stuck + " for update");

            Thread.sleep(1500); // the resolver runs every second: it must leave the job alone
            assertThat(get("/actuator/health", null).body()).contains("\"status\":\"DOWN\"");
            assertThat(meters.get("tracegate.capture.stuck.jobs").gauge().value()).isEqualTo(1);
            assertThat(get("/capture/" + stuck, ADMIN_KEY).body()).contains("\"running\":true");
            assertSucceeded(capture(commission(sgtin("meanwhile"))));

            holder.rollback();
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (prepared() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(prepared()).isZero();
        assertThat(jdbc.sql("select value from event_attribute where event_ref = ?").param(-stuck)
                .query(String.class).list()).containsExactly("stuck job " + stuck);
        assertThat(get("/capture/" + stuck, ADMIN_KEY).body()).contains("\"running\":false", "\"success\":true");
        assertThat(meters.get("tracegate.capture.stuck.jobs").gauge().value()).isZero();
    }
}
