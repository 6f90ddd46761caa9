package io.tracegate.gateway.exchange;

import java.time.Instant;

/**
 * A message in or out, as {@code GET /messages/{id}} shows it.
 *
 * @param id             ours, in {@code /messages/{id}}
 * @param direction      {@code in} or {@code out}
 * @param partnerId      the partner, or null for a message from an AS2 name no partner has
 * @param messageId      the AS2 Message-ID
 * @param status         out: {@code queued}, {@code sending}, {@code delivered} (MDN {@code processed} with our
 *                       MIC), {@code rejected} (an MDN with an error, or one that does not confirm our MIC or
 *                       signature), {@code failed} (retries exhausted, or refused by the partner's server); in:
 *                       {@code received}, {@code processed}, {@code rejected}
 * @param attempts       out: sending attempts; in: how many times the partner posted it
 * @param mic            out: the MIC we expect back; in: the MIC we reported
 * @param documentBytes  size of the document; {@code messageBytes}: of the message on the wire
 * @param captureId      in: the capture job the document became
 * @param error          what went wrong, when something did
 */
public record ExchangeMessage(long id, String direction, Long partnerId, String as2From, String as2To,
        String messageId, String status, int attempts, String mic, Mdn mdn, String contentType,
        String documentSha256, Long documentBytes, Long messageBytes, Long captureId, String captureError,
        String error, Instant createdAt, Instant sentAt, Instant nextAttemptAt, Instant mdnAt, Instant updatedAt) {

    /**
     * The MDN received (out) or sent (in).
     *
     * @param disposition       {@code processed} or {@code processed/Error: <code>} as written
     * @param signatureVerified whether its signature verified (out: against the partner's certificates); null when
     *                          unsigned
     * @param delivery          in, asynchronous MDNs: {@code pending}, {@code sent} or {@code failed}
     */
    public record Mdn(String messageId, String disposition, String mic, boolean signed, Boolean signatureVerified,
            String url, String delivery) {
    }
}
