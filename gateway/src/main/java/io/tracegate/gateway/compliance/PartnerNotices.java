package io.tracegate.gateway.compliance;

/**
 * Sends an illegitimate product notification to a trading partner who received the product. Implemented by the
 * partner exchange when it is configured (it queues the document for the partner, durably, in the caller's
 * transaction); without one, {@link Investigations} records that the notification was not sent.
 */
public interface PartnerNotices {

    /**
     * Queues the notification for the partner; false when no channel to that partner is configured.
     *
     * @param partner  the partner's party identifier, as the shipping event named it (SGLN URN or Digital Link)
     * @param document the notification data (JSON, {@code application/json})
     */
    boolean send(String partner, byte[] document);
}
