package io.tracegate.gateway.verify;

import io.tracegate.gateway.compliance.AuditTrail;
import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gateway.problem.EpcisProblemType;
import io.tracegate.gateway.serials.PgCopy;
import io.tracegate.gs1.dl.DigitalLink;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The durable log of every verification answered or forwarded, kept for the DSCSA's six years.
 *
 * <p>Durable means committed before the answer: {@link #write} returns once the row's transaction has committed
 * (with {@code synchronous_commit} on, flushed to disk). One writer thread takes every row waiting in the queue and
 * writes them with one COPY and one commit (a group commit), so the database does one transaction, and one WAL
 * flush, for all the requests that arrived while the previous group was being committed: under load the groups
 * grow, and each request waits about one to two commits. A request whose row cannot be queued or committed within
 * {@code tracegate.verify.log.commit-wait} is answered 503, never without its row.
 *
 * <p>Each group also appends, in its transaction, one audit record per requestor in it
 * ({@code verification.answered}, naming every unit asked about and holding the SHA-256 of the requestor's rows):
 * an audit record per answer would take the audit trail's lock thousands of times a second.
 */
@Component
public class RequestLog implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RequestLog.class);
    private static final String COLUMNS = "at, requestor, req_gln, channel, gtin, serial, lot, expiry, context,"
            + " outcome, reason, additional_info, corr_uuid, latency_micros, responder";
    private static final Duration PURGE_EVERY = Duration.ofDays(1);

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;
    private final BlockingQueue<Pending> queue;
    private final int maxBatch;
    private final Duration wait;
    private final Period retention;
    private volatile Thread writer;
    private volatile boolean running;

    RequestLog(DataSource dataSource, JdbcClient jdbc, AuditTrail audit, Clock clock, VerifyProperties properties) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(properties.log().queue());
        this.maxBatch = properties.log().maxBatch();
        this.wait = properties.log().commitWait();
        this.retention = properties.log().retention();
    }

    /**
     * One logged verification.
     *
     * @param channel   {@code lms}, {@code scan}, {@code scan-alternative} (a reading of a scan that was not
     *                  chosen) or {@code image}
     * @param outcome   {@code verified}, {@code not_verified}, or the HTTP status of an answer without a verdict
     * @param responder {@code local} or the base URL the request went to
     */
    public record Entry(Instant at, String requestor, String reqGln, String channel, String gtin, String serial,
                        String lot, String expiry, String context, String outcome, String reason,
                        String additionalInfo, String corrUuid, long latencyMicros, String responder) {
    }

    private record Pending(Entry entry, CompletableFuture<Void> committed) {
    }

    /** Writes the entry and returns once it is committed; 503 when that takes longer than the configured wait. */
    public void write(Entry entry) {
        Pending pending = new Pending(entry, new CompletableFuture<>());
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            if (!running || !queue.offer(pending, wait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw unavailable("the request log is not accepting rows (the gateway is stopping or the log is"
                        + " " + queue.size() + " rows behind)");
            }
            pending.committed().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while the request log was written");
        } catch (TimeoutException e) {
            throw unavailable("the request log did not commit this request's row within " + wait.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw unavailable("the request log could not be written: " + e.getCause().getMessage());
        }
    }

    private static ApiProblem unavailable(String detail) {
        return new ApiProblem(EpcisProblemType.IMPLEMENTATION, HttpStatus.SERVICE_UNAVAILABLE,
                detail + "; the verification was not answered, ask again");
    }

    /**
     * Rows matching every given filter (null: any), oldest first, after row {@code afterId}; at most {@code limit}.
     * Only the given filters are in the SQL, so that the planner uses their indexes.
     */
    public List<LoggedRequest> find(String gtin, String requestor, Instant from, Instant to, long afterId, int limit) {
        StringBuilder sql = new StringBuilder("select id, " + COLUMNS + " from vrs_request_log where id > :after");
        Map<String, Object> params = new HashMap<>();
        params.put("after", afterId);
        params.put("limit", limit);
        if (gtin != null) {
            sql.append(" and gtin = :gtin");
            params.put("gtin", gtin);
        }
        if (requestor != null) {
            sql.append(" and requestor = :requestor");
            params.put("requestor", requestor);
        }
        if (from != null) {
            sql.append(" and at >= :from");
            params.put("from", Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" and at < :to");
            params.put("to", Timestamp.from(to));
        }
        return jdbc.sql(sql.append(" order by id limit :limit").toString()).params(params)
                .query(RequestLog::logged).list();
    }

    /** This requestor's latest rows of these channels, newest first. */
    public List<LoggedRequest> latest(String requestor, List<String> channels, int limit) {
        return jdbc.sql("select id, " + COLUMNS + " from vrs_request_log where requestor = ? and channel = any(?)"
                        + " order by at desc, id desc limit ?")
                .params(requestor, channels.toArray(String[]::new), limit).query(RequestLog::logged).list();
    }

    /** A row as read back. */
    public record LoggedRequest(long id, Instant at, String requestor, String reqGln, String channel, String gtin,
                                String serial, String lot, String expiry, String context, String outcome,
                                String reason, String additionalInfo, String corrUuid, long latencyMicros,
                                String responder) {
    }

    private static LoggedRequest logged(ResultSet rs, int row) throws SQLException {
        return new LoggedRequest(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("requestor"),
                rs.getString("req_gln"), rs.getString("channel"), rs.getString("gtin"), rs.getString("serial"),
                rs.getString("lot"), rs.getString("expiry"), rs.getString("context"), rs.getString("outcome"),
                rs.getString("reason"), rs.getString("additional_info"), rs.getString("corr_uuid"),
                rs.getLong("latency_micros"), rs.getString("responder"));
    }

    // ---- the writer ----

    @Override
    public void start() {
        running = true;
        writer = new Thread(this::writeGroups, "vrs-request-log");
        writer.setDaemon(true);
        writer.start();
    }

    /** After the web server has finished its requests (phase 0 stops after it): writes what is queued, then ends. */
    @Override
    public void stop() {
        running = false;
        Thread thread = writer;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return 0;
    }

    private void writeGroups() {
        List<Pending> group = new ArrayList<>(maxBatch);
        Instant nextPurge = clock.instant();
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(1, TimeUnit.SECONDS);
                if (first != null) {
                    group.add(first);
                    queue.drainTo(group, maxBatch - 1);
                    commit(group);
                    group.clear();
                }
                if (retention != null && !clock.instant().isBefore(nextPurge)) {
                    purge();
                    nextPurge = clock.instant().plus(PURGE_EVERY);
                }
            } catch (InterruptedException e) {
                // stopping: the loop drains the queue, then ends
            } catch (RuntimeException e) {
                log.error("request log writer: {}", e.toString(), e);
            }
        }
    }

    private void commit(List<Pending> group) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PgCopy copy = PgCopy.into(connection, "vrs_request_log", COLUMNS)) {
                for (Pending pending : group) {
                    Entry e = pending.entry();
                    copy.time(OffsetDateTime.ofInstant(e.at(), ZoneOffset.UTC)).text(e.requestor()).text(e.reqGln())
                            .text(e.channel()).text(e.gtin()).text(e.serial()).text(e.lot()).text(e.expiry())
                            .text(e.context()).text(e.outcome()).text(e.reason()).text(e.additionalInfo())
                            .text(e.corrUuid()).number(e.latencyMicros()).text(e.responder()).endRow();
                }
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
            try {
                audit(connection, group);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
            connection.commit();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            log.error("request log: could not commit {} rows: {}", group.size(), e.getMessage());
            group.forEach(pending -> pending.committed().completeExceptionally(e));
            return;
        }
        group.forEach(pending -> pending.committed().complete(null));
    }

    /** One audit record per requestor of the group, last in its transaction (see {@link AuditTrail}). */
    private void audit(Connection connection, List<Pending> group) throws SQLException {
        Map<String, List<Entry>> byRequestor = new LinkedHashMap<>();
        group.forEach(p -> byRequestor.computeIfAbsent(p.entry().requestor(), r -> new ArrayList<>()).add(p.entry()));
        for (Map.Entry<String, List<Entry>> requestor : byRequestor.entrySet()) {
            Set<String> units = new LinkedHashSet<>();
            StringBuilder rows = new StringBuilder();
            for (Entry e : requestor.getValue()) {
                if (e.gtin() != null && e.serial() != null) {
                    units.add("epc:" + DigitalLink.canonical("01", e.gtin(), "21", e.serial()));
                }
                rows.append(e).append('\n'); // the record's fields in order, as Java writes a record
            }
            audit.record(connection, requestor.getKey() == null ? AuditTrail.SYSTEM : requestor.getKey(),
                    "verification.answered", List.copyOf(units),
                    AuditTrail.sha256(rows.toString()));
        }
    }

    /** Deletes rows older than the retention. */
    private void purge() {
        Instant before = clock.instant().atOffset(ZoneOffset.UTC).minus(retention).toInstant();
        int deleted = jdbc.sql("delete from vrs_request_log where at < ?").param(Timestamp.from(before)).update();
        if (deleted > 0) {
            log.info("request log: deleted {} rows older than {} ({})", deleted, before, retention);
        }
    }
}
