package io.tracegate.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Operations per second of CPU time used by the whole benchmark JVM (benchmark threads, JIT compiler, GC), next to
 * JMH's wall-clock score. On a machine shared with other work the wall-clock score measures the share of CPU the
 * benchmark got; this one measures the code. Being charged for the JIT and GC too, it errs low.
 * Use: {@code java -jar benchmarks/target/benchmarks.jar NAME -prof io.tracegate.benchmarks.CpuTimeProfiler}.
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private long cpuAtStart;

    @Override
    public String getDescription() {
        return "operations per CPU-second of the benchmark JVM";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
        cpuAtStart = processCpuNanos();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmark, IterationParams iteration,
            IterationResult result) {
        long cpu = processCpuNanos() - cpuAtStart;
        double opsPerCpuSecond = cpu <= 0 ? Double.NaN : result.getMetadata().getAllOps() / (cpu / 1e9);
        return List.of(new ScalarResult("cpu.thrpt", opsPerCpuSecond, "ops/cpu-s", AggregationPolicy.AVG));
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
