package io.tracegate.benchmarks.gateway;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Acceptance 5, exchange: two gateways on this machine, a sender and a receiver, each on its own embedded PostgreSQL,
 * registered as each other's partners. The sender is given {@code messages} EPCIS 2.0 documents of about {@code kb}
 * KB each through {@code POST /partners/{id}/messages} by {@code clients} threads; it signs (SHA-256), encrypts
 * (AES-256-CBC) and posts each over AS2 and waits for the receiver's synchronous signed MDN, which it verifies
 * (signature and MIC). Messages per second = documents delivered (MDN verified) divided by the time from the first
 * post to the last MDN; after {@code warmups} documents delivered the same way first. The receiver hands every
 * document to its capture pipeline; how far capture got is printed too. CPU time of both gateways and their
 * PostgreSQL over the measured run gives messages per CPU-second, which the machine's other load does not distort
 * as much as the rate. Run from the repository root:
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.tracegate.benchmarks.gateway.As2Load [--messages=6000]
 *     [--warmups=1000] [--clients=16] [--workers=16] [--kb=100] [--jvm=-Xmx1g] [--sender-jvm=..]
 *     [--receiver-jvm=..] [--sender-port=18091] [--receiver-port=18092] [--jar=gateway/target/gateway.jar]
 *     [--work=target/as2-load]</pre>
 */
public final class As2Load {

    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");
    private static final String SITE = "urn:epc:id:sgln:0614141.00777.0";

