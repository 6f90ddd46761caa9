package io.tracegate.gateway.shipments;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What shipments need of the partner exchange: who a GLN's partner is, sending a document to it, and where a sent
 * document is. Implemented over the exchange's service.
 */
public interface PartnerTransport {

    /**
     * A trading partner.
     *
     * @param documentForm the EPCIS form it takes: {@code 1.2-xml-R1.2}, {@code 1.2-xml-R1.3}, {@code 2.0-xml},
     *                     {@code 2.0-jsonld}
     */
    record TradingPartner(long id, String name, List<String> glns, String documentForm) {
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
    record Delivery(long id, String status, String messageId, int attempts, String mdnDisposition,
                    boolean mdnSigned, Boolean mdnVerified, Instant mdnAt, String error) {
    }

    /** The partner one of whose GLNs (GLN-13) this is. */
    Optional<TradingPartner> partnerWithGln(String gln);

    /**
     * Queues a document for the partner, in the caller's transaction when there is one (so that a shipment is
     * marked sent exactly when its message is queued); returns the message's id.
     */
    long send(long partnerId, byte[] document, String contentType);

    /** A message sent earlier. */
    Optional<Delivery> delivery(long messageId);
}
