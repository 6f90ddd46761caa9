package io.tracegate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The packaged {@code gateway.jar} run as a process of its own, for the *IT tests (failsafe runs them after
 * {@code package}): on its embedded PostgreSQL in a data directory under {@code target/}, on a fixed database port
 * across restarts, spoken to over HTTP with the bootstrap ADMIN key.
 */
public final class GatewayJar implements AutoCloseable {

    public static final String ADMIN_KEY = "process-test-admin-key-0123456789abcdefghijklmnopqrstuvwxyz";

    private final HttpClient http = HttpClient.newHttpClient();
    private final Path jar;
    private final Path dataDir;
    private final int databasePort = freePort();
    private int generation;
    private Process process;
    private int port;

    /** A gateway in a fresh data directory under {@code target/<name>/}. */
    public GatewayJar(String name) {
        this(Path.of("target", "gateway.jar"), name);
    }

    /** The same from another module: the gateway module's jar at {@code jar}. */
    public GatewayJar(Path jar, String name) {
        this.jar = jar.toAbsolutePath();
        this.dataDir = Path.of("target", name, UUID.randomUUID().toString()).toAbsolutePath();
    }

    /** Starts the gateway (again) with these extra options, and waits until it answers its health check. */
    public void start(String... options) throws Exception {
        port = freePort();
        Files.createDirectories(dataDir);
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-jar", jar.toString(),
                "--server.port=" + port,
                "--tracegate.data-dir=" + dataDir, "--tracegate.embedded-database.port=" + databasePort));
        command.addAll(List.of(options));
        generation++;
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log().toFile());
        builder.environment().put("TRACEGATE_ADMIN_KEY", ADMIN_KEY);
        process = builder.start();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("the gateway exited; see " + log()).isTrue();
            try {
                if (get("/actuator/health", null).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the gateway did not start within 3 minutes; see " + log());
    }

    /** This start's log file. */
    public Path log() {
        return dataDir.resolve("gateway-" + generation + ".log");
    }

    public Process process() {
        return process;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The HTTP port of the current start. */
    public int port() {
        return port;
    }

    /** Its HTTP client, for answers other than text. */
    public HttpClient http() {
        return http;
    }

    /** SIGTERM, as a service manager stops it; waits at most this long for the exit. */
    public void stop(Duration patience) throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS))
                .as("the gateway stops within %s; see %s", patience, log()).isTrue();
    }

    /** SIGKILL: no shutdown at all. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy(); // graceful: the gateway stops its embedded PostgreSQL too
            process.waitFor();
        }
    }

    /** Creates a key with one role through the API; returns the secret. */
    public String createKey(String name, String role) throws Exception {
        HttpResponse<String> created = send(request("/admin/keys", ADMIN_KEY).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"name\":\"" + name + "\",\"roles\":[\"" + role + "\"]}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JsonPath.read(created.body(), "$.key");
    }

    /** Posts a JSON-LD capture document. */
    public HttpResponse<String> capture(byte[] document, String key) throws Exception {
        return send(request("/capture", key).header("Content-Type", "application/ld+json")
                .POST(BodyPublishers.ofByteArray(document)));
    }

    /** The final state of the job a capture was accepted as (202), polled until it no longer runs. */
    public String awaitJob(HttpResponse<String> accepted, String key) throws Exception {
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String location = accepted.headers().firstValue("Location").orElseThrow();
        long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        while (System.nanoTime() < deadline) {
            String job = get(location, key).body();
            if (!(Boolean) JsonPath.read(job, "$.running")) {
                return job;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("capture job " + location + " still running after 20 minutes");
    }

    public HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
        return send(request(path, key).GET());
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), BodyHandlers.ofString());
    }

    /** A request to this gateway, with {@code Authorization: Bearer <key>} unless the key is null. */
    public HttpRequest.Builder request(String path, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        return key == null ? request : request.header("Authorization", "Bearer " + key);
    }

    /** The SGTINs in the store whose serial has this run's mark (see {@link PackagingDocument}). */
    public long unitCount(String run) throws SQLException, IOException {
        try (Connection connection = database();
             PreparedStatement statement = connection.prepareStatement(
                     "select count(*) from serial_unit where written like ?")) {
            statement.setString(1, "%." + run + ".%");
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The embedded database, as the gateway connects to it: its role, the password from the cluster's file. */
    public Connection database() throws SQLException, IOException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + databasePort + "/postgres", "tracegate",
                Files.readString(dataDir.resolve("postgres").resolve("tracegate.password")).strip());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
