package io.tracegate.gateway.capture;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code capture_job} table. */
@Repository
class CaptureJobs {

    private static final TypeReference<List<CaptureError>> ERRORS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    CaptureJobs(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** A new job, running, for a stored document. */
    long create(String submittedBy, String behaviour, String mediaType, DocumentStore.StoredDocument document) {
        return jdbc.sql("insert into capture_job (created_at, running, success, error_behaviour, submitted_by,"
                        + " media_type, document_sha256, document_bytes) values (?, true, true, ?, ?, ?, ?, ?)"
                        + " returning id")
                .params(OffsetDateTime.now(clock), behaviour, submittedBy, mediaType, document.sha256(),
                        document.bytes())
                .query(Long.class).single();
    }

    Optional<CaptureJob> find(long id) {
        return jdbc.sql("select * from capture_job where id = ?").param(id).query((rs, n) -> job(rs)).optional();
    }

    /**
     * Jobs newest first, older than job {@code before} (all when null); only those of one key unless
     * {@code submittedBy} is null.
     */
    List<CaptureJob> latest(String submittedBy, Long before, int limit) {
        return jdbc.sql("select * from capture_job where (cast(? as text) is null or submitted_by = ?)"
                        + " and id < ? order by id desc limit ?")
                .params(submittedBy, submittedBy, before == null ? Long.MAX_VALUE : before, limit)
                .query((rs, n) -> job(rs)).list();
    }

    /**
     * Ends a job. Called on the connection of the capture transaction when that transaction commits the events, so
     * that a job is reported finished exactly when its events are in.
     */
    void finish(Connection connection, long id, boolean success, List<CaptureError> errors, int events, int applied,
            int duplicates) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("update capture_job set running = false,"
                + " success = ?, finished_at = ?, errors = ?::jsonb, event_count = ?, applied_count = ?,"
                + " duplicate_count = ? where id = ?")) {
            statement.setBoolean(1, success);
            statement.setObject(2, OffsetDateTime.now(clock));
            statement.setString(3, json.writeValueAsString(errors));
            statement.setInt(4, events);
            statement.setInt(5, applied);
            statement.setInt(6, duplicates);
            statement.setLong(7, id);
            statement.executeUpdate();
        }
    }

    /** How many transactions the server may hold prepared at once ({@code max_prepared_transactions}). */
    int preparedTransactionsAllowed() {
        return jdbc.sql("select current_setting('max_prepared_transactions')::int").query(Integer.class).single();
    }

    /**
     * Ends the event transactions ({@link EventTransaction}) a stopped gateway left prepared: each is committed when
     * its job's transaction committed (the job's row says finished and successful), rolled back otherwise. Runs
     * before {@link #failInterrupted}, which would make an uncommitted job look finished.
     *
     * @return how many were ended
     */
    int resolvePrepared() {
        List<String> names = jdbc.sql("select gid from pg_prepared_xacts where database = current_database()"
                + " and gid like ?").param(EventTransaction.PREFIX + "%").query(String.class).list();
        for (String name : names) {
            long job = Long.parseLong(name.substring(EventTransaction.PREFIX.length()));
            jdbc.sql((committedAsFinished(job) ? "commit prepared '" : "rollback prepared '") + name + "'").update();
        }
        return names.size();
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
        return new CaptureJob(id, String.valueOf(id), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("finished_at", OffsetDateTime.class), rs.getBoolean("running"),
                rs.getBoolean("success"), rs.getString("error_behaviour"),
                json.readValue(rs.getString("errors"), ERRORS), rs.getInt("event_count"),
                rs.getInt("applied_count"), rs.getInt("duplicate_count"), rs.getString("document_sha256"),
                rs.getLong("document_bytes"), rs.getString("submitted_by"));
    }
}
