package io.tracegate.gateway.serials;

import io.tracegate.epcis.model.Action;
import io.tracegate.epcis.model.EventType;
import java.util.Locale;

/**
 * What an event does to the units it names (and, by inference, to everything packed in them). Derived from the
 * event type, action, bizStep and disposition by {@link #of}; the allowed moves are in {@link Transitions}.
 */
public enum LifecycleStep {
    /** ObjectEvent ADD: the EPCs come into existence */
    COMMISSION,
    /** AggregationEvent ADD: the children go into the parent */
    PACK,
    /** AggregationEvent DELETE: the children (or all of them) come out of the parent */
    UNPACK,
    /** ObjectEvent OBSERVE, bizStep shipping */
    SHIP,
    /** ObjectEvent OBSERVE, bizStep receiving */
    RECEIVE,
    /** ObjectEvent OBSERVE, disposition returned (a customer's return received back, CBV has no returning step) */
    RETURN,
    /** ObjectEvent DELETE, or bizStep decommissioning */
    DECOMMISSION,
    /** bizStep destroying or disposition destroyed */
    DESTROY,
    /** bizStep dispensing or disposition dispensed */
    DISPENSE,
    /** disposition recalled */
    RECALL,
    /** disposition expired */
    EXPIRE,
    /** disposition damaged */
    DAMAGE,
    /** disposition stolen */
    STEAL,
    /** disposition active, available or sellable_*: back in stock after a quarantine, return or theft */
    REACTIVATE,
    /** anything else (inspecting, storing, an AggregationEvent OBSERVE, ...): no change, but not on a final unit */
    OBSERVE;

    /**
     * The step of an event, or null for event types the serial store does not follow (Transaction, Transformation
     * and Association events are stored and indexed only). {@code bizStep} and {@code disposition} are CBV bare
     * words (or full URIs of user values), either may be null.
     */
    public static LifecycleStep of(EventType type, Action action, String bizStep, String disposition) {
        if (type == EventType.AGGREGATION_EVENT) {
            return switch (action) {
                case ADD -> PACK;
                case DELETE -> UNPACK;
                case OBSERVE -> OBSERVE;
            };
        }
        if (type != EventType.OBJECT_EVENT) {
            return null;
        }
        String step = bizStep == null ? "" : bizStep;
        String disp = disposition == null ? "" : disposition;
        if (action == Action.ADD) {
            return COMMISSION;
        }
        if (step.equals("destroying") || disp.equals("destroyed")) {
            return DESTROY;
        }
        if (action == Action.DELETE || step.equals("decommissioning")) {
            return DECOMMISSION;
        }
        if (step.equals("dispensing") || disp.equals("dispensed")) {
            return DISPENSE;
        }
        if (disp.equals("returned")) {
            return step.equals("shipping") ? SHIP : RETURN;
        }
        if (step.equals("shipping")) {
            return SHIP;
        }
        if (step.equals("receiving")) {
            return RECEIVE;
        }
        return switch (disp) {
            case "recalled" -> RECALL;
            case "expired" -> EXPIRE;
            case "damaged" -> DAMAGE;
            case "stolen" -> STEAL;
            case "active", "available", "sellable_accessible", "sellable_not_accessible" -> REACTIVATE;
            default -> OBSERVE;
        };
    }

    /** The verb the findings use, e.g. {@code ship}. */
    public String verb() {
        return name().toLowerCase(Locale.ROOT);
    }
}
