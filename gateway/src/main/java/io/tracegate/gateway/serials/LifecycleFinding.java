package io.tracegate.gateway.serials;

/**
 * Why the serial store refused an event: the EPC concerned, the rule (e.g. {@code lifecycle.duplicate-commission})
 * and a sentence that says what was wrong.
 */
public record LifecycleFinding(String epc, String rule, String message) {
}
