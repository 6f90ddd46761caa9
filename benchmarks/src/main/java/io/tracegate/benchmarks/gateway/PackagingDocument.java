package io.tracegate.benchmarks.gateway;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A packaging line's output as one EPCIS 2.0 JSON-LD capture document: {@code units} SGTINs commissioned with lot
 * and expiry (ILMD) in events of {@value #PER_COMMISSION}, packed into {@code cases} SSCC cases, which are packed
 * into {@code pallets} SSCC pallets. Written straight to a file, never held in memory.
 */
final class PackagingDocument {

    static final int PER_COMMISSION = 1000;
    static final String SITE = "urn:epc:id:sgln:0614141.00777.0";
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    final String run;
    final int runNumber;
    final int units;
    final int cases;
    final int pallets;
    final String lot;

    /**
     * @param run       names the run's serials and lot: distinct runs commission distinct units
     * @param runNumber 0 to 99, distinct per run on one store: its cases' and pallets' SSCCs are its own
     */
    PackagingDocument(String run, int runNumber, int units, int cases, int pallets) {
        if (units % cases != 0 || cases % pallets != 0) {
            throw new IllegalArgumentException("units must fill the cases and cases the pallets evenly");
        }
        if (runNumber < 0 || runNumber > 99 || cases > 10_000_000) {
            throw new IllegalArgumentException("run number 0 to 99 and at most 10,000,000 cases");
        }
        this.run = run;
        this.runNumber = runNumber;
        this.units = units;
        this.cases = cases;
        this.pallets = pallets;
        this.lot = "LOT" + run;
    }

    String unit(int i) {
        return "urn:epc:id:sgtin:0614141.107346." + run + "-" + i;
    }

    String caseSscc(int i) {
        return "urn:epc:id:sscc:0614141.1" + String.format("%02d%07d", runNumber, i);
    }

    String palletSscc(int i) {
        return "urn:epc:id:sscc:0614141.2" + String.format("%02d%07d", runNumber, i);
    }

    /** Distinct EPCs: units, cases and pallets. */
    long epcs() {
        return (long) units + cases + pallets;
    }

    /** Identifiers the events name (a unit is named by its commissioning and by its packing). */
    long identifiers() {
        return 2L * units + 2L * cases + pallets;
    }

    int events() {
        return (units + PER_COMMISSION - 1) / PER_COMMISSION + cases + pallets;
    }

    void write(Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("{\"@context\":[\"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld\","
                    + "{\"cbvmda\":\"urn:epcglobal:cbv:mda#\"}],\"type\":\"EPCISDocument\",\"schemaVersion\":\"2.0\","
                    + "\"creationDate\":\"" + START + "\",\"epcisBody\":{\"eventList\":[");
            int second = 0;
            boolean first = true;
            for (int from = 0; from < units; from += PER_COMMISSION) {
                first = separator(out, first);
                event(out, "ObjectEvent", second++, "ADD", null, "epcList");
                for (int i = from; i < Math.min(units, from + PER_COMMISSION); i++) {
                    out.write(i == from ? "\"" : ",\"");
                    out.write(unit(i));
                    out.write('"');
                }
                out.write("],\"bizStep\":\"commissioning\",\"disposition\":\"active\",\"readPoint\":{\"id\":\"" + SITE
                        + "\"},\"bizLocation\":{\"id\":\"" + SITE + "\"},\"ilmd\":{\"cbvmda:lotNumber\":\"" + lot
                        + "\",\"cbvmda:itemExpirationDate\":\"2027-12-31\"}}");
            }
            int perCase = units / cases;
            for (int c = 0; c < cases; c++) {
                first = separator(out, first);
                event(out, "AggregationEvent", second++, "ADD", caseSscc(c), "childEPCs");
                for (int i = c * perCase; i < (c + 1) * perCase; i++) {
                    out.write(i == c * perCase ? "\"" : ",\"");
                    out.write(unit(i));
                    out.write('"');
                }
                packed(out);
            }
            int perPallet = cases / pallets;
            for (int p = 0; p < pallets; p++) {
                first = separator(out, first);
                event(out, "AggregationEvent", second++, "ADD", palletSscc(p), "childEPCs");
                for (int c = p * perPallet; c < (p + 1) * perPallet; c++) {
                    out.write(c == p * perPallet ? "\"" : ",\"");
                    out.write(caseSscc(c));
                    out.write('"');
                }
                packed(out);
            }
            out.write("]}}");
        }
    }

    private static boolean separator(BufferedWriter out, boolean first) throws IOException {
        if (!first) {
            out.write(',');
        }
        return false;
    }

    private void event(BufferedWriter out, String type, int second, String action, String parent,
            String list) throws IOException {
        out.write("{\"type\":\"" + type + "\",\"eventTime\":\"" + START.plusSeconds(second)
                + "\",\"eventTimeZoneOffset\":\"+00:00\",\"action\":\"" + action + "\",");
        if (parent != null) {
            out.write("\"parentID\":\"" + parent + "\",");
        }
        out.write("\"" + list + "\":[");
    }

    private void packed(BufferedWriter out) throws IOException {
        out.write("],\"bizStep\":\"packing\",\"disposition\":\"in_progress\",\"readPoint\":{\"id\":\"" + SITE
                + "\"},\"bizLocation\":{\"id\":\"" + SITE + "\"}}");
    }
}
