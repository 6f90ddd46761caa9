package io.tracegate.gateway.shipments;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.gateway.compliance.AuditTrail;
import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gateway.problem.EpcisProblemType;
import io.tracegate.gateway.shipments.PartnerTransport.TradingPartner;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Outbound shipments (the {@code shipment} table): a shipping event of our own to a partner becomes a pending
 * shipment; the worker composes and validates its document, then sends it over the partner's transport or holds it
 * with its findings until its master data is fixed and it is retried.
 */
@Service
public class Shipments {

    private static final Logger log = LoggerFactory.getLogger(Shipments.class);
    private static final TypeReference<List<Finding>> FINDINGS = new TypeReference<>() {
    };
    private static final String COLUMNS = "id, event_ref, event_id, partner_id, partner_name, receiver,"
            + " document_form, status, findings, content_type, document_sha256, units, containers, events,"
            + " compose_millis, attempts, message_id, created_at, composed_at, sent_at";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final PartnerTransport transport;
    private final ShipmentComposer composer;
    private final ShipmentMetrics metrics;
    private final JsonMapper json;
    private final AuditAtCommit audit;
    private final Clock clock;

    Shipments(JdbcClient jdbc, PlatformTransactionManager transactionManager, PartnerTransport transport,
            ShipmentComposer composer, ShipmentMetrics metrics, JsonMapper json, AuditAtCommit audit, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transport = transport;
        this.composer = composer;
        this.metrics = metrics;
        this.json = json;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A shipment as {@code GET /shipments} shows it.
     *
     * @param status   {@code pending} (being composed), {@code held} (its document failed validation: the
     *                 findings say what to fix) or {@code sent} (queued on the partner's transport: see message)
     * @param findings what validation found (errors hold the shipment)
     * @param message  where the sent document is: its transport status and the partner's receipt (MDN)
     */
    public record Shipment(long id, @JsonIgnore long eventRef, String status, String eventID, long partnerId, String partnerName,
                           String receiver, String documentForm, List<Finding> findings, String contentType,
                           String documentSha256, Integer units, Integer containers, Integer events,
                           Integer composeMillis, int attempts, Long messageId, OffsetDateTime createdAt,
                           OffsetDateTime composedAt, OffsetDateTime sentAt, PartnerTransport.Delivery message) {
    }

    /** A shipping event of our own: when its buyer or ship-to is a partner's GLN, its document is to be composed. */
    void consider(long eventRef, EpcisEvent shipping) {
        String buyer = StoredEvents.party(shipping.destinationList(), "owning_party");
        String shipTo = StoredEvents.party(shipping.destinationList(), "location");
        Optional<TradingPartner> partner = partner(buyer).or(() -> partner(shipTo));
        if (partner.isEmpty()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        int created = jdbc.sql("insert into shipment (event_ref, event_id, partner_id, partner_name, receiver,"
                        + " document_form, status, created_at, updated_at) values (?, ?, ?, ?, ?, ?, 'pending', ?, ?)"
                        + " on conflict (event_ref) do nothing")
                .params(eventRef, shipping.eventId(), partner.get().id(), partner.get().name(),
                        buyer != null ? buyer : shipTo, partner.get().documentForm(), now, now)
                .update();
        if (created > 0) {
            log.info("Shipping event {} is a shipment to partner {}: its document is composed", shipping.eventId(),
                    partner.get().name());
        }
    }

    private Optional<TradingPartner> partner(String party) {
        String gln = StoredEvents.gln(party);
        return gln == null ? Optional.empty() : transport.partnerWithGln(gln);
    }

    /** Composes, validates and sends (or holds) one pending shipment; false when there is none. */
    boolean composeNext() {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            Optional<Shipment> pending = jdbc.sql("select " + COLUMNS + " from shipment where status = 'pending'"
                            + " order by id limit 1 for update skip locked")
                    .query((rs, n) -> shipment(rs)).optional();
            pending.ifPresent(shipment -> composeAndSend(shipment, AuditTrail.SYSTEM));
            return pending.isPresent();
        }));
    }

    /**
     * Composes a held shipment again (after its master data was fixed) and sends it if it passes now.
     *
     * @throws ApiProblem 404 for no such shipment, 409 when it is not held
     */
    public Shipment retry(long id, String by) {
        return transactions.execute(status -> {
            Shipment shipment = jdbc.sql("select " + COLUMNS + " from shipment where id = ? for update").param(id)
                    .query((rs, n) -> shipment(rs)).optional()
                    .orElseThrow(() -> ApiProblem.noSuchResource("no shipment " + id));
            if (!shipment.status().equals("held")) {
                throw new ApiProblem(EpcisProblemType.VALIDATION, HttpStatus.CONFLICT, "shipment " + id + " is "
                        + shipment.status() + ": only a held shipment is retried");
            }
            composeAndSend(shipment, by);
            return find(id);
        });
    }

