/**
 * The serial store: one row per SGTIN or SSCC with its lot, expiry, status, last disposition, owner, location and
 * parent (the aggregation tree), and the lots with their expiry.
 *
 * <p>The lifecycle is an explicit state machine: {@link io.tracegate.gateway.serials.UnitStatus} (the states),
 * {@link io.tracegate.gateway.serials.LifecycleStep} (what an event does, from its type, action, bizStep and
 * disposition) and {@link io.tracegate.gateway.serials.Transitions} (the table). The capture path hands batches of
 * {@link io.tracegate.gateway.serials.LifecycleEvent}s to {@link io.tracegate.gateway.serials.SerialLifecycle}, which
 * loads what the rules need with one query, applies the events in order in memory (events on a case or pallet apply
 * to everything in it) and writes the changes back in bulk; a refused event changes nothing and comes back as
 * {@link io.tracegate.gateway.serials.LifecycleFinding}s naming the EPC and the rule.
 *
 * <p>"Us": the parties this gateway acts for are configured ({@code tracegate.own-glns}), not learned per API key,
 * because a receiving event may come from any key (a warehouse scanner, a partner's document) while the receiving
 * party is a property of the installation.
 */
package io.tracegate.gateway.serials;
