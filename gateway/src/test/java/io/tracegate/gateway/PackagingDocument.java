package io.tracegate.gateway;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A capture document for the process tests: units commissioned and packed {@value #PER_CASE} to a case, cases
 * {@value #CASES_PER_PALLET} to a pallet; {@value #UNITS} units (the default) make about 15 MB of JSON-LD, several
 * batches, seconds of work. Every serial carries the run's mark ({@code .<run>.}), so that a run's units can be
 * counted.
 */
public final class PackagingDocument {

    public static final int UNITS = 150_000;
    public static final int PER_CASE = 100;
    public static final int CASES_PER_PALLET = 50;
    /** The SGTINs (units and cases) a run of the default size writes. */
    public static final long SGTINS = sgtins(UNITS);

    private PackagingDocument() {
    }

    /** A new run's mark: serials stay within the 20 characters of AI (21). */
    public static String newRun() {
        return "c" + System.nanoTime() % 1_000_000;
    }

    public static byte[] of(String run) {
        return of(run, UNITS);
    }

    /** The SGTINs (units and cases) a run of this many units writes. */
    public static long sgtins(int units) {
        return units + units / PER_CASE;
    }

    /** @param count units, a multiple of {@code PER_CASE * CASES_PER_PALLET} */
    public static byte[] of(String run, int count) {
        if (count % (PER_CASE * CASES_PER_PALLET) != 0) {
            throw new IllegalArgumentException("whole pallets only: " + count + " units");
        }
        List<String> events = new ArrayList<>();
        List<String> units = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            units.add("urn:epc:id:sgtin:030001.0012345." + run + "." + i);
        }
        int caseCount = count / PER_CASE;
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < caseCount; i++) {
            cases.add("urn:epc:id:sgtin:030001.1012345." + run + "." + i);
        }
        List<String> pallets = new ArrayList<>();
        long base = Math.abs(run.hashCode() % 100_000L) * 1000;
        for (int i = 0; i < caseCount / CASES_PER_PALLET; i++) {
            pallets.add("urn:epc:id:sscc:030001.4" + String.format("%010d", base + i));
        }
        for (int i = 0; i < count; i += 1000) {
            events.add(event("ObjectEvent", "ADD", "commissioning", null, "epcList", units.subList(i, i + 1000)));
        }
        events.add(event("ObjectEvent", "ADD", "commissioning", null, "epcList", cases));
        events.add(event("ObjectEvent", "ADD", "commissioning", null, "epcList", pallets));
        for (int c = 0; c < caseCount; c++) {
            events.add(event("AggregationEvent", "ADD", "packing", cases.get(c), "childEPCs",
                    units.subList(c * PER_CASE, (c + 1) * PER_CASE)));
        }
        for (int p = 0; p < pallets.size(); p++) {
            events.add(event("AggregationEvent", "ADD", "packing", pallets.get(p), "childEPCs",
                    cases.subList(p * CASES_PER_PALLET, (p + 1) * CASES_PER_PALLET)));
        }
        return ("{\"@context\":[\"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld\"],"
                + "\"type\":\"EPCISDocument\",\"schemaVersion\":\"2.0\",\"creationDate\":\"2024-01-01T00:00:00Z\","
                + "\"epcisBody\":{\"eventList\":[" + String.join(",", events) + "]}}").getBytes(StandardCharsets.UTF_8);
    }

    private static String event(String type, String action, String bizStep, String parent, String listName,
            List<String> epcs) {
        return "{\"type\":\"" + type + "\",\"eventTime\":\"2024-02-01T00:00:00Z\",\"eventTimeZoneOffset\":\"+00:00\","
                + (parent == null ? "" : "\"parentID\":\"" + parent + "\",") + "\"" + listName + "\":[\""
                + String.join("\",\"", epcs) + "\"],\"action\":\"" + action + "\",\"bizStep\":\"" + bizStep + "\","
                + "\"readPoint\":{\"id\":\"urn:epc:id:sgln:030001.111111.0\"}}";
    }
}
