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
}
