package io.tracegate.benchmarks.gateway;

import io.tracegate.gs1.epc.Epc;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Acceptance 4, trace: starts the gateway jar on a fresh database, bulk-loads a store of 10,000,000 units (by
 * default) straight into the gateway's own tables with COPY (units commissioned 1,000 per event, packed 100 per
 * SSCC case, cases 50 per SSCC pallet, pallets shipped: {@code serial_unit} with the events naming each unit,
 * {@code lot}, {@code epcis_event}; secondary indexes dropped for the load and rebuilt from their own definitions),
 * then times {@code GET /trace/{epc}} of random units over HTTP, one request at a time, and reports p50/p99. Event
 * bodies are loaded without their EPC lists (the trace does not read bodies), except the shipping events' (one
 * pallet each: the compliance exports read them, {@link ComplianceLoad}). Run from the repository root:
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.tracegate.benchmarks.gateway.TraceLatency [--units=10000000]
 *     [--requests=5000] [--jvm=-Xmx1g] [--port=18091] [--jar=gateway/target/gateway.jar]
 *     [--work=target/trace-latency] [--reuse=true: time the store an earlier run with this --work loaded]</pre>
 */
public final class TraceLatency {

    private static final int PER_COMMISSION = 1000;
    private static final int PER_CASE = 100;
    private static final int CASES_PER_PALLET = 50;
    private static final int UNITS_PER_LOT = 100_000;
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private static final String SITE = "urn:epc:id:sgln:0614141.00777.0";
    private static final List<String> TABLES = List.of("serial_unit", "event_epc", "epcis_event", "lot");

