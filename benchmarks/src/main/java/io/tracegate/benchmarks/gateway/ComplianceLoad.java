package io.tracegate.benchmarks.gateway;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Acceptance 6 of compliance: the recall report of a 500,000-unit lot in a 10,000,000-unit store (target < 3 s),
 * and a 100,000-unit export bundle (target >= 50,000 units/s). Starts the gateway jar on a fresh database and loads
 * the store as {@link TraceLatency} does (lots of {@code --units-per-lot} units; every 20 pallets, 100,000 units,
 * shipped to one partner), then times, over HTTP, {@code GET /reports/recall} of whole lots (the full JSON body
 * read) and {@code POST /exports {"partner":..}} until the bundle is done. Beside each wall-clock time it prints
 * the CPU time the gateway's JVM and its PostgreSQL used for it (from {@code /proc}, see
 * {@link VerifyLoad.CpuTime}): on a machine shared with other work, the wall clock measures the share of the cores
 * the run got, the CPU time what the work costs. Run from the repository root:
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.tracegate.benchmarks.gateway.ComplianceLoad
 *     [--units=10000000] [--units-per-lot=500000] [--runs=5] [--jvm=-Xmx2g] [--port=18092]
 *     [--jar=gateway/target/gateway.jar] [--work=target/compliance-load] [--reuse=true]</pre>
 */
public final class ComplianceLoad {

    private static final Pattern UNIT_COUNT = Pattern.compile("\"unitCount\":(\\d+)");
    private static final Pattern EXPORT_ID = Pattern.compile("\"id\":(\\d+)");
    private static final Pattern UNITS_TOTAL = Pattern.compile("\"unitsTotal\":(\\d+)");

