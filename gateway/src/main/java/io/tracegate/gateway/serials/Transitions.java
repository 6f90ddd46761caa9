package io.tracegate.gateway.serials;

import static io.tracegate.gateway.serials.LifecycleStep.*;
import static io.tracegate.gateway.serials.UnitStatus.*;

import java.util.EnumMap;
import java.util.Map;

/**
 * The lifecycle state machine: for each status, the steps a unit in it may take and the status each leads to. A
 * step missing from a status's row is illegal there. {@link LifecycleStep#COMMISSION} is the only way in (from no
 * unit at all) and is handled by the store; the final statuses (dispensed, decommissioned, destroyed) have no row.
 *
 * <pre>
 * ACTIVE      pack unpack observe reactivate -> ACTIVE; ship -> IN_TRANSIT; return -> RETURNED;
 *             recall/expire/damage/steal -> RECALLED/EXPIRED/DAMAGED/STOLEN; dispense/decommission/destroy -> final
 * IN_TRANSIT  receive -> ACTIVE (or RETURNED for a return shipment); return -> RETURNED; observe; steal; damage
 * RETURNED    reactivate -> ACTIVE; ship (back to the seller); unpack; recall/expire/damage; decommission/destroy
 * RECALLED, EXPIRED, DAMAGED   ship (a return shipment); unpack; observe; other quarantines; decommission/destroy;
 *             reactivate (not from EXPIRED: an expired unit never becomes saleable again)
 * STOLEN      reactivate (found again); observe; decommission/destroy
 * </pre>
 */
public final class Transitions {

    private static final Map<UnitStatus, Map<LifecycleStep, UnitStatus>> TABLE = new EnumMap<>(UnitStatus.class);

    static {
        row(ACTIVE, PACK, ACTIVE, UNPACK, ACTIVE, OBSERVE, ACTIVE, REACTIVATE, ACTIVE, SHIP, IN_TRANSIT,
                RETURN, RETURNED, RECALL, RECALLED, EXPIRE, EXPIRED, DAMAGE, DAMAGED, STEAL, STOLEN,
                DISPENSE, DISPENSED, DECOMMISSION, DECOMMISSIONED, DESTROY, DESTROYED);
        row(IN_TRANSIT, RECEIVE, ACTIVE, RETURN, RETURNED, OBSERVE, IN_TRANSIT, STEAL, STOLEN, DAMAGE, DAMAGED);
        row(RETURNED, REACTIVATE, ACTIVE, SHIP, IN_TRANSIT, UNPACK, RETURNED, OBSERVE, RETURNED, RECALL, RECALLED,
                EXPIRE, EXPIRED, DAMAGE, DAMAGED, DECOMMISSION, DECOMMISSIONED, DESTROY, DESTROYED);
        for (UnitStatus quarantine : new UnitStatus[] {RECALLED, EXPIRED, DAMAGED}) {
            row(quarantine, SHIP, IN_TRANSIT, UNPACK, quarantine, OBSERVE, quarantine, RECALL, RECALLED,
                    EXPIRE, EXPIRED, DAMAGE, DAMAGED, DECOMMISSION, DECOMMISSIONED, DESTROY, DESTROYED);
        }
        TABLE.get(RECALLED).put(REACTIVATE, ACTIVE);
        TABLE.get(DAMAGED).put(REACTIVATE, ACTIVE);
        row(STOLEN, REACTIVATE, ACTIVE, OBSERVE, STOLEN, DECOMMISSION, DECOMMISSIONED, DESTROY, DESTROYED);
    }

    private Transitions() {
    }

    private static void row(UnitStatus from, Object... stepThenTarget) {
        Map<LifecycleStep, UnitStatus> row = new EnumMap<>(LifecycleStep.class);
        for (int i = 0; i < stepThenTarget.length; i += 2) {
            row.put((LifecycleStep) stepThenTarget[i], (UnitStatus) stepThenTarget[i + 1]);
        }
        TABLE.put(from, row);
    }

    /**
     * The status an imported event ({@link LifecycleMode#OBSERVE}) leaves a unit in: where the step is legal, as
     * {@link #next}; elsewhere the status the step leads to from where it normally starts (a receiving from in
     * transit, anything else from active), or the unit's own status for a step that changes none (observing,
     * packing).
     */
    public static UnitStatus observed(UnitStatus from, LifecycleStep step) {
        UnitStatus next = next(from, step);
        if (next != null) {
            return next;
        }
        next = next(step == RECEIVE ? IN_TRANSIT : ACTIVE, step);
        return next == null || step == OBSERVE || step == PACK || step == UNPACK ? from : next;
    }

    /** The status a unit in {@code from} reaches by {@code step}, or null when the step is illegal there. */
    public static UnitStatus next(UnitStatus from, LifecycleStep step) {
        Map<LifecycleStep, UnitStatus> row = TABLE.get(from);
        return row == null ? null : row.get(step);
    }
}
