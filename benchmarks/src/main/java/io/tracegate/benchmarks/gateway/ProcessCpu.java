package io.tracegate.benchmarks.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * CPU time used by a gateway: its JVM, and its embedded PostgreSQL server (which {@code pg_ctl} detaches from the
 * JVM: it is found by its data directory on its command line) with its backends, from {@code /proc/<pid>/stat}
 * (Linux): user and system time, and the time of children that have ended. On a machine shared with other work, work
 * per CPU-second measures the code where wall-clock rates measure the share of the cores it was given.
 */
final class ProcessCpu {

    /** Clock ticks per second of {@code /proc} times; 100 on every Linux this runs on ({@code getconf CLK_TCK}). */
    private static final long TICKS_PER_SECOND = 100;

    private ProcessCpu() {
    }

    /** A gateway's CPU time so far: its JVM's, and its PostgreSQL's. */
    record Usage(Duration jvm, Duration postgres) {
        Duration total() {
            return jvm.plus(postgres);
        }

        Usage minus(Usage earlier) {
            return new Usage(jvm.minus(earlier.jvm), postgres.minus(earlier.postgres));
        }
    }

    /** @param dataDir the gateway's {@code tracegate.data-dir} */
    static Usage of(long pid, Path dataDir) {
        String cluster = dataDir.toAbsolutePath().normalize().resolve("postgres").toString();
        Stream<ProcessHandle> postgres = ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                .map(line -> line.contains("postgres") && line.contains("-D " + cluster)).orElse(false));
        return new Usage(tree(ProcessHandle.of(pid).stream()), tree(postgres));
    }

    private static Duration tree(Stream<ProcessHandle> roots) {
        long ticks = roots.flatMap(root -> Stream.concat(Stream.of(root), root.descendants()))
                .mapToLong(p -> ticks(p.pid())).sum();
        return Duration.ofMillis(ticks * 1000 / TICKS_PER_SECOND);
    }

    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name (which may hold spaces) in parentheses: utime is the 14th field overall.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                    + Long.parseLong(fields[14]);
        } catch (IOException | RuntimeException ended) {
            return 0; // a process that ended meanwhile
        }
    }
}
