package io.tracegate.benchmarks.gateway;

import io.tracegate.gs1.epc.Epc;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;

/**
 * Acceptance 4, verification: starts the gateway jar on a fresh database, bulk-loads the 10,000,000-unit store of
 * {@link TraceLatency} (COPY), and drives {@code GET /vrs/gtin/{gtin}/lot/{lot}/ser/{serial}} of random units over
 * HTTP/1.1 keep-alive from this JVM: a load generator of raw non-blocking sockets driven by one thread (each
 * connection sends a request and reads the whole answer before the next; every answer must be a 200 with
 * {@code "verified":true}).
 *
 * <ol>
 *   <li>throughput: {@code --connections} connections as fast as they are answered, after a warm-up;</li>
 *   <li>latency at a fixed rate ({@code --rate}, 2,000/s): each connection sends on a schedule, and a request's
 *       latency counts from when it was due (so a slow answer that delays the next request is charged to it too);</li>
 *   <li>raw PostgreSQL point look-ups of the same units (8 JDBC threads, prepared), for the ratio; and pgbench's,
 *       when {@code pgbench} is installed.</li>
 * </ol>
 * Then every 200 answered must have its row in the request log. Run from the repository root:
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.tracegate.benchmarks.gateway.VerifyLoad [--units=10000000]
 *     [--connections=32] [--seconds=30] [--warmup=20] [--rate=2000] [--jvm=-Xmx1g] [--port=18092]
 *     [--jar=gateway/target/gateway.jar] [--work=target/verify-load] [--reuse=true] [--only=throughput]</pre>
 */
public final class VerifyLoad {