    private As2Load() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = GatewayProcess.options(args);
        Path jar = Path.of(o.getOrDefault("jar", "gateway/target/gateway.jar"));
        Path work = Path.of(o.getOrDefault("work", "target/as2-load-" + System.currentTimeMillis()));
        int messages = Integer.parseInt(o.getOrDefault("messages", "6000"));
        int warmups = Integer.parseInt(o.getOrDefault("warmups", "1000"));
        int clients = Integer.parseInt(o.getOrDefault("clients", "16"));
        int kb = Integer.parseInt(o.getOrDefault("kb", "100"));
        String jvm = o.getOrDefault("jvm", "-Xmx1g");
        try (GatewayProcess receiver = GatewayProcess.start(jar, work.resolve("receiver"),
                Integer.parseInt(o.getOrDefault("receiver-port", "18092")),
                List.of(o.getOrDefault("receiver-jvm", jvm).split(" ")), false,
                List.of("--tracegate.exchange.as2-id=RECEIVER"));
             GatewayProcess sender = GatewayProcess.start(jar, work.resolve("sender"),
                     Integer.parseInt(o.getOrDefault("sender-port", "18091")),
                     List.of(o.getOrDefault("sender-jvm", jvm).split(" ")), false,
                     List.of("--tracegate.exchange.as2-id=SENDER",
                             "--tracegate.exchange.outbound.workers=" + o.getOrDefault("workers", "16")))) {
            long partner = register(sender, "RECEIVER", receiver);
            register(receiver, "SENDER", sender);
            byte[] sample = document("size", kb);
            System.out.printf("documents: %,d bytes each (EPCIS 2.0 JSON-LD), %d clients, signed SHA-256,"
                    + " encrypted AES-256-CBC, synchronous signed MDN%n", sample.length, clients);

            Result warmup = send(sender, partner, warmups, clients, kb, "W");
            System.out.println("warm-up: " + warmup);
            Path senderData = work.resolve("sender").resolve("data");
            Path receiverData = work.resolve("receiver").resolve("data");
            System.out.println("load average before: " + VerifyLoad.loadAverage());
            VerifyLoad.CpuTime senderBefore = VerifyLoad.CpuTime.of(sender.pid(), senderData);
            VerifyLoad.CpuTime receiverBefore = VerifyLoad.CpuTime.of(receiver.pid(), receiverData);
            Result measured = send(sender, partner, messages, clients, kb, "M");
            VerifyLoad.CpuTime senderCpu = VerifyLoad.CpuTime.of(sender.pid(), senderData).minus(senderBefore);
            VerifyLoad.CpuTime receiverCpu = VerifyLoad.CpuTime.of(receiver.pid(), receiverData)
                    .minus(receiverBefore);
            System.out.println("load average after: " + VerifyLoad.loadAverage());
            System.out.println("measured: " + measured);
            System.out.printf("AS2 exchange: %,.1f messages/s sustained (%,d messages of %d KB in %.1f s)%n",
                    measured.perSecond(), messages, kb, measured.elapsed().toMillis() / 1000.0);
            double cpu = senderCpu.jvm() + senderCpu.database() + receiverCpu.jvm() + receiverCpu.database();
            System.out.printf("CPU meanwhile: sender JVM %.1f s, its PostgreSQL %.1f s; receiver JVM %.1f s (capture"
                    + " of the received documents included), its PostgreSQL %.1f s; this harness %.1f s%n",
                    senderCpu.jvm(), senderCpu.database(), receiverCpu.jvm(), receiverCpu.database(),
                    senderCpu.generator());
            System.out.printf("%,.1f messages per CPU-second of both gateways and their PostgreSQL (%,.1f messages/s"
                    + " on 2 whole cores)%n", messages / cpu, 2 * messages / cpu);
            try (Connection db = receiver.database()) {
                System.out.println("receiver: " + scalar(db, "select count(*) from exchange_message where direction"
                        + " = 'in' and status = 'processed'") + " messages processed, " + scalar(db, "select count(*)"
                        + " from exchange_message where direction = 'in' and attempts > 1") + " received twice, "
                        + scalar(db, "select count(*) from exchange_message where capture_id is not null")
                        + " handed to capture, " + scalar(db, "select count(*) from capture_job where not running and"
                        + " success") + " capture jobs finished successfully");
            }
        }
    }

    /** A run: how many were delivered, and from the first post to the last MDN. */
    record Result(int delivered, int failed, Duration elapsed) {
        double perSecond() {
            return delivered / (elapsed.toNanos() / 1e9);
        }

        @Override
        public String toString() {
            return String.format("%,d delivered, %d not, in %.1f s: %,.1f messages/s", delivered, failed,
                    elapsed.toMillis() / 1000.0, perSecond());
        }
    }

    private static Result send(GatewayProcess sender, long partner, int count, int clients, int kb, String run)
            throws Exception {
        long firstId;
        try (Connection db = sender.database()) {
            firstId = scalar(db, "select coalesce(max(id), 0) from exchange_message") + 1;
        }
        Instant start = Instant.now();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> posts = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            posts.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    HttpResponse<String> queued = sender.post("/partners/" + partner + "/messages",
                            "application/ld+json", document(run + i, kb));
                    if (queued.statusCode() != 202) {
                        throw new IllegalStateException("not queued: " + queued.statusCode() + " " + queued.body());
                    }
                }
                return null;
            }));
        }
        for (Future<?> post : posts) {
            post.get();
        }
        pool.shutdown();
        try (Connection db = sender.database()) {
            String mine = " from exchange_message where direction = 'out' and id >= " + firstId;
            while (scalar(db, "select count(*)" + mine + " and status in ('queued', 'sending')") > 0) {
                Thread.sleep(100);
            }
            long delivered = scalar(db, "select count(*)" + mine + " and status = 'delivered'");
            long last = scalar(db, "select (extract(epoch from max(mdn_at)) * 1000)::bigint" + mine);
            return new Result((int) delivered, count - (int) delivered,
                    Duration.between(start, Instant.ofEpochMilli(last)));
        }
    }

    /** Registers {@code other} as a partner of {@code gateway}; returns its id there. */
    private static long register(GatewayProcess gateway, String as2Id, GatewayProcess other) throws Exception {
        String pem = other.get("/exchange/certificate").body().replace("\n", "\\n");
        String url = other.base() + "/as2";
        HttpResponse<String> created = gateway.post("/partners", "{\"name\":\"" + as2Id + "\",\"as2Id\":\"" + as2Id
                + "\",\"url\":\"" + url + "\",\"certificates\":[\"" + pem + "\"],\"signing\":\"sha256\","
                + "\"encryption\":\"aes256-cbc\",\"mdn\":{\"signed\":true,\"async\":false}}");
        Matcher id = ID.matcher(created.body());
        if (created.statusCode() != 201 || !id.find()) {
            throw new IllegalStateException("partner not registered: " + created.statusCode() + " " + created.body());
        }
        return Long.parseLong(id.group(1));
    }

    /** About {@code kb} KB of commissioning events of 50 SGTINs each, serials unique to {@code run}. */
    static byte[] document(String run, int kb) {
        StringBuilder json = new StringBuilder(kb * 1100).append("{\"@context\":[\"https://ref.gs1.org/standards/"
                + "epcis/2.0.0/epcis-context.jsonld\"],\"type\":\"EPCISDocument\",\"schemaVersion\":\"2.0\","
                + "\"creationDate\":\"2024-01-01T00:00:00Z\",\"epcisBody\":{\"eventList\":[");
        for (int event = 0; json.length() < kb * 1000 - 2500; event++) {
            json.append(event == 0 ? "" : ",").append("{\"type\":\"ObjectEvent\",\"eventTime\":\"2024-01-01T00:00:")
                    .append(String.format("%02d", event % 60)).append("Z\",\"eventTimeZoneOffset\":\"+00:00\","
                            + "\"action\":\"ADD\",\"epcList\":[");
            for (int u = 0; u < 50; u++) {
                json.append(u == 0 ? "\"" : ",\"").append("urn:epc:id:sgtin:0614141.107346.").append(run)
                        .append('.').append(event * 50 + u).append('"');
            }
            json.append("],\"bizStep\":\"commissioning\",\"disposition\":\"active\",\"readPoint\":{\"id\":\"")
                    .append(SITE).append("\"},\"bizLocation\":{\"id\":\"").append(SITE).append("\"}}");
        }
        return json.append("]}}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static long scalar(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