    private TraceLatency() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = GatewayProcess.options(args);
        int units = Integer.parseInt(o.getOrDefault("units", "10000000"));
        int requests = Integer.parseInt(o.getOrDefault("requests", "5000"));
        if (units % (PER_CASE * CASES_PER_PALLET) != 0) {
            throw new IllegalArgumentException("units must be a multiple of " + PER_CASE * CASES_PER_PALLET);
        }
        Path work = Path.of(o.getOrDefault("work", "target/trace-latency-" + System.currentTimeMillis()));
        // a store loaded by an earlier run (same --work, same --units) is timed again without loading
        boolean reuse = Boolean.parseBoolean(o.getOrDefault("reuse", "false"));
        try (GatewayProcess gateway = GatewayProcess.start(Path.of(o.getOrDefault("jar", "gateway/target/gateway.jar")),
                work, Integer.parseInt(o.getOrDefault("port", "18091")),
                List.of(o.getOrDefault("jvm", "-Xmx1g").split(" ")), reuse)) {
            try (Connection db = gateway.database()) {
                if (!reuse) {
                    long start = System.nanoTime();
                    load(db, units);
                    System.out.printf("loaded %,d units, %,d cases, %,d pallets with their events in %.0f s%n",
                            units, units / PER_CASE, units / PER_CASE / CASES_PER_PALLET,
                            (System.nanoTime() - start) / 1e9);
                }
                try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                        "select (select count(*) from serial_unit), (select count(*) from event_epc),"
                                + " (select count(*) from epcis_event)")) {
                    rs.next();
                    System.out.printf("store: %,d serial_unit rows, %,d event_epc rows, %,d epcis_event rows%n",
                            rs.getLong(1), rs.getLong(2), rs.getLong(3));
                }
            }
            Random random = new Random(42);
            time(gateway, random, units, Math.max(200, requests / 10)); // warm-up
            VerifyLoad.CpuTime before = VerifyLoad.CpuTime.of(gateway.pid(), work.resolve("data"));
            long[] nanos = time(gateway, random, units, requests);
            VerifyLoad.CpuTime cpu = VerifyLoad.CpuTime.of(gateway.pid(), work.resolve("data")).minus(before);
            Arrays.sort(nanos);
            System.out.printf("GET /trace/{unit} over HTTP, %,d sequential requests of random units: p50 %.2f ms,"
                            + " p90 %.2f ms, p99 %.2f ms, max %.2f ms (targets p50 < 1.5 ms, p99 < 5 ms),"
                            + " load average %s%n", requests, percentile(nanos, 50), percentile(nanos, 90),
                    percentile(nanos, 99), nanos[nanos.length - 1] / 1e6,
                    Files.readString(Path.of("/proc/loadavg")).strip());
            // the server's CPU time per trace does not depend on what else the machine runs, as latency does
            System.out.printf("server CPU per trace: %.3f ms (gateway JVM %.3f ms, PostgreSQL %.3f ms)%n",
                    (cpu.jvm() + cpu.database()) * 1e3 / requests, cpu.jvm() * 1e3 / requests,
                    cpu.database() * 1e3 / requests);
        }
    }

    private static long[] time(GatewayProcess gateway, Random random, int units, int requests) throws Exception {
        long[] nanos = new long[requests];
        for (int i = 0; i < requests; i++) {
            int unit = random.nextInt(units);
            // half the requests name the unit by its EPC URN, half by its Digital Link
            String epc = i % 2 == 0 ? unitUrn(unit) : unitPrefix() + "U" + unit;
            long start = System.nanoTime();
            HttpResponse<String> trace = gateway.get("/trace/" + URLEncoder.encode(epc, StandardCharsets.UTF_8));
            nanos[i] = System.nanoTime() - start;
            if (trace.statusCode() != 200 || !trace.body().contains("\"bizStep\":\"shipping\"")) {
                throw new IllegalStateException("trace of " + epc + ": " + trace.statusCode() + " " + trace.body());
            }
        }
        return nanos;
    }

    private static double percentile(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)] / 1e6;
    }

    private static String unitUrn(int i) {
        return "urn:epc:id:sgtin:0614141.107346.U" + i;
    }

    private static String unitPrefix;

    /** {@code https://id.gs1.org/01/<gtin>/21/}, as the gateway canonicalises the units' EPCs. */
    private static String unitPrefix() {
        if (unitPrefix == null) {
            String key = Epc.parse(unitUrn(0)).toDigitalLink();
            unitPrefix = key.substring(0, key.length() - "U0".length());
        }
        return unitPrefix;
    }

    private static String caseSscc(int i) {
        return "urn:epc:id:sscc:0614141.1" + String.format("%09d", i);
    }

    private static String palletSscc(int i) {
        return "urn:epc:id:sscc:0614141.2" + String.format("%09d", i);
    }

    static void load(Connection db, int units) throws SQLException, IOException {
        load(db, units, UNITS_PER_LOT);
    }

    /** Pallets shipped to each partner (the shipping events' destination owning party, {@link #partner}). */
    static final int PALLETS_PER_PARTNER = 20;

    /** The owning party the n-th group of {@value #PALLETS_PER_PARTNER} pallets is shipped to. */
    static String partner(int n) {
        return "urn:epc:id:sgln:0614141.00888.P" + n;
    }

    static String lotOf(int unit, int unitsPerLot) {
        return "L" + (unit / unitsPerLot);
    }

    static void load(Connection db, int units, int unitsPerLot) throws SQLException, IOException {
        int cases = units / PER_CASE;
        int pallets = cases / CASES_PER_PALLET;
        int commissions = units / PER_COMMISSION;
        String site = Epc.parse(SITE).toDigitalLink();
        String gtin = unitPrefix().replaceAll(".*/01/(\\d{14})/21/", "$1");
        db.setAutoCommit(false);
        Map<String, String> indexes = new LinkedHashMap<>();
        long job;
        try (Statement s = db.createStatement()) {
            try (ResultSet rs = s.executeQuery("select indexname, indexdef from pg_indexes i where tablename in ("
                    + "'serial_unit', 'event_epc', 'epcis_event', 'lot') and not exists (select 1 from pg_constraint c"
                    + " where c.conname = i.indexname)")) {
                while (rs.next()) {
                    indexes.put(rs.getString(1), rs.getString(2));
                }
            }
            for (String index : indexes.keySet()) {
                s.execute("drop index " + index);
            }
            try (ResultSet rs = s.executeQuery("insert into capture_job (created_at, finished_at, running, success,"
                    + " error_behaviour, submitted_by, document_sha256, document_bytes) values (now(), now(), false,"
                    + " true, 'rollback', 'benchmark bulk load', 'none', 0) returning id")) {
                rs.next();
                job = rs.getLong(1);
            }
        }
        String[] caseKeys = new String[cases];
        for (int k = 0; k < cases; k++) {
            caseKeys[k] = Epc.parse(caseSscc(k)).toDigitalLink();
        }
        String[] palletKeys = new String[pallets];
        for (int p = 0; p < pallets; p++) {
            palletKeys[p] = Epc.parse(palletSscc(p)).toDigitalLink();
        }
        // event ids: commissions 1.., case packs, pallet packs, pallet shipments
        long casePack = commissions + 1L;
        long palletPack = casePack + cases;
        long ship = palletPack + pallets;
        try (BufferedWriter out = copy(db, "epcis_event (id, event_hash, event_id, event_type, event_time,"
                + " record_time, event_time_zone_offset, action, biz_step, disposition, read_point, biz_location,"
                + " parent_id, capture_job_id, body)")) {
            Events events = new Events(out, job);
            for (int c = 0; c < commissions; c++) {
                events.write(c + 1, "ObjectEvent", T0.plusSeconds(c), "ADD", "commissioning", "active", site, site,
                        null, ",\"ilmd\":{\"cbvmda:lotNumber\":\"" + lotOf(c * PER_COMMISSION, unitsPerLot)
                                + "\",\"cbvmda:itemExpirationDate\":\"2027-12-31\"}");
            }
            for (int k = 0; k < cases; k++) {
                events.write(casePack + k, "AggregationEvent", packTime(commissions, k), "ADD", "packing",
                        "in_progress", site, site, caseKeys[k], "");
            }
            for (int p = 0; p < pallets; p++) {
                events.write(palletPack + p, "AggregationEvent", packTime(commissions, cases + p), "ADD", "packing",
                        "in_progress", site, site, palletKeys[p], "");
                events.write(ship + p, "ObjectEvent", packTime(commissions, cases + pallets + p), "OBSERVE",
                        "shipping", "in_transit", site, null, null, ",\"epcList\":[\"" + palletSscc(p) + "\"],"
                                + "\"destinationList\":[{\"type\":\"owning_party\","
                                + "\"destination\":\"" + partner(p / PALLETS_PER_PARTNER) + "\"}],"
                                + "\"bizTransactionList\":[{\"type\":\"po\",\"bizTransaction\":\"urn:epcglobal:cbv:bt:"
                                + "0614141000005:PO" + p + "\"}]");
            }
        }
        String prefix = unitPrefix();
        // every identifier is a unit the store holds: the events naming it are listed on its row
        try (BufferedWriter out = copy(db, "serial_unit (epc, written, kind, gtin, lot, expiry, status, disposition,"
                + " owner, location, parent, in_transit_to, commissioned_at, updated_at, last_event, event_refs,"
                + " event_roles)")) {
            for (int i = 0; i < units; i++) {
                int k = i / PER_CASE;
                int p = k / CASES_PER_PALLET;
                row(out, prefix + "U" + i, unitUrn(i), "sgtin", gtin, lotOf(i, unitsPerLot), "2027-12-31",
                        "IN_TRANSIT", "in_transit", SITE, SITE, caseKeys[k], null,
                        T0.plusSeconds(i / PER_COMMISSION).toString(),
                        packTime(commissions, cases + pallets + p).toString(), Long.toString(ship + p),
                        "{" + (i / PER_COMMISSION + 1) + "," + (casePack + k) + "}", "ec");
            }
            for (int k = 0; k < cases; k++) {
                int p = k / CASES_PER_PALLET;
                String packed = packTime(commissions, k).toString();
                row(out, caseKeys[k], caseSscc(k), "sscc", null, null, null, "IN_TRANSIT", "in_transit", SITE, SITE,
                        palletKeys[p], null, packed, packTime(commissions, cases + pallets + p).toString(),
                        Long.toString(ship + p), "{" + (casePack + k) + "," + (palletPack + p) + "}", "pc");
            }
            for (int p = 0; p < pallets; p++) {
                row(out, palletKeys[p], palletSscc(p), "sscc", null, null, null, "IN_TRANSIT", "in_transit", SITE,
                        SITE, null, null, packTime(commissions, cases + p).toString(),
                        packTime(commissions, cases + pallets + p).toString(), Long.toString(ship + p),
                        "{" + (palletPack + p) + "," + (ship + p) + "}", "pe");
            }
        }
        try (BufferedWriter out = copy(db, "lot (gtin, lot, expiry, first_seen)")) {
            for (int l = 0; l * unitsPerLot < units; l++) {
                row(out, gtin, "L" + l, "2027-12-31", T0.toString());
            }
        }
        // the query index of the shipping events' destinations, as capture writes it
        try (BufferedWriter out = copy(db, "event_attribute (event_ref, kind, name, value)")) {
            for (int p = 0; p < pallets; p++) {
                row(out, Long.toString(ship + p), "d", "owning_party", partner(p / PALLETS_PER_PARTNER));
            }
        }
        try (Statement s = db.createStatement()) {
            s.execute("select setval('epcis_event_id_seq', " + (ship + pallets) + ")");
            for (String definition : indexes.values()) {
                s.execute(definition);
            }
            db.commit();
            db.setAutoCommit(true);
            for (String table : TABLES) {
                s.execute("analyze " + table);
            }
        }
    }

    /** Packing and shipping happen after all commissioning, one second apart. */
    private static Instant packTime(int commissions, long n) {
        return T0.plusSeconds(commissions + n);
    }

    private static BufferedWriter copy(Connection db, String table) throws SQLException {
        return new BufferedWriter(new OutputStreamWriter(new PGCopyOutputStream(db.unwrap(PGConnection.class),
                "copy " + table + " from stdin", 1 << 20), StandardCharsets.UTF_8), 1 << 20);
    }

    /** epcis_event rows with short bodies (no EPC lists: the trace does not read bodies). */
    private record Events(BufferedWriter out, long job) {
        void write(long id, String type, Instant time, String action, String bizStep, String disposition,
                String readPoint, String bizLocation, String parent, String more) throws IOException {
            String body = "{\"@context\":[\"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld\"],"
                    + "\"type\":\"EPCISDocument\",\"schemaVersion\":\"2.0\",\"creationDate\":\"" + time + "\","
                    + "\"epcisBody\":{\"eventList\":[{\"type\":\"" + type + "\",\"eventTime\":\"" + time
                    + "\",\"eventTimeZoneOffset\":\"+00:00\",\"eventID\":\"bench:" + id + "\",\"action\":\"" + action
                    + "\",\"bizStep\":\"" + bizStep + "\",\"disposition\":\"" + disposition + "\"" + more + "}]}}";
            List<String> values = new ArrayList<>(List.of(Long.toString(id), "bench-" + id, "bench:" + id, type,
                    time.toString(), time.toString(), "+00:00", action, bizStep, disposition));
            values.add(readPoint);
            values.add(bizLocation);
            values.add(parent);
            values.add(Long.toString(job));
            values.add(body);
            row(out, values.toArray(String[]::new));
        }
    }

    /** One row of COPY text format (the values here never hold tabs, newlines or backslashes). */
    private static void row(BufferedWriter out, String... values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.write('\t');
            }
            out.write(values[i] == null ? "\\N" : values[i]);
        }
        out.write('\n');
    }
}
