package io.tracegate.benchmarks.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * CPU time used by a process and all its descendants (the gateway JVM and its embedded PostgreSQL's processes), from
 * {@code /proc/<pid>/stat} (Linux): user and system time, and the time of children that have ended. On a machine
 * shared with other work, work per CPU-second measures the code where wall-clock rates measure the share of the
 * cores it was given.
 */
final class ProcessCpu {

    /** Clock ticks per second of {@code /proc} times; 100 on every Linux this runs on ({@code getconf CLK_TCK}). */
    private static final long TICKS_PER_SECOND = 100;

    private ProcessCpu() {
    }

    static Duration of(long pid) {
        ProcessHandle root = ProcessHandle.of(pid).orElseThrow();
        long ticks = Stream.concat(Stream.of(root), root.descendants()).mapToLong(p -> ticks(p.pid())).sum();
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
