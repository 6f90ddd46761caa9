package io.tracegate.gateway.capture;

import io.tracegate.gateway.security.ApiPrincipal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import io.tracegate.gateway.serials.LifecycleMode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code capture_job} table. */
@Repository
class CaptureJobs {

    private static final TypeReference<List<CaptureError>> ERRORS = new TypeReference<>() {
    };

    private static final String UNDEFINED_OBJECT = "42704";
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    CaptureJobs(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** A new job, running, for a stored document; it belongs to the submitter's key. */
    long create(ApiPrincipal submitter, String behaviour, LifecycleMode mode, String mediaType,
            DocumentStore.StoredDocument document) {
        return jdbc.sql("insert into capture_job (created_at, running, success, error_behaviour, lifecycle,"
                        + " submitted_by, api_key_id, media_type, document_sha256, document_bytes)"
                        + " values (?, true, true, ?, ?, ?, ?, ?, ?, ?) returning id")
                .params(OffsetDateTime.now(clock), behaviour, mode.name().toLowerCase(Locale.ROOT),
                        submitter.name(), submitter.keyId(), mediaType, document.sha256(), document.bytes())
                .query(Long.class).single();
    }

    Optional<CaptureJob> find(long id) {
        return jdbc.sql("select * from capture_job where id = ?").param(id).query((rs, n) -> job(rs)).optional();
    }

    /**
     * Jobs newest first, older than job {@code before} (all when null); only those of one key (its id) unless
     * {@code keyId} is null.
     */
    List<CaptureJob> latest(Long keyId, Long before, int limit) {
        return jdbc.sql("select * from capture_job where (cast(? as bigint) is null or api_key_id = ?)"
                        + " and id < ? order by id desc limit ?")
                .params(keyId, keyId, before == null ? Long.MAX_VALUE : before, limit)
                .query((rs, n) -> job(rs)).list();
    }

    /**
     * Ends a job. Called on the connection of the capture transaction when that transaction commits the events, so
     * that a job is reported finished exactly when its events are in.
     */
    void finish(Connection connection, long id, boolean success, List<CaptureError> errors, int events, int applied,
            int duplicates) throws SQLException {
        finish(connection, id, success, errors, events, applied, duplicates, false);
    }

    /**
     * Ends a job whose events are committed by a second, prepared transaction after this one ({@code eventsPending}):
     * the row then records the decision to commit them, and the job shows as running until
     * {@link #eventsVisible} (or {@link #resolvePrepared}) says they are.
     */
    void finish(Connection connection, long id, boolean success, List<CaptureError> errors, int events, int applied,
            int duplicates, boolean eventsPending) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("update capture_job set running = false,"
                + " success = ?, finished_at = ?, errors = ?::jsonb, event_count = ?, applied_count = ?,"
                + " duplicate_count = ?, events_pending = ? where id = ?")) {
            statement.setBoolean(1, success);
            statement.setObject(2, OffsetDateTime.now(clock));
            statement.setString(3, json.writeValueAsString(errors));
            statement.setInt(4, events);
            statement.setInt(5, applied);
            statement.setInt(6, duplicates);
            statement.setBoolean(7, eventsPending);
            statement.setLong(8, id);
            statement.executeUpdate();
        }
    }

    /** How many transactions the server may hold prepared at once ({@code max_prepared_transactions}). */
    int preparedTransactionsAllowed() {
        return jdbc.sql("select current_setting('max_prepared_transactions')::int").query(Integer.class).single();
    }

    /** The job's events, committed by their own transaction, are visible. */
    void eventsVisible(long id) {
        jdbc.sql("update capture_job set events_pending = false where id = ? and events_pending").param(id).update();
    }

    /**
     * Ends the event transactions ({@link EventTransaction}) left prepared by a commit that failed or a gateway that
     * stopped between the two commits, and clears {@code events_pending} of the jobs whose events are then visible.
     * A prepared transaction is committed when its job's row was committed as finished and successful, and rolled
     * back when the job's transaction ended otherwise; while that transaction is still open (its row is locked: it
     * finishes the row before the events are prepared) it is left alone, so this is safe to run at any time, from
     * any gateway sharing the database.
     *
     * @return how many prepared transactions were ended
     */
    int resolvePrepared() {
        List<String> names = jdbc.sql("select gid from pg_prepared_xacts where database = current_database()"
                + " and gid like ?").param(EventTransaction.PREFIX + "%").query(String.class).list();
        int ended = 0;
        for (String name : names) {
            long job = Long.parseLong(name.substring(EventTransaction.PREFIX.length()));
            if (jobTransactionOpen(job)) {
                continue;
            }
            try {
                jdbc.sql((committedAsFinished(job) ? "commit prepared '" : "rollback prepared '") + name + "'")
                        .update();
                ended++;
            } catch (DataAccessException e) {
                if (!UNDEFINED_OBJECT.equals(sqlState(e))) {
                    throw e;
                }
                // ended meanwhile by the job's own thread or another gateway
            }
        }
        // a job whose prepared transaction is gone has its events committed: the row said to
        jdbc.sql("update capture_job j set events_pending = false where events_pending and not exists"
                + " (select 1 from pg_prepared_xacts x where x.gid = ? || j.id)")
                .param(EventTransaction.PREFIX).update();
        return ended;
    }

    /** Whether any job's events are waiting for their commit (a cheap check before {@link #resolvePrepared}). */
    boolean anyEventsPending() {
        return jdbc.sql("select exists (select 1 from capture_job where events_pending)").query(Boolean.class)
                .single();
    }

    /** Jobs whose events have been waiting for their commit since before {@code since}, oldest first. */
    List<Long> eventsPendingSince(OffsetDateTime since) {
        return jdbc.sql("select id from capture_job where events_pending and finished_at < ? order by id")
                .param(since).query(Long.class).list();
    }

    /**
     * Whether the job's own transaction still holds its row (between finishing it and committing). Its event
     * transaction holds a key-share lock on the row too (its events reference the job), which this must not mistake
     * for the job's own: hence a no-key-update lock, which conflicts with the job's update and not with that.
     */
    private boolean jobTransactionOpen(long id) {
        try {
            jdbc.sql("select 1 from capture_job where id = ? for no key update nowait").param(id).query(Integer.class)
                    .optional();
            return false;
        } catch (DataAccessException e) {
            if (LOCK_NOT_AVAILABLE.equals(sqlState(e))) {
                return true;
            }
            throw e;
        }
    }

    private static String sqlState(DataAccessException e) {
        return e.getMostSpecificCause() instanceof SQLException sql ? sql.getSQLState() : null;
    }

    /** Whether the job's transaction committed it as finished and successful. */
    boolean committedAsFinished(long id) {
        return jdbc.sql("select not running and success from capture_job where id = ?").param(id)
                .query(Boolean.class).optional().orElse(false);
    }

    /** Marks jobs left running by a gateway that stopped: PostgreSQL rolled their transactions back. */
    int failInterrupted(CaptureError why) {
        return jdbc.sql("update capture_job set running = false, success = false, finished_at = ?,"
                        + " errors = ?::jsonb where running")
                .params(OffsetDateTime.now(clock), json.writeValueAsString(List.of(why))).update();
    }

    /** Ends a job that never ran. */
    void fail(long id, CaptureError why) {
        jdbc.sql("update capture_job set running = false, success = false, finished_at = ?, errors = ?::jsonb"
                        + " where id = ?")
                .params(OffsetDateTime.now(clock), json.writeValueAsString(List.of(why)), id).update();
    }

    private CaptureJob job(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        // a job whose events are not yet visible is still running as far as anyone can see
        boolean running = rs.getBoolean("running") || rs.getBoolean("events_pending");
        return new CaptureJob(id, String.valueOf(id), rs.getObject("created_at", OffsetDateTime.class),
                running ? null : rs.getObject("finished_at", OffsetDateTime.class), running,
                rs.getBoolean("success"), rs.getString("error_behaviour"), rs.getString("lifecycle"),
                json.readValue(rs.getString("errors"), ERRORS), rs.getInt("event_count"),
                rs.getInt("applied_count"), rs.getInt("duplicate_count"), rs.getString("document_sha256"),
                rs.getLong("document_bytes"), rs.getLong("api_key_id"));
    }
}
