package io.tracegate.gateway.serials;

import java.util.Locale;

/**
 * Where a serialised unit (SGTIN) or logistic unit (SSCC) stands in its life. {@link Transitions} says which
 * {@link LifecycleStep} may move a unit from one status to another; the final statuses accept nothing.
 */
public enum UnitStatus {
    /** commissioned (or received, or re-activated) and in the owner's stock */
    ACTIVE,
    /** shipped and not yet received */
    IN_TRANSIT,
    /** received back as a return, waiting to be checked: re-activated, destroyed or sent on */
    RETURNED,
    /** quarantined: under recall */
    RECALLED,
    /** quarantined: past its expiry */
    EXPIRED,
    /** quarantined: damaged */
    DAMAGED,
    /** reported stolen; may be found again */
    STOLEN,
    /** dispensed to a patient (final) */
    DISPENSED,
    /** decommissioned: the serial is no longer in use (final) */
    DECOMMISSIONED,
    /** destroyed (final) */
    DESTROYED;

    public boolean isFinal() {
        return this == DISPENSED || this == DECOMMISSIONED || this == DESTROYED;
    }

    /** The lower-case word the API shows, e.g. {@code in_transit}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
