package io.tracegate.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/**
 * The packaged {@code gateway.jar}, started once per test JVM as a user starts it (its own embedded PostgreSQL, a
 * fresh data directory under {@code target/}), spoken to over HTTP; stopped when the JVM ends.
 */
final class RunningGateway {

    static final String ADMIN_KEY = "conformance-admin-key-" + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningGateway instance;

    final int port;
    private final Process process;
    private final Path dataDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private RunningGateway(int port, Process process, Path dataDir) {
        this.port = port;
        this.process = process;
        this.dataDir = dataDir;
    }

    static synchronized RunningGateway get() throws Exception {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> instance.process.destroy()));
        }
        return instance;
    }

    private static RunningGateway start() throws Exception {
        Path jar = Path.of(System.getProperty("tracegate.gateway.jar", "../gateway/target/gateway.jar"));
        if (!Files.exists(jar)) {
            throw new AssertionError(jar + " is missing: build the gateway first (./mvnw -B verify builds it)");
        }
        Path runs = Path.of("target", "conformance-data");
        if (Files.exists(runs)) { // earlier runs' clusters
            try (var old = Files.walk(runs)) {
                old.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        Path dataDir = runs.resolve(UUID.randomUUID().toString()).toAbsolutePath();
        Files.createDirectories(dataDir);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-jar", jar.toAbsolutePath().toString(),
                "--server.port=" + port, "--tracegate.data-dir=" + dataDir)
                .redirectErrorStream(true).redirectOutput(dataDir.resolve("gateway.log").toFile());
        builder.environment().put("TRACEGATE_ADMIN_KEY", ADMIN_KEY);
        RunningGateway gateway = new RunningGateway(port, builder.start(), dataDir);
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!gateway.process.isAlive()) {
                throw new AssertionError("the gateway exited; see " + dataDir.resolve("gateway.log"));
            }
            try {
                if (gateway.send(gateway.request("/actuator/health", null).GET()).statusCode() == 200) {
                    return gateway;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the gateway did not start within 3 minutes; see " + dataDir);
    }

    HttpRequest.Builder request(String pathAndQuery, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                .timeout(Duration.ofMinutes(2));
        return key == null ? request : request.header("Authorization", "Bearer " + key);
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A new API key with these roles, allowed to import history or not; returns its secret. */
    String createKey(String name, boolean mayImport, String... roles) throws Exception {
        String body = JSON.writeValueAsString(java.util.Map.of("name", name, "roles", roles, "import", mayImport));
        HttpResponse<String> created = send(request("/admin/keys", ADMIN_KEY).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        if (created.statusCode() != 201) {
            throw new AssertionError("could not create key " + name + ": " + created.body());
        }
        return JSON.readTree(created.body()).path("key").asText();
    }

    static JsonNode json(String body) throws IOException {
        return JSON.readTree(body);
    }

    Path log() {
        return dataDir.resolve("gateway.log");
    }
}