    private ComplianceLoad() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = GatewayProcess.options(args);
        int units = Integer.parseInt(o.getOrDefault("units", "10000000"));
        int perLot = Integer.parseInt(o.getOrDefault("units-per-lot", "500000"));
        int runs = Integer.parseInt(o.getOrDefault("runs", "5"));
        Path work = Path.of(o.getOrDefault("work", "target/compliance-load-" + System.currentTimeMillis()));
        boolean reuse = Boolean.parseBoolean(o.getOrDefault("reuse", "false"));
        try (GatewayProcess gateway = GatewayProcess.start(Path.of(o.getOrDefault("jar", "gateway/target/gateway.jar")),
                work, Integer.parseInt(o.getOrDefault("port", "18092")),
                List.of(o.getOrDefault("jvm", "-Xmx2g").split(" ")), reuse)) {
            if (!reuse) {
                try (Connection db = gateway.database()) {
                    long start = System.nanoTime();
                    TraceLatency.load(db, units, perLot);
                    System.out.printf("loaded %,d units in lots of %,d in %.0f s%n", units, perLot,
                            (System.nanoTime() - start) / 1e9);
                }
            }
            int lots = units / perLot;
            Path data = work.resolve("data");
            List<Double> recall = new ArrayList<>();
            List<Double> recallCpu = new ArrayList<>();
            for (int run = 0; run <= runs; run++) {
                String lot = "L" + (run % lots);
                VerifyLoad.CpuTime cpuBefore = VerifyLoad.CpuTime.of(gateway.pid(), data);
                long start = System.nanoTime();
                HttpResponse<InputStream> report = gateway.stream("/reports/recall?lot=" + lot);
                // read to the last byte, keeping the start and the end (the totals) to check
                byte[] head = new byte[4096];
                byte[] tail = new byte[8192];
                long bytes = 0;
                try (InputStream in = report.body()) {
                    byte[] buffer = new byte[1 << 16];
                    for (int n; (n = in.read(buffer)) > 0; bytes += n) {
                        if (bytes < head.length) {
                            System.arraycopy(buffer, 0, head, (int) bytes, (int) Math.min(n, head.length - bytes));
                        }
                        int keep = Math.min(n, tail.length);
                        System.arraycopy(tail, keep, tail, 0, tail.length - keep);
                        System.arraycopy(buffer, n - keep, tail, tail.length - keep, keep);
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                VerifyLoad.CpuTime cpu = VerifyLoad.CpuTime.of(gateway.pid(), data).minus(cpuBefore);
                String first = new String(head, StandardCharsets.UTF_8);
                Matcher count = UNIT_COUNT.matcher(new String(tail, StandardCharsets.UTF_8));
                if (report.statusCode() != 200 || !count.find() || Integer.parseInt(count.group(1)) != perLot
                        || !first.contains("\"partner\":\"urn:epc:id:sgln:0614141.00888.P")) {
                    throw new IllegalStateException("recall report of " + lot + ": " + report.statusCode() + " "
                            + first);
                }
                System.out.printf("recall report of lot %s (%,d units, %,d bytes of JSON): %.2f s, server CPU %.2f s"
                        + " (JVM %.2f, PostgreSQL %.2f), load %s%s%n", lot, perLot, bytes, seconds,
                        cpu.jvm() + cpu.database(), cpu.jvm(), cpu.database(), loadAverage(),
                        run == 0 ? " (first, not counted)" : "");
                if (run > 0) {
                    recall.add(seconds);
                    recallCpu.add(cpu.jvm() + cpu.database());
                }
            }
            summary("recall report", recall, "s");
            summary("recall report, server CPU", recallCpu, "s");
            List<Double> rates = new ArrayList<>();
            List<Double> cpuRates = new ArrayList<>();
            for (int run = 0; run <= runs; run++) {
                String partner = TraceLatency.partner(run);
                VerifyLoad.CpuTime cpuBefore = VerifyLoad.CpuTime.of(gateway.pid(), data);
                long start = System.nanoTime();
                HttpResponse<String> accepted = gateway.post("/exports", "{\"partner\":\"" + partner + "\"}");
                Matcher id = EXPORT_ID.matcher(accepted.body());
                if (accepted.statusCode() != 202 || !id.find()) {
                    throw new IllegalStateException("export refused: " + accepted.statusCode() + " " + accepted.body());
                }
                String job;
                while (true) {
                    job = gateway.get("/exports/" + id.group(1)).body();
                    if (!job.contains("\"status\":\"running\"")) {
                        break;
                    }
                    Thread.sleep(20);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                VerifyLoad.CpuTime cpu = VerifyLoad.CpuTime.of(gateway.pid(), data).minus(cpuBefore);
                Matcher total = UNITS_TOTAL.matcher(job);
                if (!job.contains("\"status\":\"done\"") || !total.find()) {
                    throw new IllegalStateException("export failed: " + job);
                }
                long exported = Long.parseLong(total.group(1));
                double rate = exported / seconds;
                double serverCpu = cpu.jvm() + cpu.database();
                System.out.printf("export for %s: %,d units in %.2f s: %,.0f units/s; server CPU %.2f s (JVM %.2f,"
                        + " PostgreSQL %.2f): %,.0f units per CPU-second, load %s%s%n", partner, exported, seconds,
                        rate, serverCpu, cpu.jvm(), cpu.database(), exported / serverCpu, loadAverage(),
                        run == 0 ? " (first, not counted)" : "");
                if (run > 0) {
                    rates.add(rate);
                    cpuRates.add(exported / serverCpu);
                }
            }
            summary("export", rates, "units/s");
            summary("export, per CPU-second of the server", cpuRates, "units");
            System.out.println("load average: " + loadAverage());
        }
    }

    private static String loadAverage() throws java.io.IOException {
        return Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).strip().split(" ", 4)[0];
    }

    private static void summary(String what, List<Double> values, String unit) {
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        System.out.printf("%s: mean %,.2f %s, min %,.2f, max %,.2f over %d runs%n", what, mean, unit, min, max,
                values.size());
    }
}
