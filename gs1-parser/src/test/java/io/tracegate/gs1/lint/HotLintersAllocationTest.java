package io.tracegate.gs1.lint;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The parser calls the linters of every component on every parse, so the linters of DSCSA data must not allocate
 * when the data is valid. Counts bytes, not time (throughput belongs to the JMH benchmarks).
 */
class HotLintersAllocationTest {

    private static final int CALLS = 200_000;

    @Test
    void dscsaLintersAllocateNothingOnValidData() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
                "this JVM cannot count a thread's allocations");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "thread allocation counting is off");
        Linters linters = Linters.withClock(Clock.fixed(Instant.parse("2026-01-27T00:00:00Z"), ZoneOffset.UTC));
        String data = "01003000101234551728033110A1B2C3\u001D21SN-0001/x";
        Linter[] hot = {
            linters.get("csum"), linters.get("gcppos2"), linters.get("csetnumeric"), linters.get("yymmd0"),
            linters.get("cset82"), linters.get("cset82"), linters.get("yymmdd"), linters.get("gcppos1"),
            linters.get("cset39"),
        };
        int[][] spans = {{2, 16}, {2, 16}, {2, 16}, {18, 24}, {26, 32}, {35, 44}, {18, 24}, {3, 16}, {26, 29}};
        for (int i = 0; i < hot.length; i++) {
            assertNull(hot[i].lint(data, spans[i][0], spans[i][1]), "linter " + i + " must accept its span");
        }
        run(hot, spans, data);   // warm up: class initialisation and linkage allocate once
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        int errors = run(hot, spans, data);
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertTrue(errors == 0);
        // A single allocation per call would be at least 16 bytes x CALLS x linters; allow only measurement noise.
        assertTrue(allocated < 64 * 1024, allocated + " bytes allocated over " + CALLS * hot.length + " lint calls");
    }

    private static int run(Linter[] hot, int[][] spans, String data) {
        int errors = 0;
        for (int n = 0; n < CALLS; n++) {
            for (int i = 0; i < hot.length; i++) {
                if (hot[i].lint(data, spans[i][0], spans[i][1]) != null) {
                    errors++;
                }
            }
        }
        return errors;
    }
}
