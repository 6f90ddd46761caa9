package io.tracegate.benchmarks.gateway;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Acceptance 4, capture: starts the gateway jar, posts over HTTP packaging documents (by default 100,000 SGTINs
 * commissioned with lot and expiry, packed into 1,000 SSCC cases and 20 SSCC pallets), waits for each capture job,
 * checks that every unit is in the serial store in its case and every case on its pallet, and reports EPCs per
 * second end to end (post to job finished). Like a JMH run, it first captures {@code warmups} documents of the same
 * shape (a gateway at work has compiled its capture path; a cold JIT compiles on the same two cores during the
 * first captures), then {@code iterations} measured ones, each with its own units, cases and pallets, and prints
 * each figure and their mean, minimum and maximum. Then it COPYs one document's unit rows into a table like
 * {@code serial_unit} on the same PostgreSQL, for the ratio to the raw database speed. Run from the repository
 * root:
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.tracegate.benchmarks.gateway.CaptureLoad [--units=100000]
 *     [--cases=1000] [--pallets=20] [--warmups=3] [--iterations=5] [--jvm=-Xmx1g] [--port=18090]
 *     [--jar=gateway/target/gateway.jar] [--work=target/capture-load]</pre>
 */
public final class CaptureLoad {

    private CaptureLoad() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = GatewayProcess.options(args);
        Path work = Path.of(o.getOrDefault("work", "target/capture-load-" + System.currentTimeMillis()));
        int units = Integer.parseInt(o.getOrDefault("units", "100000"));
        int cases = Integer.parseInt(o.getOrDefault("cases", "1000"));
        int pallets = Integer.parseInt(o.getOrDefault("pallets", "20"));
        int warmups = Integer.parseInt(o.getOrDefault("warmups", "3"));
        int iterations = Integer.parseInt(o.getOrDefault("iterations", "5"));
        try (GatewayProcess gateway = GatewayProcess.start(Path.of(o.getOrDefault("jar", "gateway/target/gateway.jar")),
                work, Integer.parseInt(o.getOrDefault("port", "18090")),
                List.of(o.getOrDefault("jvm", "-Xmx1g").split(" ")), false)) {
            for (int w = 1; w <= warmups; w++) {
                System.out.printf("warm-up %d: %s%n", w,
                        capture(gateway, new PackagingDocument("W" + w, w, units, cases, pallets), work));
            }
            List<Double> rates = new ArrayList<>();
            PackagingDocument last = null;
            VerifyLoad.CpuTime cpu = new VerifyLoad.CpuTime(0, 0, 0);
            long epcs = 0;
            for (int i = 1; i <= iterations; i++) {
                last = new PackagingDocument("M" + i, warmups + i, units, cases, pallets);
                VerifyLoad.CpuTime before = VerifyLoad.CpuTime.of(gateway.pid(), work.resolve("data"));
                Result result = capture(gateway, last, work);
                VerifyLoad.CpuTime used = VerifyLoad.CpuTime.of(gateway.pid(), work.resolve("data")).minus(before);
                cpu = new VerifyLoad.CpuTime(cpu.jvm() + used.jvm(), cpu.database() + used.database(), 0);
                epcs += last.epcs();
                System.out.printf("iteration %d: %s%n", i, result);
                try (Connection db = gateway.database()) {
                    verify(db, last);
                }
                rates.add(result.epcsPerSecond());
            }
            double mean = rates.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            System.out.printf("capture: %,.0f EPCs/s mean of %d iterations (min %,.0f, max %,.0f)%n", mean,
                    rates.size(), Collections.min(rates), Collections.max(rates));
            // the server's CPU time per EPC does not depend on what else the machine runs, as the rate does
            System.out.printf("server CPU per 1,000 EPCs: %.2f ms (gateway JVM %.2f ms, PostgreSQL %.2f ms)%n",
                    (cpu.jvm() + cpu.database()) * 1e6 / epcs, cpu.jvm() * 1e6 / epcs, cpu.database() * 1e6 / epcs);
            try (Connection db = gateway.database()) {
                double copyRate = copyRate(db, last.lot);
                System.out.printf("raw COPY of the same %,d unit rows into a table like serial_unit: %,.0f rows/s%n",
                        last.units, copyRate);
                System.out.printf("CaptureLoad: %,.0f EPCs/s mean, raw COPY %,.0f rows/s, ratio %.2f (target >= 0.80),"
                        + " load average %s%n", mean, copyRate, mean / copyRate,
                        Files.readString(Path.of("/proc/loadavg")).strip());
            }
        }
    }

    record Result(PackagingDocument document, Duration elapsed) {
        double epcsPerSecond() {
            return document.epcs() / (elapsed.toNanos() / 1e9);
        }

        @Override
        public String toString() {
            double seconds = elapsed.toNanos() / 1e9;
            return String.format("%,d units + %,d cases + %,d pallets (%,d events, %,d identifiers) in %.2f s ="
                            + " %,.0f EPCs/s (%,.0f identifiers/s)", document.units, document.cases, document.pallets,
                    document.events(), document.identifiers(), seconds, epcsPerSecond(),
                    document.identifiers() / seconds);
        }
    }

    static Result capture(GatewayProcess gateway, PackagingDocument document, Path work) throws Exception {
        Path file = work.resolve("packaging-" + document.run + ".jsonld");
        document.write(file);
        long start = System.nanoTime();
        String job = gateway.awaitJob(gateway.capture(file, "application/ld+json"), Duration.ofMillis(20));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        if (!job.contains("\"success\":true") || !job.contains("\"appliedCount\":" + document.events() + ",")) {
            throw new IllegalStateException("the capture did not apply all " + document.events() + " events: " + job);
        }
        return new Result(document, elapsed);
    }

    /** Every unit is in the store with its lot and case, every case on a pallet. */
    static void verify(Connection db, PackagingDocument document) throws SQLException {
        try (PreparedStatement units = db.prepareStatement("select count(*), count(parent), count(distinct parent)"
                + " from serial_unit where lot = ? and kind = 'sgtin' and status = 'ACTIVE'")) {
            units.setString(1, document.lot);
            try (ResultSet rs = units.executeQuery()) {
                rs.next();
                expect("units in the store", document.units, rs.getLong(1));
                expect("units in a case", document.units, rs.getLong(2));
                expect("cases holding them", document.cases, rs.getLong(3));
            }
        }
        try (PreparedStatement cases = db.prepareStatement("select count(*), count(distinct c.parent)"
                + " from serial_unit c where c.epc in (select distinct parent from serial_unit where lot = ?)")) {
            cases.setString(1, document.lot);
            try (ResultSet rs = cases.executeQuery()) {
                rs.next();
                expect("cases on a pallet", document.cases, rs.getLong(1));
                expect("pallets holding them", document.pallets, rs.getLong(2));
            }
        }
        System.out.printf("verified: %,d units with lot %s, each in one of %,d cases, each on one of %,d pallets%n",
                document.units, document.lot, document.cases, document.pallets);
    }

    private static void expect(String what, long expected, long actual) {
        if (expected != actual) {
            throw new IllegalStateException(what + ": expected " + expected + ", found " + actual);
        }
    }

    /** Rows/s of COPY of this lot's unit rows (binary, as the store writes them) into a copy of serial_unit. */
    static double copyRate(Connection db, String lot) throws SQLException, java.io.IOException {
        CopyManager copy = db.unwrap(PGConnection.class).getCopyAPI();
        ByteArrayOutputStream rows = new ByteArrayOutputStream();
        long count = copy.copyOut("copy (select * from serial_unit where lot = '" + lot.replace("'", "''")
                + "') to stdout (format binary)", rows);
        byte[] bytes = rows.toByteArray();
        List<Double> rates = new ArrayList<>();
        try (Statement statement = db.createStatement()) {
            statement.execute("create table copy_probe (like serial_unit including all)");
            try {
                for (int i = 0; i < 3; i++) {
                    statement.execute("truncate copy_probe");
                    long start = System.nanoTime();
                    copy.copyIn("copy copy_probe from stdin (format binary)", new ByteArrayInputStream(bytes));
                    rates.add(count / ((System.nanoTime() - start) / 1e9));
                }
            } finally {
                statement.execute("drop table copy_probe");
            }
        }
        Collections.sort(rates);
        return rates.get(1); // the median of three
    }
}