    private static final String REQ_GLN = "0399999999991";
    private static final Pattern CONNECTION_CLOSE = Pattern.compile("(?i)\r\nconnection: *close");
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)\r\ncontent-length: *(\\d+)");

    private VerifyLoad() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = GatewayProcess.options(args);
        int units = Integer.parseInt(o.getOrDefault("units", "10000000"));
        int connections = Integer.parseInt(o.getOrDefault("connections", "32"));
        int seconds = Integer.parseInt(o.getOrDefault("seconds", "30"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "20"));
        int rate = Integer.parseInt(o.getOrDefault("rate", "2000"));
        int port = Integer.parseInt(o.getOrDefault("port", "18092"));
        Path work = Path.of(o.getOrDefault("work", "target/verify-load-" + System.currentTimeMillis()));
        boolean reuse = Boolean.parseBoolean(o.getOrDefault("reuse", "false"));
        List<String> jvm = new ArrayList<>(List.of(o.getOrDefault("jvm", "-Xmx1g").split(" ")));
        // the benchmark's one requestor may ask as fast as it can
        jvm.add("-Dtracegate.verify.requestor.requests-per-second=1000000000");
        jvm.add("-Dtracegate.verify.requestor.burst=1000000000");
        jvm.add("-Dtracegate.verify.responder-gln=0614141000005");
        System.out.println("load average at start: " + loadAverage());
        try (GatewayProcess gateway = GatewayProcess.start(Path.of(o.getOrDefault("jar", "gateway/target/gateway.jar")),
                work, port, jvm, reuse)) {
            try (Connection db = gateway.database()) {
                if (!reuse) {
                    long start = System.nanoTime();
                    TraceLatency.load(db, units);
                    System.out.printf("loaded %,d units in %.0f s%n", units, (System.nanoTime() - start) / 1e9);
                    // what autovacuum would do to a store loaded over months: done now, so that the timed runs
                    // measure verifications, not a vacuum of 10,000,000 fresh rows (and their hint bits) beside them
                    start = System.nanoTime();
                    try (Statement vacuum = db.createStatement()) {
                        vacuum.execute("vacuum (analyze) serial_unit");
                    }
                    System.out.printf("vacuumed in %.0f s%n", (System.nanoTime() - start) / 1e9);
                }
            }
            String key = partnerKey(gateway);
            String prefix = Epc.parse("urn:epc:id:sgtin:0614141.107346.U0").toDigitalLink();
            String gtin = prefix.replaceAll(".*/01/(\\d{14})/21/.*", "$1");
            Requests requests = new Requests("localhost", port, gtin, key, units, null);
            long before = loggedRows(gateway);
            String probe = o.get("probe");
            if (probe != null) {
                // the same load on another path (e.g. /me: authentication and Spring MVC without verification)
                Requests probing = new Requests("localhost", port, gtin, key, units, probe);
                run(probing, connections, warmup, 0);
                CpuTime before0 = CpuTime.of(gateway.pid(), work.resolve("data"));
                Result result = run(probing, connections, seconds, 0);
                CpuTime used = CpuTime.of(gateway.pid(), work.resolve("data")).minus(before0);
                System.out.printf("probe GET %s: %,.0f/s; CPU per request: gateway JVM %.0f us, PostgreSQL %.0f us,"
                        + " load generator %.0f us%n", probe, result.count() / (double) seconds,
                        used.jvm() * 1e6 / result.count(), used.database() * 1e6 / result.count(),
                        used.generator() * 1e6 / result.count());
                return;
            }

            run(requests, connections, warmup, 0);
            System.out.println("load average before the throughput run: " + loadAverage());
            CpuTime cpuBefore = CpuTime.of(gateway.pid(), work.resolve("data"));
            Result throughput = run(requests, connections, seconds, 0);
            CpuTime cpu = CpuTime.of(gateway.pid(), work.resolve("data")).minus(cpuBefore);
            System.out.printf("throughput: %,d verifications in %d s over %d keep-alive connections: %,.0f/s"
                            + " (p50 %.2f ms, p99 %.2f ms)%n", throughput.count(), seconds, connections,
                    throughput.count() / (double) seconds, throughput.percentile(50), throughput.percentile(99));
            double perRequest = 1e6 / throughput.count();
            System.out.printf("CPU per verification: gateway JVM %.0f us, PostgreSQL %.0f us, load generator %.0f us:"
                            + " %,.0f verifications per second of 2 whole cores%n", cpu.jvm() * perRequest,
                    cpu.database() * perRequest, cpu.generator() * perRequest,
                    2 * throughput.count() / (cpu.jvm() + cpu.database() + cpu.generator()));
            System.out.println("load average after: " + loadAverage());
            if ("throughput".equals(o.get("only"))) {
                return; // a quick look while working on the code: no latency run, no raw look-ups
            }

            int paced = Math.min(connections, 16);
            Result latency = run(requests, paced, seconds, rate);
            System.out.printf("latency at %,d/s (%d connections, %,d requests): p50 %.2f ms, p90 %.2f ms,"
                            + " p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n", rate, paced, latency.count(),
                    latency.percentile(50), latency.percentile(90), latency.percentile(99), latency.percentile(99.9),
                    latency.max());
            System.out.println("load average after: " + loadAverage());

            double raw = rawLookups(gateway, prefix, units, 8, seconds);
            System.out.printf("raw PostgreSQL point look-ups (JDBC, 8 threads, prepared): %,.0f/s;"
                    + " verifications/look-ups: %.2f%n", raw, throughput.count() / (double) seconds / raw);
            pgbench(gateway, prefix, units, seconds);

            long logged = loggedRows(gateway) - before;
            long answered = requests.answered.get();
            System.out.printf("request log: %,d rows for %,d answers%n", logged, answered);
            if (logged != answered) {
                throw new IllegalStateException("the request log lacks " + (answered - logged) + " answered rows");
            }
        }
    }

    /** The requests' bytes and the count of 200 answers. */
    static final class Requests {
        final String host;
        final int port;
        final String gtin;
        final String key;
        final int units;
        /** another path to GET instead of verifications, or null */
        final String probe;
        final AtomicLong answered = new AtomicLong();

        Requests(String host, int port, String gtin, String key, int units, String probe) {
            this.host = host;
            this.port = port;
            this.gtin = gtin;
            this.key = key;
            this.units = units;
            this.probe = probe;
        }

        /** A verification of unit i, as TraceLatency loaded it: lot L(i / 100,000), expiry 2027-12-31. */
        byte[] request(int i) {
            String path = probe != null ? probe : "/vrs/gtin/" + gtin + "/lot/L" + (i / 100_000) + "/ser/U" + i
                    + "?exp=271231&linkType=verificationService&reqGLN=" + REQ_GLN;
            return ("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                    + "\r\nAuthorization: Bearer " + key + "\r\nAccept: application/json\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** Latencies of one run, in nanoseconds. */
    record Result(long[] nanos) {
        long count() {
            return nanos.length;
        }

        double percentile(double p) {
            return nanos.length == 0 ? 0 : nanos[Math.min(nanos.length - 1,
                    (int) Math.ceil(nanos.length * p / 100.0) - 1)] / 1e6;
        }

        double max() {
            return nanos.length == 0 ? 0 : nanos[nanos.length - 1] / 1e6;
        }
    }

    /**
     * {@code connections} keep-alive connections for {@code seconds}; {@code rate} 0 sends on each as soon as its
     * previous answer is in, else {@code rate} requests per second in all, each connection on its own schedule.
     *
     * <p>One thread and one selector drive every connection, with non-blocking sockets: the generator's CPU counts
     * against the 2 cores the target is stated for, and a thread per blocking socket costs a wake-up (a futex and a
     * context switch) per answer, where the selector collects every answer ready at once. The JDK's HttpClient is
     * heavier still (its own selector thread handing each answer to an executor, and a dozen objects per exchange).
     */
    static Result run(Requests requests, int connections, int seconds, int rate) throws IOException {
        long start = System.nanoTime() + 50_000_000L;
        long end = start + seconds * 1_000_000_000L;
        long interval = rate == 0 ? 0 : 1_000_000_000L * connections / rate;
        List<Client> open = new ArrayList<>();
        long[] nanos = new long[1 << 20];
        int n = 0;
        try (Selector selector = Selector.open()) {
            for (int c = 0; c < connections; c++) {
                open.add(new Client(requests, selector, new SplittableRandom(c * 7919L + System.nanoTime()),
                        start + (rate == 0 ? 0 : interval * c / connections)));
            }
            int busy = 0;
            while (true) {
                long now = System.nanoTime();
                long wait = Long.MAX_VALUE;
                boolean sending = false;
                for (Client connection : open) {
                    if (connection.due >= 0) {
                        continue; // waiting for its answer
                    }
                    long due = rate == 0 ? now : connection.next;
                    if (due >= end) {
                        continue;
                    }
                    sending = true;
                    if (due <= now) {
                        connection.send(due);
                        connection.next += interval;
                        busy++;
                    } else {
                        wait = Math.min(wait, due - now);
                    }
                }
                if (busy == 0 && !sending) {
                    break;
                }
                // select's timeout is in milliseconds: a paced request may be sent up to 1 ms late, and is charged for it
                selector.select(busy > 0 && wait == Long.MAX_VALUE ? 0 : Math.max(1, (wait + 999_999) / 1_000_000));
                for (SelectionKey key : selector.selectedKeys()) {
                    Client connection = (Client) key.attachment();
                    if (connection.read()) {
                        long took = System.nanoTime() - connection.due;
                        if (connection.due >= start) {
                            if (n == nanos.length) {
                                nanos = Arrays.copyOf(nanos, n * 2);
                            }
                            nanos[n++] = took;
                        }
                        connection.due = -1;
                        busy--;
                    }
                }
                selector.selectedKeys().clear();
            }
        } finally {
            for (Client connection : open) {
                connection.channel.close();
            }
        }
        long[] sorted = Arrays.copyOf(nanos, n);
        Arrays.sort(sorted);
        return new Result(sorted);
    }

    /** One keep-alive connection: at most one request outstanding (HTTP/1.1 without pipelining). */
    private static final class Client {
        private final Requests requests;
        private final Selector selector;
        private final SplittableRandom random;
        private final ByteBuffer in = ByteBuffer.allocate(16 * 1024);
        private SocketChannel channel;
        /** when the next request is due (paced runs) */
        long next;
        /** when the outstanding request was due, or -1 when there is none */
        long due = -1;
        private int headerEnd;
        private int total;
        private boolean chunked;

        Client(Requests requests, Selector selector, SplittableRandom random, long next) throws IOException {
            this.requests = requests;
            this.selector = selector;
            this.random = random;
            this.next = next;
            connect();
        }

        private void connect() throws IOException {
            channel = SocketChannel.open(new InetSocketAddress(requests.host, requests.port));
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ, this);
        }

        void send(long due) throws IOException {
            this.due = due;
            in.clear();
            headerEnd = -1;
            ByteBuffer request = ByteBuffer.wrap(requests.request(random.nextInt(requests.units)));
            while (request.hasRemaining()) {
                channel.write(request); // a few hundred bytes into an empty socket buffer: written at once
            }
        }

        /** Reads what has arrived; true once the whole answer is in (checked, and the connection renewed if closed). */
        boolean read() throws IOException {
            if (channel.read(in) < 0) {
                throw new IOException("the gateway closed the connection");
            }
            byte[] bytes = in.array();
            int length = in.position();
            if (headerEnd < 0) {
                int end = indexOf(bytes, length, HEADER_END);
                if (end < 0) {
                    return false;
                }
                headerEnd = end + 4;
                String head = new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
                Matcher m = CONTENT_LENGTH.matcher(head);
                chunked = !m.find();
                total = chunked ? -1 : headerEnd + Integer.parseInt(m.group(1));
                if (chunked && !head.toLowerCase().contains("transfer-encoding: chunked")) {
                    throw new IOException("neither Content-Length nor chunked: " + head);
                }
            }
            if (chunked ? !endsWith(bytes, length, LAST_CHUNK) : length < total) {
                if (!in.hasRemaining()) {
                    throw new IOException("an answer over " + in.capacity() + " bytes");
                }
                return false;
            }
            String answer = new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            if (!answer.startsWith("HTTP/1.1 200")
                    || requests.probe == null && indexOf(bytes, length, VERIFIED) < 0) {
                throw new IllegalStateException("unexpected answer: " + answer);
            }
            requests.answered.incrementAndGet();
            if (CONNECTION_CLOSE.matcher(answer.substring(0, headerEnd)).find()) {
                channel.close();
                connect();
            }
            return true;
        }
    }

    private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VERIFIED = "\"verified\":true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LAST_CHUNK = "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private static int indexOf(byte[] bytes, int length, byte[] wanted) {
        outer:
        for (int i = 0; i + wanted.length <= length; i++) {
            for (int j = 0; j < wanted.length; j++) {
                if (bytes[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static boolean endsWith(byte[] buffer, int length, byte[] suffix) {
        return length >= suffix.length && indexOf(Arrays.copyOfRange(buffer, length - suffix.length, length),
                suffix.length, suffix) == 0;
    }

    private static String partnerKey(GatewayProcess gateway) throws Exception {
        HttpResponse<String> created = gateway.post("/admin/keys", "{\"name\":\"vrs-load-"
                + System.currentTimeMillis() + "\",\"roles\":[\"PARTNER\"]}");
        if (created.statusCode() != 201) {
            throw new IllegalStateException("no key: " + created.body());
        }
        return created.body().replaceAll(".*\"key\":\"([^\"]+)\".*", "$1");
    }

    private static long loggedRows(GatewayProcess gateway) throws Exception {
        try (Connection db = gateway.database(); Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from vrs_request_log")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Point look-ups of random units' rows by primary key from {@code threads} JDBC connections. */
    private static double rawLookups(GatewayProcess gateway, String prefix, int units, int threads, int seconds)
            throws Exception {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> workers = new ArrayList<>();
        Throwable[] failure = new Throwable[1];
        for (int t = 0; t < threads; t++) {
            int seed = t;
            Thread worker = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                try (Connection db = gateway.database()) {
                    db.unwrap(PGConnection.class).setPrepareThreshold(1);
                    try (PreparedStatement select = db.prepareStatement(
                            "select lot, expiry, status, disposition from serial_unit where epc = ?")) {
                        long count = 0;
                        while (System.nanoTime() < end) {
                            select.setString(1, prefix.substring(0, prefix.length() - 2) + "U"
                                    + random.nextInt(units));
                            try (ResultSet rs = select.executeQuery()) {
                                if (!rs.next()) {
                                    throw new IllegalStateException("unit missing");
                                }
                            }
                            count++;
                        }
                        done.addAndGet(count);
                    }
                } catch (Exception e) {
                    failure[0] = e;
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (failure[0] != null) {
            throw new IllegalStateException("raw look-ups failed: " + failure[0], failure[0]);
        }
        return done.get() / (double) seconds;
    }

    /** pgbench's prepared point look-ups of the same rows, 8 clients, when it is installed. */
    private static void pgbench(GatewayProcess gateway, String prefix, int units, int seconds) throws Exception {
        Path pgbench = Path.of("/usr/bin/pgbench");
        if (!Files.isExecutable(pgbench)) {
            System.out.println("pgbench: not installed (Debian's postgresql-contrib or postgresql-client has it)");
            return;
        }
        String url = gateway.jdbcUrl();
        Matcher m = Pattern.compile("//([^:/]+):(\\d+)/([^?]+)").matcher(url);
        if (!m.find()) {
            throw new IllegalStateException("cannot read " + url);
        }
        Path script = Files.createTempFile("verify-lookup", ".sql");
        Files.writeString(script, "\\set i random(0, " + (units - 1) + ")\nselect lot, expiry, status, disposition"
                + " from serial_unit where epc = '" + prefix.substring(0, prefix.length() - 2) + "U' || :i;\n");
        ProcessBuilder builder = new ProcessBuilder(pgbench.toString(), "-n", "-M", "prepared", "-c", "8", "-j", "2", "-T",
                Integer.toString(seconds), "-f", script.toString(), "-h", m.group(1), "-p", m.group(2), "-U",
                gateway.user(), m.group(3)).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", gateway.password());
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))); // never a prompt
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        output.lines().filter(line -> line.startsWith("tps") || line.contains("latency average"))
                .forEach(line -> System.out.println("pgbench (8 clients, prepared): " + line.strip()));
    }

    /**
     * CPU seconds used so far by the gateway's JVM, its PostgreSQL (the embedded server's processes are the JVM's
     * descendants) and this JVM (the load generator), from {@code /proc}: on a machine shared with other work the
     * wall-clock rate measures the share of the cores the benchmark got, this measures the code.
     */
    record CpuTime(double jvm, double database, double generator) {
        static CpuTime of(long gatewayPid, Path dataDir) throws IOException {
            double database = 0;
            String cluster = dataDir.toAbsolutePath().normalize().toString();
            // the embedded server's postmaster is started by pg_ctl and is no child of the JVM: found by its data
            // directory, with its backends as its children
            for (ProcessHandle postmaster : ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                    .map(line -> line.contains(cluster)).orElse(false)).toList()) {
                database += seconds(postmaster.pid());
                for (ProcessHandle child : postmaster.descendants().toList()) {
                    database += seconds(child.pid());
                }
            }
            return new CpuTime(seconds(gatewayPid), database, seconds(ProcessHandle.current().pid()));
        }

        CpuTime minus(CpuTime before) {
            return new CpuTime(jvm - before.jvm, database - before.database, generator - before.generator);
        }

        /** utime + stime of a process, in seconds (clock ticks of 1/100 s); 0 for one that has ended. */
        private static double seconds(long pid) throws IOException {
            Path stat = Path.of("/proc", Long.toString(pid), "stat");
            if (!Files.exists(stat)) {
                return 0;
            }
            String text;
            try {
                text = Files.readString(stat);
            } catch (IOException gone) {
                return 0;
            }
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        }
    }

    static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).strip();
    }
}
