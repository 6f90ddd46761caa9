package io.tracegate.gateway.shipments;

import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gateway.problem.EpcisProblemType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Receipt exceptions (the {@code receipt_exception} table): each mismatch of a receipt, due the configured number of
 * US federal business days after it was opened ({@link BusinessCalendar}, days in
 * {@code tracegate.shipments.business-zone}), with an owner, notes and, once resolved, its resolution. Overdue: still
 * open after its due day.
 */
@Service
public class ReceiptExceptions {

    private static final TypeReference<List<Note>> NOTES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ShipmentsProperties properties;
    private final JsonMapper json;
    private final AuditAtCommit audit;
    private final Clock clock;

    ReceiptExceptions(JdbcClient jdbc, PlatformTransactionManager transactionManager, ShipmentsProperties properties,
            JsonMapper json, AuditAtCommit audit, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.properties = properties;
        this.json = json;
        this.audit = audit;
        this.clock = clock;
    }

    /** A note on an exception: who wrote what, when. */
    public record Note(String by, OffsetDateTime at, String text) {
    }

    /**
     * An exception as {@code GET /exceptions} shows it.
     *
     * @param kind    {@code overage}, {@code shortage}, {@code lot_expiry_mismatch}, {@code hierarchy_mismatch},
     *                {@code unknown_sender} or {@code unexpected_sender}
     * @param epc     the unit or container concerned, or null (a sender)
     * @param dueOn   the business day by which it is to be resolved
     * @param overdue open after its due day
     */
    public record ReceiptException(long id, long receiptId, String kind, String epc, String detail,
                                   OffsetDateTime openedAt, LocalDate dueOn, boolean overdue, String owner,
                                   List<Note> notes, String status, String resolution, String resolvedBy,
                                   OffsetDateTime resolvedAt) {
    }

    /** Opens an exception on a receipt, in the caller's transaction ({@code actor}: who received, or the system). */
    void open(long receiptId, ExceptionKind kind, String epc, String detail, String actor) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        LocalDate due = BusinessCalendar.plusBusinessDays(today(), properties.dueDays());
        long id = jdbc.sql("insert into receipt_exception (receipt_id, kind, epc, detail, opened_at, due_on, status)"
                        + " values (?, ?, ?, ?, ?, ?, 'open') returning id")
                .params(receiptId, kind.word(), epc, detail, now, due).query(Long.class).single();
        audit.record(actor, "exception.opened", List.of("exception:" + id, "receipt:" + receiptId), null);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), properties.businessZone());
    }

    public ReceiptException find(long id) {
        return jdbc.sql("select * from receipt_exception where id = ?").param(id).query((rs, n) -> exception(rs))
                .optional().orElseThrow(() -> ApiProblem.noSuchResource("no exception " + id));
    }

    /**
     * Exceptions newest first, before id {@code before} (null: from the newest), filtered by status, overdue (true:
     * only overdue ones) and receipt (each null: any).
     */
    public List<ReceiptException> list(String status, Boolean overdue, Long receiptId, Long before, int limit) {
        StringBuilder sql = new StringBuilder("select * from receipt_exception where id < ?");
        List<Object> params = new ArrayList<>(List.of(before == null ? Long.MAX_VALUE : before));
        if (status != null) {
            sql.append(" and status = ?");
            params.add(status);
        }
        if (Boolean.TRUE.equals(overdue)) {
            sql.append(" and status = 'open' and due_on < ?");
            params.add(today());
        } else if (Boolean.FALSE.equals(overdue)) {
            sql.append(" and not (status = 'open' and due_on < ?)");
            params.add(today());
        }
        if (receiptId != null) {
            sql.append(" and receipt_id = ?");
            params.add(receiptId);
        }
        sql.append(" order by id desc limit ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query((rs, n) -> exception(rs)).list();
    }

    /** The exceptions of a receipt, oldest first. */
    List<ReceiptException> ofReceipt(long receiptId) {
        return jdbc.sql("select * from receipt_exception where receipt_id = ? order by id").param(receiptId)
                .query((rs, n) -> exception(rs)).list();
    }

    /** Gives an open or resolved exception an owner and/or adds a note. */
    public ReceiptException update(long id, String owner, String note, String by) {
        return transactions.execute(status -> {
            ReceiptException current = locked(id);
            List<Note> notes = new ArrayList<>(current.notes());
            if (note != null) {
                notes.add(new Note(by, OffsetDateTime.now(clock), note));
            }
            jdbc.sql("update receipt_exception set owner = ?, notes = ?::jsonb where id = ?")
                    .params(owner != null ? owner : current.owner(), json.writeValueAsString(notes), id).update();
            audit.record(by, "exception.changed", List.of("exception:" + id, "receipt:" + current.receiptId()),
                    null);
            return find(id);
        });
    }

    /**
     * Resolves an open exception.
     *
     * @throws ApiProblem 409 when it is resolved already
     */
    public ReceiptException resolve(long id, String resolution, String by) {
        return transactions.execute(status -> {
            ReceiptException current = locked(id);
            if (!current.status().equals("open")) {
                throw new ApiProblem(EpcisProblemType.VALIDATION, HttpStatus.CONFLICT, "exception " + id
                        + " was resolved already, by " + current.resolvedBy() + " at " + current.resolvedAt() + ": "
                        + current.resolution());
            }
            jdbc.sql("update receipt_exception set status = 'resolved', resolution = ?, resolved_by = ?,"
                            + " resolved_at = ? where id = ?")
                    .params(resolution, by, OffsetDateTime.now(clock), id).update();
            audit.record(by, "exception.resolved", List.of("exception:" + id, "receipt:" + current.receiptId()),
                    null);
            return find(id);
        });
    }

    private ReceiptException locked(long id) {
        return jdbc.sql("select * from receipt_exception where id = ? for update").param(id)
                .query((rs, n) -> exception(rs)).optional()
                .orElseThrow(() -> ApiProblem.noSuchResource("no exception " + id));
    }

    private ReceiptException exception(ResultSet rs) throws SQLException {
        LocalDate due = rs.getObject("due_on", LocalDate.class);
        String status = rs.getString("status");
        return new ReceiptException(rs.getLong("id"), rs.getLong("receipt_id"), rs.getString("kind"),
                rs.getString("epc"), rs.getString("detail"), rs.getObject("opened_at", OffsetDateTime.class), due,
                status.equals("open") && today().isAfter(due), rs.getString("owner"),
                json.readValue(rs.getString("notes"), NOTES), status, rs.getString("resolution"),
                rs.getString("resolved_by"), rs.getObject("resolved_at", OffsetDateTime.class));
    }
}