    /** In the caller's transaction, holding the shipment's row; {@code actor} for the audit trail. */
    private void composeAndSend(Shipment shipment, String actor) {
        ShipmentComposer.Composed composed;
        try {
            composed = composer.compose(shipment.id(), shipment.eventRef(), shipment.documentForm());
        } catch (RuntimeException e) {
            // held, not retried by every poll: what failed is kept, and a retry tries again
            log.error("Shipment {}: its document could not be composed", shipment.id(), e);
            composed = ShipmentComposer.Composed.failed(Finding.error("shipments.compose-failed", "the document"
                    + " could not be composed: " + e.getMessage(), null));
        }
        metrics.composed(composed.millis(), composed.passes());
        OffsetDateTime now = OffsetDateTime.now(clock);
        Long messageId = null;
        List<Finding> findings = composed.findings();
        if (composed.passes()) {
            try {
                messageId = transport.send(shipment.partnerId(), composed.document(),
                        composed.contentType());
            } catch (ApiProblem refused) {
                findings = append(findings, Finding.error("shipments.transport", "the partner's transport refused"
                        + " the document: " + refused.getMessage(), "fix the partner (GET /partners/"
                        + shipment.partnerId() + "), then POST /shipments/" + shipment.id() + "/retry"));
            }
        }
        String status = messageId != null ? "sent" : "held";
        String sha256 = composed.document() == null ? null : sha256(composed.document());
        jdbc.sql("update shipment set status = ?, findings = ?::jsonb, document = ?, content_type = ?,"
                        + " document_sha256 = ?, units = ?, containers = ?, events = ?, compose_millis = ?,"
                        + " attempts = attempts + 1, message_id = ?, composed_at = ?, sent_at = ?, updated_at = ?"
                        + " where id = ?")
                .params(status, json.writeValueAsString(findings), composed.document(), composed.contentType(),
                        sha256, composed.units(), composed.containers(), composed.events(),
                        (int) composed.millis(), messageId, now, messageId != null ? now : null, now, shipment.id())
                .update();
        audit.record(actor, "shipment." + status, messageId == null
                ? List.of("shipment:" + shipment.id(), "partner:" + shipment.partnerId())
                : List.of("shipment:" + shipment.id(), "partner:" + shipment.partnerId(), "message:" + messageId),
                sha256);
        log.info("Shipment {} to {}: {} ({} units, {} containers, {} events, composed and validated in {} ms)",
                shipment.id(), shipment.partnerName(), status, composed.units(), composed.containers(),
                composed.events(), composed.millis());
    }

    private static List<Finding> append(List<Finding> findings, Finding finding) {
        List<Finding> all = new ArrayList<>(findings);
        all.add(finding);
        return all;
    }

    /** A shipment, with where its message is. */
    public Shipment find(long id) {
        Shipment shipment = jdbc.sql("select " + COLUMNS + " from shipment where id = ?").param(id)
                .query((rs, n) -> shipment(rs)).optional()
                .orElseThrow(() -> ApiProblem.noSuchResource("no shipment " + id));
        return shipment.messageId() == null ? shipment
                : withMessage(shipment, transport.delivery(shipment.messageId()));
    }

    /** Shipments newest first, with this status (null: any), before id {@code before} (null: from the newest). */
    public List<Shipment> list(String status, Long before, int limit) {
        return jdbc.sql("select " + COLUMNS + " from shipment where (cast(? as text) is null or status = ?)"
                        + " and id < ? order by id desc limit ?")
                .params(status, status, before == null ? Long.MAX_VALUE : before, limit)
                .query((rs, n) -> shipment(rs)).list();
    }

    /** The document composed for the shipment (also a held one's), and its media type. */
    public Optional<Document> document(long id) {
        return jdbc.sql("select document, content_type from shipment where id = ? and document is not null")
                .param(id).query((rs, n) -> new Document(rs.getBytes(1), rs.getString(2))).optional();
    }

    public record Document(byte[] bytes, String contentType) {
    }

    private Shipment shipment(ResultSet rs) throws SQLException {
        return new Shipment(rs.getLong("id"), rs.getLong("event_ref"), rs.getString("status"), rs.getString("event_id"),
                rs.getLong("partner_id"), rs.getString("partner_name"), rs.getString("receiver"),
                rs.getString("document_form"), json.readValue(rs.getString("findings"), FINDINGS),
                rs.getString("content_type"), rs.getString("document_sha256"), (Integer) rs.getObject("units"),
                (Integer) rs.getObject("containers"), (Integer) rs.getObject("events"),
                (Integer) rs.getObject("compose_millis"), rs.getInt("attempts"), (Long) rs.getObject("message_id"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("composed_at", OffsetDateTime.class),
                rs.getObject("sent_at", OffsetDateTime.class), null);
    }

    private static Shipment withMessage(Shipment s, PartnerTransport.Delivery message) {
        return new Shipment(s.id(), s.eventRef(), s.status(), s.eventID(), s.partnerId(), s.partnerName(), s.receiver(),
                s.documentForm(), s.findings(), s.contentType(), s.documentSha256(), s.units(), s.containers(),
                s.events(), s.composeMillis(), s.attempts(), s.messageId(), s.createdAt(), s.composedAt(), s.sentAt(),
                message);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
