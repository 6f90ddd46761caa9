package io.tracegate.benchmarks.gateway;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Acceptance 4, memory: runs the gateway jar with a bounded heap ({@code -Xmx512m} by default, GC log on), captures
 * a 1,000,000-EPC packaging document over HTTP, and reports the peak heap in use: sampled every 100 ms from
 * {@code jvm_memory_used_bytes{area="heap"}} at /actuator/prometheus, and the largest heap before a collection in
 * the JVM's own GC log. Run from the repository root:
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.tracegate.benchmarks.gateway.CaptureHeap [--units=1000000]
 *     [--cases=10000] [--pallets=200] [--jvm=-Xmx512m] [--port=18092] [--jar=gateway/target/gateway.jar]
 *     [--work=target/capture-heap]</pre>
 */
public final class CaptureHeap {

    private static final Pattern HEAP = Pattern.compile("(?m)^jvm_memory_used_bytes\\{area=\"heap\",[^}]*} ([0-9.E+]+)$");
    /** A unified GC log pause line: {@code ... Pause Young (Normal) (G1 Evacuation Pause) 300M->120M(512M) 5.1ms}. */
    private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private CaptureHeap() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = GatewayProcess.options(args);
        Path work = Path.of(o.getOrDefault("work", "target/capture-heap-" + System.currentTimeMillis()));
        Files.createDirectories(work);
        Path gcLog = work.toAbsolutePath().resolve("gc.log");
        String heap = o.getOrDefault("jvm", "-Xmx512m");
        PackagingDocument document = new PackagingDocument("H", 0, Integer.parseInt(o.getOrDefault("units", "1000000")),
                Integer.parseInt(o.getOrDefault("cases", "10000")), Integer.parseInt(o.getOrDefault("pallets", "200")));
        Path file = work.resolve("packaging-1M.jsonld");
        document.write(file);
        System.out.printf("document: %,d units + %,d cases + %,d pallets, %,d events, %,d identifiers, %,d bytes%n",
                document.units, document.cases, document.pallets, document.events(), document.identifiers(),
                Files.size(file));
        try (GatewayProcess gateway = GatewayProcess.start(Path.of(o.getOrDefault("jar", "gateway/target/gateway.jar")),
                work, Integer.parseInt(o.getOrDefault("port", "18092")),
                List.of((heap + " -Xlog:gc:file=" + gcLog).split(" ")), false)) {
            long idle = heapUsed(gateway);
            AtomicLong peak = new AtomicLong(idle);
            Thread sampler = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        peak.accumulateAndGet(heapUsed(gateway), Math::max);
                        Thread.sleep(100);
                    }
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            long start = System.nanoTime();
            String job = gateway.awaitJob(gateway.capture(file, "application/ld+json"), Duration.ofMillis(200));
            double seconds = (System.nanoTime() - start) / 1e9;
            sampler.interrupt();
            sampler.join();
            if (!job.contains("\"success\":true")) {
                throw new IllegalStateException("the capture failed: " + job);
            }
            System.out.printf("captured in %.1f s (%,.0f EPCs/s) with %s%n", seconds, document.epcs() / seconds, heap);
            System.out.printf("heap in use (/actuator/prometheus, every 100 ms): idle %,d MB, peak %,d MB"
                    + " (limit 512 MB: ratio %.2f)%n", idle >> 20, peak.get() >> 20, (peak.get() >> 20) / 512.0);
            int beforeGc = 0;
            int committed = 0;
            Matcher m = GC.matcher(Files.readString(gcLog));
            while (m.find()) {
                beforeGc = Math.max(beforeGc, Integer.parseInt(m.group(1)));
                committed = Math.max(committed, Integer.parseInt(m.group(3)));
            }
            System.out.printf("GC log (%s): largest heap before a collection %,d MB, largest committed heap %,d MB%n",
                    gcLog.getFileName(), beforeGc, committed);
        }
    }

    private static long heapUsed(GatewayProcess gateway) throws Exception {
        HttpResponse<String> metrics = gateway.get("/actuator/prometheus");
        long used = 0;
        Matcher m = HEAP.matcher(metrics.body());
        while (m.find()) {
            used += (long) Double.parseDouble(m.group(1));
        }
        return used;
    }
}
