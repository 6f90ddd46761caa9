package io.tracegate.gateway.verify;

import io.tracegate.gateway.compliance.UnitMarks.Mark;
import io.tracegate.gateway.serials.UnitStatus;
import io.tracegate.gateway.verify.VerifyService.Finding;
import io.tracegate.gateway.verify.VerifyService.Verification;
import java.time.ZoneOffset;

/** The one plain sentence a person reads about a scanned pack, and the colour of the verdict. */
final class Sentences {

    static final String SCAN_AGAIN = "Scan again, or check the scanner's GS setting";

    private Sentences() {
    }

    /**
     * The sentence for the verdict as the requestor may see it ({@code shown}); the manufacturer's own lot and
     * expiry are named when this gateway is the responder and the reason is shown.
     */
    static String of(Verification verification, Verdict shown) {
        ProductIdentifier pack = verification.product();
        if (shown == null) {
            return switch (verification.status()) {
                case 404 -> "No verification service is known for this product (GTIN " + pack.gtin()
                        + "): it cannot be verified here";
                case 504 -> "The manufacturer's verification service did not answer in time: try again later";
                case 502 -> "The manufacturer's verification service is not working: try again later";
                default -> "The manufacturer's verification service refused the request (HTTP "
                        + verification.status() + "): it cannot be verified now";
            };
        }
        Finding local = verification.local();
        boolean known = local != null && local.unit() != null;
        if (!shown.verified()) {
            switch (shown.reason()) {
                case NO_MATCH_GTIN_SERIAL:
                    return "Serial not known to the manufacturer";
                case NO_MATCH_GTIN_SERIAL_LOT:
                    return "Lot does not match: the pack says " + pack.lot() + ", the manufacturer says "
                            + (known ? local.unit().lot() : "otherwise");
                case NO_MATCH_GTIN_SERIAL_EXPIRY:
                    return "Expiry does not match: the pack says " + pack.expiry().date() + ", the manufacturer says "
                            + (known ? String.valueOf(local.unit().expiry()) : "otherwise");
                case NO_MATCH_GTIN_SERIAL_LOT_EXPIRY:
                    return "Lot and expiry do not match: the pack says lot " + pack.lot() + " expiring "
                            + pack.expiry().date() + ", the manufacturer says " + (known ? "lot " + local.unit().lot()
                            + " expiring " + local.unit().expiry() : "otherwise");
                case NOT_FOR_REDISTRIBUTION:
                    return "Not for redistribution: the manufacturer reports this pack "
                            + (known ? why(local) : "as not saleable") + ": quarantine it";
                default:
                    return "Not verified: the manufacturer gave no reason";
            }
        }
        if (shown.info() == null) {
            return "Genuine: the manufacturer confirms this pack";
        }
        return switch (shown.info()) {
            case SUSPECT -> "Suspect: the manufacturer has flagged this pack: quarantine it and ask the manufacturer";
            case ILLEGITIMATE -> "Illegitimate: the manufacturer reports this pack as illegitimate: quarantine it";
            case RECALLED -> "Recalled" + (local != null && local.recalledAt() != null ? " on "
                    + local.recalledAt().atOffset(ZoneOffset.UTC).toLocalDate() : "")
                    + ": do not return to stock";
            case EXPIRED -> "Expired on " + (known && local.unit().expiry() != null ? local.unit().expiry()
                    : pack.expiry().date()) + ": do not return to stock";
            case EXPIRATION_EXTENDED -> "Genuine: the manufacturer confirms this pack, and the FDA has extended its"
                    + " expiry";
        };
    }

    private static String why(Finding local) {
        if (local.mark() == Mark.ILLEGITIMATE) {
            return "as illegitimate";
        }
        if (local.unit().status() == UnitStatus.STOLEN || "stolen".equals(local.unit().disposition())) {
            return "stolen";
        }
        return "destroyed";
    }

    /**
     * {@code green} (genuine, nothing to add), {@code red} (not verified, or recalled, expired or illegitimate: not
     * to be returned to stock) or {@code amber} (no verdict, suspect, or a warning to read).
     */
    static String colour(Verdict shown, boolean warned) {
        if (shown == null) {
            return "amber";
        }
        if (!shown.verified() || shown.info() == AdditionalInfo.RECALLED || shown.info() == AdditionalInfo.EXPIRED
                || shown.info() == AdditionalInfo.ILLEGITIMATE) {
            return "red";
        }
        return warned || shown.info() == AdditionalInfo.SUSPECT ? "amber" : "green";
    }
}
