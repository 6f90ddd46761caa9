package io.tracegate.gateway.serials;

/**
 * Why the serial store refused an event: the EPC concerned, the rule (e.g. {@code lifecycle.duplicate-commission},
 * or {@code key.gtin-not-allowed} when the capturing key may not act on the unit) and a sentence that says what was
 * wrong.
 */
public record LifecycleFinding(String epc, String rule, String message) {

    /** The refusal is about the capturing key's limits (an access refusal), not the unit's lifecycle. */
    public boolean isKeyLimit() {
        return rule.startsWith("key.");
    }
}
