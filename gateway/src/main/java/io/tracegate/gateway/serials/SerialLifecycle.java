package io.tracegate.gateway.serials;

import io.tracegate.gateway.config.TracegateProperties;
import io.tracegate.gs1.Gln;
import io.tracegate.gs1.Gs1Exception;
import io.tracegate.gs1.epc.Epc;
import io.tracegate.gs1.epc.Sgln;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Applies captured events to the serial store, a batch at a time, through the {@link Transitions} state machine.
 * One query loads every unit the batch names, with the content of those an object event acts on and the containers
 * of those a packing fills (what the rules look at); the events are then checked and applied
 * in document order against that working set in memory (an event on a case or pallet applies to all it contains);
 * the changed units are written back in bulk. An event that breaks a rule changes nothing and is answered with
 * findings naming each EPC and rule.
 *
 * <p>Ownership is known from explicit facts only: a commissioning event rarely names its owning party (its business
 * location is a site, whose GLN is not the party's), so a unit's owner is the commissioning event's source owning
 * party if any, else unknown until its first shipment, which names the seller (source owning party, who stays the
 * owner while the unit is in transit) and the buyer (destination owning party, and location) it is in transit to;
 * receiving makes the buyer the owner (the receiving event's destination owning party if it names one, else the
 * party the unit was in transit to). Once the owner is known, only the
 * owner may ship the unit; and only a party this gateway acts for ({@code tracegate.own-glns}, all parties when
 * empty) may receive it.
 */
@Service
public class SerialLifecycle {

    private static final String UNIQUE_VIOLATION = "23505";

    private final SerialStore store;
    private final Set<String> ownGlns;
    private final Clock clock;
    private final UnitHolds holds;

    SerialLifecycle(SerialStore store, TracegateProperties properties, Clock clock,
            ObjectProvider<UnitHolds> holds) {
        this.store = store;
        this.holds = holds.getIfAvailable(() -> (connection, units) -> Map.of());
        this.ownGlns = properties.ownGlns().stream().map(Gln::value).collect(Collectors.toUnmodifiableSet());
        this.clock = clock;
    }

    /**
     * What applying a batch did.
     *
     * @param refused      the findings of each refused event, by its index in the document (events not listed were
     *                     applied)
     * @param unitsNotHeld serialised units named by applied events that the store does not hold, by event ref: the
     *                     store keeps the events naming each unit it holds on the unit's row; these are left to
     *                     {@code event_epc} like any other identifier
     */
    public record Outcome(Map<Integer, List<LifecycleFinding>> refused, Map<Long, Set<String>> unitsNotHeld) {
    }

    /**
     * Checks and applies the events on the connection's transaction, and records on each unit held the events that
     * name it.
     *
     * <p>Units the batch commissions are taken to be new without looking them up (a line commissions units by the
     * hundred thousand, and a lookup of each costs as much as writing it): {@code serial_unit}'s primary key checks
     * that when they are written. The rare batch where that assumption may have changed an outcome is worked again
     * with every unit looked up: when a commissioning in it is refused (one that is a duplicate of a stored unit
     * might not have been alone), or when writing a commissioned unit breaks the key; that second pass writes
     * every unit on {@code connection}.
     *
     * @param second a second connection of the same capture to write half of the new units on, or null (see
     *               {@link SerialStore.SecondConnection})
     */
    public Outcome apply(Connection connection, List<LifecycleEvent> events, ActingKey key, LifecycleMode mode,
            SerialStore.SecondConnection second) throws SQLException {
        if (events.stream().noneMatch(e -> e.step() == LifecycleStep.COMMISSION)) {
            return apply(connection, events, key, mode, true, second);
        }
        Savepoint beforeWrite = connection.setSavepoint();
        try {
            Outcome outcome = apply(connection, events, key, mode, false, second);
            if (outcome != null) {
                connection.releaseSavepoint(beforeWrite);
                return outcome;
            }
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            connection.rollback(beforeWrite);
        }
        return apply(connection, events, key, mode, true, null);
    }

    /**
     * One pass over the batch; null, having written nothing, when a commissioning was refused after the units the
     * batch commissions were taken to be new without a lookup.
     */
    private Outcome apply(Connection connection, List<LifecycleEvent> events, ActingKey key, LifecycleMode mode,
            boolean lookUpCommissioned, SerialStore.SecondConnection second) throws SQLException {
        Set<String> keys = new HashSet<>();
        Set<String> commissioned = new HashSet<>();
        Set<String> withContent = new HashSet<>();
        Set<String> withContainers = new HashSet<>();
        List<String> lotGtins = new ArrayList<>();
        List<String> lotNumbers = new ArrayList<>();
        for (LifecycleEvent e : events) {
            LifecycleStep step = e.step();
            if (e.parent() != null) {
                keys.add(e.parent().key());
            }
            if (step == LifecycleStep.COMMISSION && !lookUpCommissioned) {
                e.epcs().forEach(u -> commissioned.add(u.key()));
            } else {
                e.epcs().forEach(u -> keys.add(u.key()));
            }
            e.children().forEach(u -> keys.add(u.key()));
            e.inputs().forEach(u -> keys.add(u.key()));
            e.outputs().forEach(u -> keys.add(u.key()));
            // what the rules look at beyond the named units: the content an object event applies to by inference
            // (and that an unpack of everything takes out), the containers a packing must not loop through
            if (step == LifecycleStep.PACK && e.parent() != null) {
                withContainers.add(e.parent().key());
            } else if (step == LifecycleStep.UNPACK && e.parent() != null && e.children().isEmpty()) {
                withContent.add(e.parent().key());
            } else if (step != null && step != LifecycleStep.COMMISSION && step != LifecycleStep.UNPACK) {
                e.epcs().forEach(u -> withContent.add(u.key()));
            }
            if (e.lot() != null && step == LifecycleStep.COMMISSION) {
                e.epcs().stream().map(UnitRef::gtin).filter(Objects::nonNull).distinct().forEach(gtin -> {
                    lotGtins.add(gtin);
                    lotNumbers.add(e.lot());
                });
            }
        }
        keys.removeAll(commissioned);
        Batch batch = new Batch(connection, store.load(connection, keys, withContent, withContainers),
                store.lotExpiries(connection, lotGtins, lotNumbers), key, mode == LifecycleMode.OBSERVE);
        Map<Integer, List<LifecycleFinding>> refused = new LinkedHashMap<>();
        Map<Long, Set<String>> notHeld = new HashMap<>();
        for (LifecycleEvent e : events) {
            LifecycleStep step = e.step();
            List<LifecycleFinding> findings = step == null ? List.of() : batch.check(e, step);
            if (findings.isEmpty()) {
                if (step != null) {
                    batch.apply(e, step);
                }
                e.forEachNamed((ref, role) -> {
                    Unit unit = batch.units.get(ref.key());
                    if (unit != null) {
                        unit.namedBy(e.eventRef(), role);
                    } else {
                        notHeld.computeIfAbsent(e.eventRef(), k -> new HashSet<>()).add(ref.key());
                    }
                });
            } else if (step == LifecycleStep.COMMISSION && !commissioned.isEmpty()) {
                return null;
            } else {
                refused.put(e.index(), findings);
            }
        }
        store.flush(connection, batch.units.values(), second);
        store.insertLots(connection, batch.newLotGtins, batch.newLotNumbers, batch.newLotExpiries,
                OffsetDateTime.now(clock));
        return new Outcome(refused, notHeld);
    }

    /** The working set of one batch. */
    private final class Batch {
        final Connection connection;
        final Map<String, Unit> units;
        final Map<String, Set<String>> children = new HashMap<>();
        final Map<String, LocalDate> lots;
        final List<String> newLotGtins = new ArrayList<>();
        final List<String> newLotNumbers = new ArrayList<>();
        final List<LocalDate> newLotExpiries = new ArrayList<>();
        final Map<String, String> glns = new HashMap<>();
        final OffsetDateTime now = OffsetDateTime.now(clock);
        final ActingKey key;
        /** a history import: see {@link LifecycleMode#OBSERVE} */
        final boolean observing;
        /** Units an event of this batch packed, in an import: another event packing one elsewhere is refused. */
        final Set<String> packedHere = new HashSet<>();
        /** Why units may not be shipped, for the units asked about so far (see {@link #heldBy}). */
        final Map<String, String> held = new HashMap<>();
        final Set<String> askedIfHeld = new HashSet<>();

        Batch(Connection connection, Map<String, Unit> units, Map<String, LocalDate> lots, ActingKey key,
                boolean observing) {
            this.connection = connection;
            this.units = units;
            this.lots = lots;
            this.key = key;
            this.observing = observing;
            for (Unit unit : units.values()) {
                if (unit.parent != null) {
                    children.computeIfAbsent(unit.parent, k -> new LinkedHashSet<>()).add(unit.key);
                }
            }
        }

        List<LifecycleFinding> check(LifecycleEvent e, LifecycleStep step) throws SQLException {
            List<LifecycleFinding> findings = new ArrayList<>();
            if (!observing) {
                // the store follows GS1 keys; anything else named as an object would be silently not followed
                e.notGs1().forEach(id -> findings.add(new LifecycleFinding(id, "lifecycle.not-a-gs1-key",
                        "the serial store follows GS1 keys (EPC URNs or GS1 Digital Links) and this is none")));
            }
            switch (step) {
                case COMMISSION -> checkCommission(e, findings);
                case PACK -> checkPack(e, findings);
                case UNPACK -> checkUnpack(e, findings);
                default -> checkObjectStep(e, step, findings);
            }
            if (findings.isEmpty() && key.isLimited()) {
                checkKeyLimits(e, step, findings);
            }
            return findings;
        }

        /**
         * Whether the key may act on every stored unit the event changes, including all that is packed in the
         * containers it names: by the unit's GTIN, and by the site where the unit is. New units were checked by
         * their identifiers before the capture was accepted.
         */
        private void checkKeyLimits(LifecycleEvent e, LifecycleStep step, List<LifecycleFinding> findings) {
            List<UnitRef> withContent = switch (step) {
                case COMMISSION -> List.of();
                case PACK, UNPACK -> e.children().isEmpty() ? List.of(e.parent()) : e.children();
                default -> e.epcs();
            };
            if ((step == LifecycleStep.PACK || step == LifecycleStep.UNPACK) && !e.children().isEmpty()) {
                checkKeyLimits(units.get(e.parent().key()), "", findings);
            }
            for (UnitRef ref : withContent) {
                Unit top = units.get(ref.key());
                if (top != null) {
                    for (Unit unit : withDescendants(top)) {
                        checkKeyLimits(unit, unit == top ? "" : " (packed in " + ref.written() + ")", findings);
                    }
                }
            }
        }

        private void checkKeyLimits(Unit unit, String via, List<LifecycleFinding> findings) {
            if (unit == null) {
                return;
            }
            if (unit.gtin != null && !key.gtins().isEmpty() && !key.gtins().contains(unit.gtin)) {
                findings.add(new LifecycleFinding(unit.written, "key.gtin-not-allowed", "the key '" + key.name()
                        + "' may not act on GTIN " + unit.gtin + via));
            } else if (unit.location != null && !key.glns().isEmpty() && !key.glns().contains(gln(unit.location))) {
                findings.add(new LifecycleFinding(unit.written, "key.site-not-allowed", "the key '" + key.name()
                        + "' may not act on units at " + unit.location + via));
            }
        }

        void apply(LifecycleEvent e, LifecycleStep step) {
            switch (step) {
                case COMMISSION -> applyCommission(e);
                case PACK -> applyPack(e);
                case UNPACK -> applyUnpack(e);
                default -> applyObjectStep(e, step);
            }
        }

        private void checkCommission(LifecycleEvent e, List<LifecycleFinding> findings) {
            Set<String> seen = new HashSet<>();
            for (UnitRef ref : e.epcs()) {
                Unit stored = units.get(ref.key());
                if (stored != null && !(observing && stored.observed) || !seen.add(ref.key())) {
                    findings.add(new LifecycleFinding(ref.written(), "lifecycle.duplicate-commission",
                            "the EPC is already commissioned" + (observing ? " by this gateway" : "")));
                }
            }
            if (e.lot() == null || observing) {
                return; // an import keeps the expiry each of its events gives
            }
            e.epcs().stream().map(UnitRef::gtin).filter(Objects::nonNull).distinct().forEach(gtin -> {
                String lotKey = SerialStore.lotKey(gtin, e.lot());
                if (lots.containsKey(lotKey) && !Objects.equals(lots.get(lotKey), e.expiry())) {
                    findings.add(new LifecycleFinding(firstOf(e, gtin), "lifecycle.lot-expiry-mismatch",
                            "lot " + e.lot() + " of GTIN " + gtin + " is known with expiry " + lots.get(lotKey)
                                    + ", this event gives " + e.expiry()));
                }
            });
        }

        private void applyCommission(LifecycleEvent e) {
            for (UnitRef ref : e.epcs()) {
                Unit unit = units.get(ref.key());
                if (unit == null) {
                    unit = create(ref, e);
                } else {
                    touch(unit, e); // an observed unit, commissioned in an import again
                }
                if (ref.gtin() != null && e.lot() != null) {
                    unit.lot = e.lot();
                    unit.expiry = e.expiry();
                    String lotKey = SerialStore.lotKey(ref.gtin(), e.lot());
                    if (!lots.containsKey(lotKey)) {
                        lots.put(lotKey, e.expiry());
                        newLotGtins.add(ref.gtin());
                        newLotNumbers.add(e.lot());
                        newLotExpiries.add(e.expiry());
                    }
                }
            }
        }

        private Unit create(UnitRef ref, LifecycleEvent e) {
            Unit unit = new Unit(ref.key(), ref.written(), ref.kind(), ref.gtin(), e.eventTime(), true);
            unit.status = UnitStatus.ACTIVE;
            unit.disposition = e.disposition() != null ? e.disposition() : "active";
            unit.owner = e.sourceOwner();
            unit.location = e.place();
            unit.updatedAt = now;
            unit.lastEvent = e.eventRef();
            unit.observed = observing;
            units.put(unit.key, unit);
            return unit;
        }

        /** The unit, created as observed when an import names it first. */
        private Unit held(UnitRef ref, LifecycleEvent e) {
            Unit unit = units.get(ref.key());
            return unit != null ? unit : create(ref, e);
        }

        private void checkPack(LifecycleEvent e, List<LifecycleFinding> findings) {
            UnitRef parentRef = e.parent();
            if (parentRef == null) {
                findings.add(new LifecycleFinding("", "lifecycle.unknown-parent",
                        "a packing event needs a serialised parentID (SGTIN or SSCC)"));
                return;
            }
            Unit parent = units.get(parentRef.key());
            if (parent == null && !parentRef.kind().equals("sscc") && !observing) {
                findings.add(new LifecycleFinding(parentRef.written(), "lifecycle.unknown-parent",
                        "the parent was never commissioned (only an SSCC may be used as a parent without it)"));
            } else if (parent != null && parent.status != UnitStatus.ACTIVE && !observing) {
                findings.add(new LifecycleFinding(parentRef.written(), "lifecycle.parent-not-active",
                        "cannot pack into a parent that is " + parent.status.word()));
            }
            for (UnitRef ref : e.children()) {
                Unit child = units.get(ref.key());
                if (child == null) {
                    if (ref.key().equals(parentRef.key())) {
                        findings.add(new LifecycleFinding(ref.written(), "lifecycle.pack-cycle",
                                "a unit cannot be packed into itself"));
                    } else if (!observing) {
                        findings.add(new LifecycleFinding(ref.written(), "lifecycle.unknown-child",
                                "cannot pack a child that was never commissioned"));
                    }
                } else if (Transitions.next(child.status, LifecycleStep.PACK) == null && !observing) {
                    findings.add(illegal(ref.written(), child, LifecycleStep.PACK, null));
                } else if (child.parent != null && !child.parent.equals(parentRef.key())
                        && (!observing || packedHere.contains(child.key))) {
                    findings.add(new LifecycleFinding(ref.written(), "lifecycle.child-in-other-parent",
                            "the child is already packed in " + written(child.parent) + "; unpack it first"));
                } else if (ref.key().equals(parentRef.key()) || isAncestor(ref.key(), parentRef.key())) {
                    findings.add(new LifecycleFinding(ref.written(), "lifecycle.pack-cycle",
                            "the child contains the parent it would be packed in"));
                }
            }
        }

        private void applyPack(LifecycleEvent e) {
            Unit parent = held(e.parent(), e);
            touch(parent, e);
            for (UnitRef ref : e.children()) {
                Unit child = held(ref, e);
                if (observing) {
                    detach(child); // packed elsewhere meanwhile, as far as the import knows
                    packedHere.add(child.key);
                }
                child.parent = parent.key;
                children.computeIfAbsent(parent.key, k -> new LinkedHashSet<>()).add(child.key);
                touch(child, e);
            }
        }

        private void checkUnpack(LifecycleEvent e, List<LifecycleFinding> findings) {
            Unit parent = e.parent() == null ? null : units.get(e.parent().key());
            if (parent == null && (e.parent() == null || !observing)) {
                findings.add(new LifecycleFinding(e.parent() == null ? "" : e.parent().written(),
                        "lifecycle.unknown-parent", "cannot unpack a parent the store does not know"));
                return;
            }
            if (observing) {
                return; // what the import says came out is out
            }
            for (UnitRef ref : e.children()) {
                Unit child = units.get(ref.key());
                if (child == null || !parent.key.equals(child.parent)) {
                    findings.add(new LifecycleFinding(ref.written(), "lifecycle.child-not-in-parent",
                            "the child is not packed in " + parent.written));
                } else if (Transitions.next(child.status, LifecycleStep.UNPACK) == null) {
                    findings.add(illegal(ref.written(), child, LifecycleStep.UNPACK, null));
                }
            }
        }

        private void applyUnpack(LifecycleEvent e) {
            Unit parent = held(e.parent(), e);
            List<Unit> out = new ArrayList<>();
            if (e.children().isEmpty()) {
                children.getOrDefault(parent.key, Set.of()).forEach(key -> out.add(units.get(key)));
            } else {
                e.children().forEach(ref -> out.add(held(ref, e)));
            }
            for (Unit unit : out) {
                if (parent.key.equals(unit.parent)) {
                    detach(unit);
                }
                touch(unit, e);
            }
            touch(parent, e);
        }

        private void checkObjectStep(LifecycleEvent e, LifecycleStep step, List<LifecycleFinding> findings)
                throws SQLException {
            if (observing) {
                return; // an import's units take the state its events say
            }
            for (UnitRef ref : e.epcs()) {
                Unit unit = units.get(ref.key());
                if (unit == null) {
                    findings.add(new LifecycleFinding(ref.written(), "lifecycle.unknown-epc",
                            "the EPC was never commissioned"));
                    continue;
                }
                if (step == LifecycleStep.SHIP && e.sourceOwner() != null && unit.owner != null
                        && !gln(unit.owner).equals(gln(e.sourceOwner()))) {
                    findings.add(new LifecycleFinding(ref.written(), "lifecycle.not-owned",
                            "the unit belongs to " + unit.owner + ", not to the shipping party " + e.sourceOwner()));
                }
                if (step == LifecycleStep.RECEIVE && unit.status == UnitStatus.IN_TRANSIT && !ownGlns.isEmpty()
                        && !isOurs(unit.inTransitTo) && !isOurs(unit.location)) {
                    findings.add(new LifecycleFinding(ref.written(), "lifecycle.not-in-transit-to-us",
                            "the unit is in transit to " + unit.inTransitTo + ", not to a party of this gateway"));
                }
                List<Unit> targets = withDescendants(unit);
                for (Unit target : targets) {
                    if (Transitions.next(target.status, step) == null) {
                        findings.add(illegal(target.written, target, step, target == unit ? null : ref.written()));
                    }
                }
                if (step == LifecycleStep.SHIP) {
                    for (Unit target : targets) {
                        String hold = heldBy(target);
                        if (hold != null) {
                            findings.add(new LifecycleFinding(target.written, "lifecycle.unit-held", "cannot ship a"
                                    + " unit that " + hold + (target == unit ? "" : " (it is packed in "
                                    + ref.written() + ")")));
                        }
                    }
                }
            }
        }

        /**
         * Why the unit may not be shipped, or null. The first shipping of a batch asks about every unit of the
         * working set at once (one query); a unit that joined it later (commissioned after that shipping) is asked
         * about with the others not yet asked.
         */
        private String heldBy(Unit unit) throws SQLException {
            if (!askedIfHeld.contains(unit.key)) {
                List<UnitHolds.Candidate> ask = new ArrayList<>();
                for (Unit u : units.values()) {
                    if (askedIfHeld.add(u.key)) {
                        ask.add(new UnitHolds.Candidate(u.key, u.gtin, u.lot));
                    }
                }
                held.putAll(holds.held(connection, ask));
            }
            return held.get(unit.key);
        }

        private void applyObjectStep(LifecycleEvent e, LifecycleStep step) {
            for (UnitRef ref : e.epcs()) {
                Unit top = held(ref, e);
                if (step == LifecycleStep.DISPENSE || step == LifecycleStep.DECOMMISSION
                        || step == LifecycleStep.DESTROY) {
                    detach(top);
                }
                for (Unit unit : withDescendants(top)) {
                    unit.status = observing ? Transitions.observed(unit.status, step)
                            : Transitions.next(unit.status, step);
                    switch (step) {
                        case SHIP -> {
                            // the seller keeps the unit until the buyer receives it
                            unit.owner = unit.owner != null ? unit.owner : e.sourceOwner();
                            unit.location = e.destinationLocation() != null ? e.destinationLocation() : unit.location;
                            unit.inTransitTo = e.destinationOwner() != null ? e.destinationOwner()
                                    : e.destinationLocation();
                        }
                        case RECEIVE, RETURN -> {
                            unit.owner = e.destinationOwner() != null ? e.destinationOwner()
                                    : unit.inTransitTo != null ? unit.inTransitTo : unit.owner;
                            unit.location = e.place() != null ? e.place() : unit.location;
                            unit.inTransitTo = null;
                        }
                        default -> unit.location = e.bizLocation() != null ? e.bizLocation() : unit.location;
                    }
                    touch(unit, e);
                }
            }
        }

        private LifecycleFinding illegal(String epc, Unit unit, LifecycleStep step, String via) {
            String rule;
            if (unit.status.isFinal()) {
                rule = "lifecycle.unit-" + unit.status.word();
            } else if (step == LifecycleStep.SHIP) {
                rule = "lifecycle.ship-not-active";
            } else if (step == LifecycleStep.RECEIVE) {
                rule = "lifecycle.receive-not-in-transit";
            } else if (step == LifecycleStep.PACK) {
                rule = "lifecycle.pack-inactive-child";
            } else {
                rule = "lifecycle.illegal-transition";
            }
            return new LifecycleFinding(epc, rule, "cannot " + step.verb() + " a unit that is " + unit.status.word()
                    + (via == null ? "" : " (it is packed in " + via + ")"));
        }

        private void touch(Unit unit, LifecycleEvent e) {
            if (e.disposition() != null) {
                unit.disposition = e.disposition();
            }
            unit.lastEvent = e.eventRef();
            unit.updatedAt = now;
            unit.changed = true;
        }

        private void detach(Unit unit) {
            if (unit.parent != null) {
                Set<String> siblings = children.get(unit.parent);
                if (siblings != null) {
                    siblings.remove(unit.key);
                }
                unit.parent = null;
            }
        }

        /** The unit and everything packed in it, parents before children. */
        private List<Unit> withDescendants(Unit top) {
            List<Unit> all = new ArrayList<>();
            Deque<Unit> pending = new ArrayDeque<>();
            pending.add(top);
            while (!pending.isEmpty()) {
                Unit unit = pending.poll();
                all.add(unit);
                for (String child : children.getOrDefault(unit.key, Set.of())) {
                    pending.add(units.get(child));
                }
            }
            return all;
        }

        private boolean isAncestor(String candidate, String of) {
            Unit unit = units.get(of);
            while (unit != null && unit.parent != null) {
                if (unit.parent.equals(candidate)) {
                    return true;
                }
                unit = units.get(unit.parent);
            }
            return false;
        }

        private String written(String key) {
            Unit unit = units.get(key);
            return unit == null ? key : unit.written;
        }

        private boolean isOurs(String party) {
            return party != null && ownGlns.contains(gln(party));
        }

        /** The GLN of an SGLN (URN or Digital Link) to compare parties by; other identifiers as written. */
        private String gln(String party) {
            return glns.computeIfAbsent(party, p -> {
                try {
                    return Epc.parse(p) instanceof Sgln sgln ? sgln.gln().value() : p;
                } catch (Gs1Exception notGs1) {
                    return p;
                }
            });
        }
    }

    private static String firstOf(LifecycleEvent e, String gtin) {
        return e.epcs().stream().filter(u -> gtin.equals(u.gtin())).findFirst().map(UnitRef::written).orElse("");
    }
}
