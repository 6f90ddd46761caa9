package io.tracegate.gateway.shipments;

import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.gateway.capture.Identifiers;
import io.tracegate.gateway.compliance.AuditTrail;
import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gateway.problem.EpcisProblemType;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Expected receipts (the {@code receipt}, {@code receipt_item} and {@code receipt_scan} tables): what a partner's
 * shipping event to us says is coming, and its reconciliation when it is received, by a receiving event of our own or
 * by scans posted to {@code POST /receipts/{id}/scans}. A receipt is reconciled once: every mismatch then opens an
 * exception ({@link ReceiptExceptions}).
 */
@Service
public class Receipts {

    private static final Logger log = LoggerFactory.getLogger(Receipts.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ReceiptExceptions exceptions;
    private final AuditAtCommit audit;
    private final Clock clock;

    Receipts(JdbcClient jdbc, PlatformTransactionManager transactionManager, ReceiptExceptions exceptions,
            AuditAtCommit audit, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.exceptions = exceptions;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A shipment a partner's document announces.
     *
     * @param eventHash the shipping event's CBV 2.0 hash (a document sent again expects nothing new)
     * @param seller    the source owning party (else the SBDH sender), as written
     * @param items     every unit and container shipped, with its lot and container as the document says
     */
    record Announced(String eventHash, String eventId, OffsetDateTime shippedAt, String seller, String buyer,
                     String shipTo, String documentNumber, List<String> purchaseOrders,
                     List<String> despatchAdvices, List<Item> items) {
    }

    /** A unit or container a receipt expects. */
    record Item(String kind, Reconciliation.Expected expected) {
    }

    /** A receipt as {@code GET /receipts} shows it. */
    public record Receipt(long id, String status, String eventID, long captureId, String submittedBy, String seller,
                          Long partnerId, String partnerName, String buyer, String shipTo, OffsetDateTime shippedAt,
                          String documentNumber, List<String> purchaseOrders, List<String> despatchAdvices, int units,
                          int containers, OffsetDateTime createdAt, OffsetDateTime reconciledAt,
                          List<ReceiptExceptions.ReceiptException> exceptions) {
    }

    /** An item as {@code GET /receipts/{id}/items} shows it: the parent as written. */
    public record ReceiptItem(String epc, String kind, String gtin, String lot, LocalDate expiry, String parent) {
    }

    /**
     * Records a receipt for an announced shipment, in the caller's transaction, unless its shipping event is expected
     * already; opens the sender's exceptions. Returns the new receipt's id, or null.
     */
    Long expect(CaptureExaminer.Job job, Announced shipment, PartnerTransport.TradingPartner partner,
            List<Reconciliation.Mismatch> senderIssues) {
        int containers = (int) shipment.items().stream().map(i -> i.expected().parent()).filter(p -> p != null)
                .distinct().count();
        Long id = jdbc.sql("insert into receipt (event_hash, event_id, capture_job_id, submitted_by, seller,"
                        + " partner_id, partner_name, buyer, ship_to, shipped_at, document_number, purchase_orders,"
                        + " despatch_advices, status, units, containers, created_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'expected', ?, ?, ?)"
                        + " on conflict (event_hash) do nothing returning id")
                .params(shipment.eventHash(), shipment.eventId(), job.jobId(), job.submittedBy(), shipment.seller(),
                        partner == null ? null : partner.id(), partner == null ? null : partner.name(),
                        shipment.buyer(), shipment.shipTo(), shipment.shippedAt(), shipment.documentNumber(),
                        new SqlArrayValue("text", shipment.purchaseOrders().toArray()),
                        new SqlArrayValue("text", shipment.despatchAdvices().toArray()),
                        shipment.items().size() - containers, containers, OffsetDateTime.now(clock))
                .query(Long.class).optional().orElse(null);
        if (id == null) {
            log.info("Shipping event {} of capture job {} is expected already", shipment.eventId(), job.jobId());
            return null;
        }
        for (Item item : shipment.items()) {
            Reconciliation.Expected e = item.expected();
            jdbc.sql("insert into receipt_item (receipt_id, epc, written, kind, gtin, lot, expiry, parent)"
                            + " values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing")
                    .params(id, e.key(), e.written(), item.kind(), e.gtin(), e.lot(), e.expiry(), e.parent())
                    .update();
        }
        audit.record(AuditTrail.SYSTEM, "receipt.expected", List.of("receipt:" + id, "capture:" + job.jobId()),
                job.documentSha256());
        for (Reconciliation.Mismatch issue : senderIssues) {
            exceptions.open(id, issue.kind(), issue.epc(), issue.detail(), AuditTrail.SYSTEM);
        }
        log.info("Receipt {} expects {} units and {} containers from {} (capture job {})", id,
                shipment.items().size() - containers, containers, shipment.seller(), job.jobId());
        return id;
    }

    /**
     * A receiving event of our own (in the worker's transaction): each expected receipt it names units of is
     * received, and reconciled with those of its units the event names (a container received whole).
     */
    void receivingEvent(long eventRef, EpcisEvent event, String by) {
        Map<String, String> named = new LinkedHashMap<>();
        event.epcList().forEach(epc -> named.put(Identifiers.key(epc), epc));
        if (named.isEmpty()) {
            return;
        }
        SqlArrayValue keys = new SqlArrayValue("text", named.keySet().toArray());
        List<Long> receipts = jdbc.sql("select distinct i.receipt_id from receipt_item i join receipt r"
                        + " on r.id = i.receipt_id where i.epc = any(?) and r.status = 'expected' order by 1")
                .param(keys).query(Long.class).list();
        for (long receipt : receipts) {
            List<Reconciliation.Received> received = jdbc.sql("select epc from receipt_item where receipt_id = ?"
                            + " and epc = any(?) order by epc")
                    .params(receipt, keys).query(String.class).list().stream()
                    .map(key -> new Reconciliation.Received(key, named.get(key), null, null, null)).toList();
            reconcile(receipt, received, eventRef, by, true);
        }
    }

    /**
     * Scans of a receipt's units and containers; {@code complete}: the receiving is done, reconcile it (else the
     * scans are kept for the request that completes it).
     *
     * @throws ApiProblem 404 for no such receipt, 409 when it was reconciled already
     */
    public Receipt scan(long id, List<Reconciliation.Received> scans, boolean complete, String by) {
        return transactions.execute(status -> {
            if (!reconcile(id, scans, null, by, complete)) {
                Receipt done = find(id);
                throw new ApiProblem(EpcisProblemType.VALIDATION, HttpStatus.CONFLICT, "receipt " + id
                        + " was received and reconciled already (" + done.status() + " at " + done.reconciledAt()
                        + "): nothing of these scans was recorded");
            }
            return find(id);
        });
    }

    /**
     * In the caller's transaction, holding the receipt's row: records what was received and, when {@code complete},
     * reconciles. False, having done nothing, when the receipt was reconciled already.
     */
    private boolean reconcile(long id, List<Reconciliation.Received> received, Long eventRef, String by,
            boolean complete) {
        String status = jdbc.sql("select status from receipt where id = ? for update").param(id).query(String.class)
                .optional().orElseThrow(() -> ApiProblem.noSuchResource("no receipt " + id));
        if (!status.equals("expected")) {
            return false;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (Reconciliation.Received r : received) {
            jdbc.sql("insert into receipt_scan (receipt_id, epc, written, parent, lot, expiry, event_ref, scanned_by,"
                            + " scanned_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(id, r.key(), r.written(), r.parent(), r.lot(), r.expiry(), eventRef, by, now).update();
        }
        if (!complete) {
            return true;
        }
        List<Reconciliation.Expected> expected = jdbc.sql("select * from receipt_item where receipt_id = ?")
                .param(id).query((rs, n) -> new Reconciliation.Expected(rs.getString("epc"), rs.getString("written"),
                        rs.getString("gtin"), rs.getString("lot"), rs.getObject("expiry", LocalDate.class),
                        rs.getString("parent"))).list();
        List<Reconciliation.Received> all = jdbc.sql("select * from receipt_scan where receipt_id = ? order by id")
                .param(id).query((rs, n) -> new Reconciliation.Received(rs.getString("epc"), rs.getString("written"),
                        rs.getString("parent"), rs.getString("lot"), rs.getObject("expiry", LocalDate.class))).list();
        List<Reconciliation.Mismatch> mismatches = Reconciliation.of(expected, all);
        String outcome = mismatches.isEmpty() ? "matched" : "mismatched";
        jdbc.sql("update receipt set status = ?, reconciled_at = ? where id = ?").params(outcome, now, id).update();
        audit.record(by, "receipt.reconciled", eventRef == null ? List.of("receipt:" + id)
                : List.of("receipt:" + id, "event:" + eventRef), null);
        for (Reconciliation.Mismatch m : mismatches) {
            exceptions.open(id, m.kind(), m.epc(), m.detail(), by);
        }
        log.info("Receipt {} received and reconciled: {} ({} exceptions)", id, outcome, mismatches.size());
        return true;
    }

    public Receipt find(long id) {
        return jdbc.sql("select * from receipt where id = ?").param(id).query((rs, n) -> receipt(rs)).optional()
                .orElseThrow(() -> ApiProblem.noSuchResource("no receipt " + id));
    }

    /**
     * Receipts newest first, with this status and from this capture job (each null: any), before id {@code before}
     * (null: from the newest).
     */
    public List<Receipt> list(String status, Long captureId, Long before, int limit) {
        return jdbc.sql("select * from receipt where (cast(? as text) is null or status = ?)"
                        + " and (cast(? as bigint) is null or capture_job_id = ?) and id < ? order by id desc limit ?")
                .params(status, status, captureId, captureId, before == null ? Long.MAX_VALUE : before, limit)
                .query((rs, n) -> receipt(rs)).list();
    }

    /** A receipt's items in key order, after key {@code after} (null: from the first). */
    public List<ReceiptItem> items(long id, String after, int limit) {
        find(id);
        return jdbc.sql("select i.*, p.written as parent_written from receipt_item i left join receipt_item p"
                        + " on p.receipt_id = i.receipt_id and p.epc = i.parent where i.receipt_id = ?"
                        + " and i.epc > ? order by i.epc limit ?")
                .params(id, after == null ? "" : after, limit)
                .query((rs, n) -> new ReceiptItem(rs.getString("written"), rs.getString("kind"),
                        rs.getString("gtin"), rs.getString("lot"), rs.getObject("expiry", LocalDate.class),
                        rs.getString("parent_written"))).list();
    }

    private Receipt receipt(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        return new Receipt(id, rs.getString("status"), rs.getString("event_id"), rs.getLong("capture_job_id"),
                rs.getString("submitted_by"), rs.getString("seller"), (Long) rs.getObject("partner_id"),
                rs.getString("partner_name"), rs.getString("buyer"), rs.getString("ship_to"),
                rs.getObject("shipped_at", OffsetDateTime.class), rs.getString("document_number"),
                strings(rs.getArray("purchase_orders")), strings(rs.getArray("despatch_advices")), rs.getInt("units"),
                rs.getInt("containers"), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("reconciled_at", OffsetDateTime.class), exceptions.ofReceipt(id));
    }

    private static List<String> strings(Array array) throws SQLException {
        List<String> values = new ArrayList<>();
        for (Object value : (Object[]) array.getArray()) {
            values.add((String) value);
        }
        return values;
    }
}
