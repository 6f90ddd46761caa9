package io.tracegate.gateway.shipments;

import io.tracegate.gateway.exchange.Exchange;
import io.tracegate.gateway.exchange.ExchangeMessage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What shipments need of the partner exchange, in shipments' words: who a GLN's partner is, sending a document to
 * it, and where a sent document is. Over the exchange's service ({@link Exchange}), never its tables.
 */
@Component
public class PartnerTransport {

    private final Exchange exchange;

    PartnerTransport(Exchange exchange) {
        this.exchange = exchange;
    }

    /**
     * A trading partner.
     *
     * @param documentForm the EPCIS form it takes: {@code 1.2-xml-R1.2}, {@code 1.2-xml-R1.3}, {@code 2.0-xml},
     *                     {@code 2.0-jsonld}
     */
    public record TradingPartner(long id, String name, List<String> glns, String documentForm) {
    }

    /**
     * Where a sent document is.
     *
     * @param status         {@code queued}, {@code sending}, {@code delivered}, {@code rejected} or {@code failed}
     * @param messageId      the AS2 Message-ID
     * @param mdnDisposition the receipt's disposition, or null before one came
     * @param mdnSigned      whether the receipt was signed
     * @param mdnVerified    whether its signature verified against the partner's certificate (null: unsigned)
     */
    public record Delivery(long id, String status, String messageId, int attempts, String mdnDisposition,
                           boolean mdnSigned, Boolean mdnVerified, Instant mdnAt, String error) {
    }

    /** The partner one of whose GLNs (GLN-13) this is. */
    Optional<TradingPartner> partnerWithGln(String gln) {
        return exchange.partnerWithGln(gln)
                .map(p -> new TradingPartner(p.id(), p.name(), p.glns(), p.documentForm()));
    }

    /**
     * Queues a document for the partner, in the caller's transaction (so that a shipment is marked sent exactly
     * when its message is queued); returns the message's id.
     *
     * @throws io.tracegate.gateway.problem.ApiProblem when the exchange refuses it (no valid certificate, say)
     */
    long send(long partnerId, byte[] document, String contentType) {
        return exchange.send(partnerId, document, contentType);
    }

    /** A message sent earlier. */
    Delivery delivery(long messageId) {
        ExchangeMessage m = exchange.message(messageId);
        ExchangeMessage.Mdn mdn = m.mdn();
        return new Delivery(m.id(), m.status(), m.messageId(), m.attempts(), mdn == null ? null : mdn.disposition(),
                mdn != null && mdn.signed(), mdn == null ? null : mdn.signatureVerified(), m.mdnAt(), m.error());
    }
}
