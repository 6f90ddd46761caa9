package io.tracegate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The packaged {@code gateway.jar} run as a process for the crash tests ({@code *IT}, after {@code package}): started
 * on a data directory and embedded-database port that survive its kills, so that a restart finds what the killed
 * process left. Each start gets a new HTTP port and its own log file in the data directory.
 */
public final class GatewayProcess implements AutoCloseable {

    private final HttpClient http = HttpClient.newHttpClient();
    private final Path jar;
    private final Path dataDir;
    private final int databasePort = freePort();
    private final String adminKey;
    private final List<String> arguments;
    private Process process;
    private int port;

    /**
     * The gateway module's own {@code target/gateway.jar}, data under {@code target/<name>/}.
     *
     * @param arguments extra {@code --name=value} arguments of every start
     */
    public GatewayProcess(String name, String adminKey, String... arguments) {
        this(Path.of("target", "gateway.jar"), name, adminKey, arguments);
    }

    /** Another module's run of the gateway jar at {@code jar}, data under its own {@code target/<name>/}. */
    public GatewayProcess(Path jar, String name, String adminKey, String... arguments) {
        this.jar = jar.toAbsolutePath();
        this.dataDir = Path.of("target", name, UUID.randomUUID().toString()).toAbsolutePath();
        this.adminKey = adminKey;
        this.arguments = List.of(arguments);
    }

    /** Starts the jar and waits until it is healthy; {@code generation} names its log file. */
    public void start(int generation) throws Exception {
        port = freePort();
        Files.createDirectories(dataDir);
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-jar",
                jar.toString(), "--server.port=" + port,
                "--tracegate.data-dir=" + dataDir, "--tracegate.embedded-database.port=" + databasePort));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("gateway-" + generation + ".log").toFile());
        builder.environment().put("TRACEGATE_ADMIN_KEY", adminKey);
        process = builder.start();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("the gateway exited; see " + dataDir).isTrue();
            try {
                if (get("/actuator/health", null).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the gateway did not start within 3 minutes; see " + dataDir);
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or finished. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public int port() {
        return port;
    }

    /** Its data directory (the generated exchange key pair is in {@code exchange/}). */
    public Path dataDir() {
        return dataDir;
    }

    /** A connection to its embedded PostgreSQL (which outlives a killed gateway until the next start). */
    public Connection database() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + databasePort + "/postgres", "postgres",
                "");
    }

    public HttpRequest.Builder request(String path, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        return key == null ? request : request.header("Authorization", "Bearer " + key);
    }

    public HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
        return send(request(path, key).GET());
    }

    /** Its HTTP client, for answers other than text. */
    public HttpClient http() {
        return http;
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), BodyHandlers.ofString());
    }

    /** Graceful stop: the gateway stops its embedded PostgreSQL too. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
