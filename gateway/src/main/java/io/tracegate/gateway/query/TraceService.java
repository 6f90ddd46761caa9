package io.tracegate.gateway.query;

import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gateway.query.TraceSearch.Appearance;
import io.tracegate.gateway.query.TraceSearch.Event;
import io.tracegate.gateway.query.TraceSearch.Found;
import io.tracegate.gateway.query.TraceSearch.Unit;
import io.tracegate.gs1.Gs1Exception;
import io.tracegate.gs1.epc.Epc;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The full story of one unit or container: its current state from the serial store, its place in the aggregation
 * tree, and every event that concerned it, its own and those inherited from the cases and pallets it was packed in
 * while it was in them (ship a pallet = ship everything in it). One statement reads it all ({@link TraceSearch}).
 */
@Service
public class TraceService {

    private final TraceSearch search;

    TraceService(TraceSearch search) {
        this.search = search;
    }

    /** An event in a trace; {@code via} names the container it was inherited from (null for the unit's own). */
    public record TracedEvent(String eventID, String eventType, OffsetDateTime eventTime, String bizStep,
                              String action, String disposition, String readPoint, String bizLocation, String via) {
    }

    /**
     * A trace: the unit's state (null fields when the store does not know the EPC but events name it);
     * {@code observed} when the unit was first seen in a history import, so its history did not start here;
     * {@code inTransitTo} the buyer (or its site) of a shipped unit until it is received, the seller still its owner.
     */
    public record Trace(String epc, String kind, String gtin, String status, String disposition, String owner,
                        String inTransitTo, String location, String lot, String expiry, String parent,
                        List<String> children, OffsetDateTime commissionedAt, Boolean observed, List<TracedEvent> events) {
    }

    /** The state and the history come from one statement, so from one snapshot. */
    public Trace trace(String epcText) {
        String key;
        try {
            key = Epc.parse(epcText).toDigitalLink();
        } catch (Gs1Exception e) {
            throw ApiProblem.validation("'" + epcText + "' is not an EPC URN or GS1 Digital Link: " + e.getMessage());
        }
        Found found = search.find(key);
        Map<Long, TracedEvent> collected = new LinkedHashMap<>();
        collect(found, key, null, null, null, 0, collected);
        Unit u = found.unit();
        if (u == null && collected.isEmpty()) {
            throw ApiProblem.noSuchResource("no unit and no event is known for " + epcText);
        }
        List<TracedEvent> history = new ArrayList<>(collected.values());
        history.sort(Comparator.comparing(TracedEvent::eventTime));
        if (u == null) {
            return new Trace(epcText, null, null, null, null, null, null,
                    null, null, null, null, List.of(), null, null, history);
        }
        return new Trace(u.epc(), u.kind(), u.gtin(), u.status().word(), u.disposition(), u.owner(), u.inTransitTo(),
                u.location(), u.lot(), u.expiry() == null ? null : u.expiry().toString(), u.parent(), u.children(),
                u.commissionedAt(), u.observed(), history);
    }

    /**
     * Adds the events of {@code key} within [from, to) (all of them at depth 0; at depth > 0 only those that act on
     * it as an object or child, not the packing of its other children), then recurses into the containers it was
     * in during that window.
     */
    private static void collect(Found found, String key, OffsetDateTime from, OffsetDateTime to, String via,
            int depth, Map<Long, TracedEvent> into) {
        Map<String, OffsetDateTime> packedSince = new HashMap<>();
        record Stay(String parent, OffsetDateTime from, OffsetDateTime to) {
        }
        List<Stay> stays = new ArrayList<>();
        for (Appearance a : found.appearancesOf(key)) {
            Event e = a.event();
            boolean inWindow = (from == null || !e.eventTime().isBefore(from)) && (to == null || e.eventTime().isBefore(to));
            if (inWindow && (depth == 0 || a.role() == 'e' || a.role() == 'c')) {
                into.putIfAbsent(e.ref(), new TracedEvent(e.eventId(), e.eventType(), e.eventTime(), e.bizStep(),
                        e.action(), e.disposition(), e.readPoint(), e.bizLocation(), via));
            }
            if (a.role() == 'c' && a.parentKey() != null && "ADD".equals(e.action())) {
                packedSince.putIfAbsent(a.parentKey(), e.eventTime());
            } else if (a.role() == 'c' && a.parentKey() != null && "DELETE".equals(e.action())) {
                OffsetDateTime since = packedSince.remove(a.parentKey());
                if (since != null) {
                    stays.add(new Stay(a.parentKey(), since, e.eventTime()));
                }
            }
        }
        packedSince.forEach((parent, since) -> stays.add(new Stay(parent, since, null)));
        if (depth >= TraceSearch.MAX_DEPTH) {
            return;
        }
        for (Stay stay : stays) {
            OffsetDateTime start = from == null || stay.from().isAfter(from) ? stay.from() : from;
            OffsetDateTime end = to == null ? stay.to() : stay.to() == null || to.isBefore(stay.to()) ? to : stay.to();
            if (end == null || start.isBefore(end)) {
                collect(found, stay.parent(), start, end, found.writtenOf(stay.parent()), depth + 1, into);
            }
        }
    }
}
