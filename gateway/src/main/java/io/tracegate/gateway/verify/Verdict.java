package io.tracegate.gateway.verify;

import io.tracegate.gateway.compliance.UnitMarks.Mark;
import io.tracegate.gateway.serials.SerialStore.UnitView;
import io.tracegate.gateway.serials.UnitStatus;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A responder's answer to one product identifier: {@code verified}, the failure reason when not, and at most one
 * additional information code.
 *
 * @param reason null when verified
 * @param info   null when there is nothing to add
 */
public record Verdict(boolean verified, FailureReason reason, AdditionalInfo info) {

    /**
     * The decision, in the order GS1 US LMS IG R1.3 implies: GTIN and serial never commissioned here (no unit, not an
     * SGTIN, or a unit only observed in an imported history, whose life began elsewhere); then lot and
     * expiry as stored (expiry compared as a date, so {@code 00} = the month's last day matches that date; a unit
     * stored without a lot or expiry does not match one); then a unit destroyed, stolen (its status, or its last
     * CBV disposition {@code destroyed}/{@code stolen}) or marked illegitimate is not for re-distribution;
     * otherwise verified. The additional information is the first that applies of: illegitimate or suspect (its
     * mark), recalled (its lot under a recall, its status or disposition {@code recalled}), expired (the stored
     * expiry, else the one asked about, before {@code today}).
     *
     * @param unit     the unit, or null when the serial store has none with this GTIN and serial
     * @param lot      the lot asked about
     * @param expiry   the expiry asked about, as a date
     * @param mark     the unit's standing mark (never {@link Mark#CLEARED}), or null
     * @param recalled whether the unit's lot is under a recall
     */
    public static Verdict decide(UnitView unit, String lot, LocalDate expiry, Mark mark, boolean recalled,
            LocalDate today) {
        if (unit == null || !"sgtin".equals(unit.kind()) || unit.observed()) {
            return new Verdict(false, FailureReason.NO_MATCH_GTIN_SERIAL, null);
        }
        AdditionalInfo info = info(unit, expiry, mark, recalled, today);
        boolean lotDiffers = !Objects.equals(unit.lot(), lot);
        boolean expiryDiffers = !Objects.equals(unit.expiry(), expiry);
        if (lotDiffers && expiryDiffers) {
            return new Verdict(false, FailureReason.NO_MATCH_GTIN_SERIAL_LOT_EXPIRY, info);
        }
        if (lotDiffers) {
            return new Verdict(false, FailureReason.NO_MATCH_GTIN_SERIAL_LOT, info);
        }
        if (expiryDiffers) {
            return new Verdict(false, FailureReason.NO_MATCH_GTIN_SERIAL_EXPIRY, info);
        }
        if (notForRedistribution(unit, mark)) {
            return new Verdict(false, FailureReason.NOT_FOR_REDISTRIBUTION, info);
        }
        return new Verdict(true, null, info);
    }

    /** Destroyed, stolen or illegitimate: what makes an otherwise matching unit not for re-distribution. */
    static boolean notForRedistribution(UnitView unit, Mark mark) {
        return unit.status() == UnitStatus.DESTROYED || unit.status() == UnitStatus.STOLEN
                || "destroyed".equals(unit.disposition()) || "stolen".equals(unit.disposition())
                || mark == Mark.ILLEGITIMATE;
    }

    private static AdditionalInfo info(UnitView unit, LocalDate expiry, Mark mark, boolean recalled,
            LocalDate today) {
        if (mark == Mark.ILLEGITIMATE) {
            return AdditionalInfo.ILLEGITIMATE;
        }
        if (mark == Mark.SUSPECT) {
            return AdditionalInfo.SUSPECT;
        }
        if (recalled || unit.status() == UnitStatus.RECALLED || "recalled".equals(unit.disposition())) {
            return AdditionalInfo.RECALLED;
        }
        LocalDate expires = unit.expiry() != null ? unit.expiry() : expiry;
        if (expires != null && expires.isBefore(today)) {
            return AdditionalInfo.EXPIRED;
        }
        return null;
    }

    /** This verdict as a requestor whose policy withholds some of it sees it. */
    Verdict disclosedTo(VerifyProperties.RequestorPolicy policy) {
        FailureReason shownReason = reason == null || policy.revealReasons() ? reason
                : FailureReason.NO_REASON_PROVIDED;
        AdditionalInfo shownInfo = info != null && policy.revealInfo().contains(info.code()) ? info : null;
        return new Verdict(verified, shownReason, shownInfo);
    }
}
