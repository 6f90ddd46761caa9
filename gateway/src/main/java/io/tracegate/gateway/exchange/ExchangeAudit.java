package io.tracegate.gateway.exchange;

import io.tracegate.gateway.compliance.AuditTrail;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The exchange's records in the audit trail: every AS2 message in and out with its MDN, and every change to a
 * partner. Each call is the last statement of the transaction that makes the change (the trail is locked until it
 * commits). Objects: {@code as2:<Message-ID>} of the message (also for its MDN), {@code partner:<id>}.
 */
@Component
class ExchangeAudit {

    private final AuditTrail trail;

    ExchangeAudit(AuditTrail trail) {
        this.trail = trail;
    }

    /**
     * A received message was processed: {@code as2.received} (payload: the message as received) and, when one was
     * asked for, {@code mdn.sent} (the MDN we issued: answered right after the commit, or posted from the queue).
     */
    void received(Messages.Inbound row, Messages.Processed processed) {
        List<String> objects = objects(row.messageId(), row.partnerId());
        trail.record(AuditTrail.SYSTEM, "as2.received", objects, AuditTrail.sha256(row.body()));
        if (processed.mdn() != null) {
            trail.record(AuditTrail.SYSTEM, "mdn.sent", objects, AuditTrail.sha256(processed.mdn().body()));
        }
    }

    /** The partner took our message ({@code as2.sent}; {@code https.sent} for a partner without AS2). */
    void sent(Messages.Outbound message, boolean as2) {
        trail.record(AuditTrail.SYSTEM, as2 ? "as2.sent" : "https.sent",
                objects(message.messageId(), message.partnerId()), AuditTrail.sha256(message.body()));
    }

    /** The partner's MDN on our message, whatever it says ({@code mdn.received}). */
    void mdnReceived(Messages.Outbound message, Mdns.Composed mdn) {
        trail.record(AuditTrail.SYSTEM, "mdn.received", objects(message.messageId(), message.partnerId()),
                AuditTrail.sha256(mdn.body()));
    }

    /** {@code partner.created}, {@code partner.changed} or {@code partner.removed}; payload: the partner as shown. */
    void partner(String actor, String action, long partnerId, byte[] shown) {
        trail.record(actor, action, List.of("partner:" + partnerId), shown == null ? null : AuditTrail.sha256(shown));
    }

    private static List<String> objects(String messageId, Long partnerId) {
        List<String> objects = new ArrayList<>(List.of("as2:" + messageId));
        if (partnerId != null) {
            objects.add("partner:" + partnerId);
        }
        return objects;
    }
}
