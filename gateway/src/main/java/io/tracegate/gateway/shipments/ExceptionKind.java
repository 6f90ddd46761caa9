package io.tracegate.gateway.shipments;

import java.util.Locale;

/** What a receipt exception is about. */
enum ExceptionKind {
    /** Product without data: received, but no document of the shipment names it. */
    OVERAGE,
    /** Data without product: the document names it, but it was not received. */
    SHORTAGE,
    /** The label's lot or expiry is not the document's. */
    LOT_EXPIRY_MISMATCH,
    /** Found in another container than the document packs it in. */
    HIERARCHY_MISMATCH,
    /** The seller the document names is no partner of ours. */
    UNKNOWN_SENDER,
    /** The document came from another partner than the seller it names. */
    UNEXPECTED_SENDER;

    /** As written in the API and the table: {@code lot_expiry_mismatch}. */
    String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
