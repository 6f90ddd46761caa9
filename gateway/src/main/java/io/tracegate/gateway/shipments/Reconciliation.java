package io.tracegate.gateway.shipments;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compares what a shipment document says was shipped with what was received. A container received with nothing
 * scanned in it is taken as received sealed, with everything the document packs in it; one that something was
 * scanned in was opened, and only what was scanned in it counts. Each difference is named
 * once, at the highest level it shows: a missing case is one shortage, not one per unit in it; a container whose
 * label was not scanned but some of whose content was is taken as broken down, and what is missing is its content.
 */
final class Reconciliation {

    private Reconciliation() {
    }

    /**
     * A unit or container the document names.
     *
     * @param key    canonical key (GS1 Digital Link)
     * @param parent canonical key of the container the document packs it in, or null
     */
    record Expected(String key, String written, String gtin, String lot, LocalDate expiry, String parent) {
    }

    /**
     * A unit or container received.
     *
     * @param parent canonical key of the container it was found in, or null when the scan does not say
     * @param lot    the lot its label shows, when scanned from it; else null
     * @param expiry the expiry its label shows, when scanned from it; else null
     */
    record Received(String key, String written, String parent, String lot, LocalDate expiry) {
    }

    /** A difference, about one unit or container (as written). */
    record Mismatch(ExceptionKind kind, String epc, String detail) {
    }

    static List<Mismatch> of(Collection<Expected> expectedItems, Collection<Received> receivedItems) {
        Map<String, Expected> expected = new LinkedHashMap<>();
        Map<String, List<String>> content = new HashMap<>();
        for (Expected e : expectedItems) {
            expected.put(e.key(), e);
            if (e.parent() != null) {
                content.computeIfAbsent(e.parent(), k -> new ArrayList<>()).add(e.key());
            }
        }
        Map<String, Received> received = new LinkedHashMap<>();
        receivedItems.forEach(r -> received.put(r.key(), r)); // scanned again: the later scan counts
        // opened: something was scanned in it (a unit scanned without saying where, say a spot check of a label,
        // opens nothing)
        Set<String> opened = new HashSet<>();
        for (Received r : received.values()) {
            if (r.parent() != null) {
                opened.add(r.parent());
            }
        }
        Set<String> present = new HashSet<>(received.keySet());
        for (String key : received.keySet()) {
            if (expected.containsKey(key) && !opened.contains(key)) {
                addSealedContent(key, content, opened, present);
            }
        }

        // a container not received whose content partly was has been broken down: what is missing is its content
        Set<String> brokenDown = new HashSet<>();
        for (String key : present) {
            Expected e = expected.get(key);
            for (String up = e == null ? null : e.parent(); up != null && !present.contains(up)
                    && brokenDown.add(up); up = expected.get(up).parent()) {
                // every container above a received item, up to one that was received
            }
        }
        List<Mismatch> mismatches = new ArrayList<>();
        for (Expected e : expected.values()) {
            if (!present.contains(e.key()) && !brokenDown.contains(e.key()) && (e.parent() == null
                    || present.contains(e.parent()) || brokenDown.contains(e.parent()))) {
                int inside = count(e.key(), content);
                mismatches.add(new Mismatch(ExceptionKind.SHORTAGE, e.written(), "not received: the document ships "
                        + e.written() + (inside == 0 ? "" : " with " + inside + " units and containers in it")
                        + (e.parent() == null ? "" : " in " + expected.get(e.parent()).written())));
            }
        }
        for (Received r : received.values()) {
            Expected e = expected.get(r.key());
            if (e == null) {
                boolean inOverage = r.parent() != null && received.containsKey(r.parent())
                        && !expected.containsKey(r.parent());
                if (!inOverage) {
                    mismatches.add(new Mismatch(ExceptionKind.OVERAGE, r.written(), "received, but the document"
                            + " does not ship it (product without data)"));
                }
                continue;
            }
            if (r.parent() != null && !r.parent().equals(e.parent())) {
                mismatches.add(new Mismatch(ExceptionKind.HIERARCHY_MISMATCH, r.written(), "found in "
                        + written(r.parent(), expected, received) + ", the document packs it "
                        + (e.parent() == null ? "in nothing" : "in " + expected.get(e.parent()).written())));
            }
            boolean lotDiffers = r.lot() != null && !r.lot().equals(e.lot());
            boolean expiryDiffers = r.expiry() != null && !Objects.equals(r.expiry(), e.expiry());
            if (lotDiffers || expiryDiffers) {
                mismatches.add(new Mismatch(ExceptionKind.LOT_EXPIRY_MISMATCH, r.written(), "labelled "
                        + label(r.lot(), r.expiry()) + ", the document says " + label(e.lot(), e.expiry())));
            }
        }
        mismatches.sort(Comparator.comparing((Mismatch m) -> m.kind()).thenComparing(Mismatch::epc));
        return mismatches;
    }

    /** Everything in a sealed container is there, down to containers that were opened. */
    private static void addSealedContent(String container, Map<String, List<String>> content, Set<String> opened,
            Set<String> present) {
        for (String child : content.getOrDefault(container, List.of())) {
            present.add(child);
            if (!opened.contains(child)) {
                addSealedContent(child, content, opened, present);
            }
        }
    }

    private static int count(String container, Map<String, List<String>> content) {
        int n = 0;
        for (String child : content.getOrDefault(container, List.of())) {
            n += 1 + count(child, content);
        }
        return n;
    }

    private static String written(String key, Map<String, Expected> expected, Map<String, Received> received) {
        if (expected.containsKey(key)) {
            return expected.get(key).written();
        }
        return received.containsKey(key) ? received.get(key).written() : key;
    }

    private static String label(String lot, LocalDate expiry) {
        return "lot " + (lot == null ? "(none)" : lot) + " expiry " + (expiry == null ? "(none)" : expiry);
    }
}
