package io.tracegate.gateway.compliance;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A suspect or illegitimate product investigation. While {@code open} it quarantines its units (or its whole lot):
 * the serial store refuses to ship them.
 *
 * @param suspicion    what the product was taken for when it was opened: {@code suspect} or {@code illegitimate}
 * @param status       {@code open}, {@code cleared} or {@code illegitimate}
 * @param gtin         with {@code lot}: the lot investigated; null when units are listed
 * @param units        the units investigated, as written when it was opened (empty for a lot)
 * @param findings     what was found, oldest first: by officers, and by the gateway itself
 * @param notification the FDA Form 3911 data produced when it was closed as illegitimate, else null
 */
public record Investigation(long id, String suspicion, String status, String gtin, String lot, String reason,
                            String openedBy, OffsetDateTime openedAt, String closedBy, OffsetDateTime closedAt,
                            String conclusion, List<String> units, List<Finding> findings, Form3911 notification) {

    public record Finding(String recordedBy, OffsetDateTime recordedAt, String text) {
    }

    public boolean isOpen() {
        return status.equals("open");
    }
}
