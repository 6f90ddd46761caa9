package io.tracegate.benchmarks.epcis;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.IntSupplier;

/**
 * The EPCIS benchmarks' operations timed in CPU time of the measuring thread instead of wall time: on a machine
 * shared with other work (a CI runner, a loaded build box) JMH's wall-clock scores measure the contention, while
 * events per CPU-second measure the code. Runs each operation for warm-up rounds, then reports the last rounds:
 * {@code java -cp benchmarks/target/benchmarks.jar io.tracegate.benchmarks.epcis.CpuTimeThroughput}.
 */
public final class CpuTimeThroughput {

    private static final int WARMUP_ROUNDS = 3;
    private static final int MEASURED_ROUNDS = 3;
    private static final long ROUND_CPU_NANOS = 2_000_000_000L;

    private CpuTimeThroughput() {
    }

    public static void main(String[] args) {
        EventHashBenchmark hash = new EventHashBenchmark();
        hash.setUp();
        report("event hash (events/CPU-s)", () -> {
            for (int i = 0; i < 1000; i++) {
                hash.hashDscsaEvent();
            }
            return 1000;
        });
        EpcisReadBenchmark read = new EpcisReadBenchmark();
        read.setUp();
        report("read 1.2 XML with identifier validation (events/CPU-s)", () -> {
            read.readWithIdentifierValidation();
            return EpcisReadBenchmark.EVENTS;
        });
        report("read 1.2 XML only (events/CPU-s)", () -> {
            read.readOnly();
            return EpcisReadBenchmark.EVENTS;
        });
    }

    /** Runs the operation (which returns how many events it handled) and prints events per CPU-second. */
    private static void report(String what, IntSupplier operation) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] rates = new double[MEASURED_ROUNDS];
        for (int round = 0; round < WARMUP_ROUNDS + MEASURED_ROUNDS; round++) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            long events = 0;
            long cpu;
            do {
                events += operation.getAsInt();
                cpu = threads.getCurrentThreadCpuTime() - cpuStart;
            } while (cpu < ROUND_CPU_NANOS);
            if (round >= WARMUP_ROUNDS) {
                rates[round - WARMUP_ROUNDS] = events / (cpu / 1e9);
            }
        }
        double min = Double.MAX_VALUE;
        double max = 0;
        double sum = 0;
        for (double r : rates) {
            min = Math.min(min, r);
            max = Math.max(max, r);
            sum += r;
        }
        System.out.printf("%-58s mean %,9.0f  min %,9.0f  max %,9.0f%n", what, sum / rates.length, min, max);
    }
}
