package io.tracegate.benchmarks.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real gateway jar run as a child process for a benchmark, on its embedded PostgreSQL under a fresh data
 * directory, spoken to over HTTP with the admin key; the embedded database it logs at start-up (URL, role, password
 * file) gives the harness direct access for bulk loading and verification.
 */
final class GatewayProcess implements AutoCloseable {

    static final String ADMIN_KEY = "benchmark-admin-key-0123456789abcdefghijklmnop";
    /** The embedded database's line: its URL, role and password file (never the password). */
    private static final Pattern DATABASE = Pattern.compile(
            "connect with (jdbc:postgresql://\\S+) as user (\\S+), password in (.+)\\)$", Pattern.MULTILINE);

    private final Process process;
    private final String base;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private GatewayProcess(Process process, String base, String jdbcUrl, String user, String password) {
        this.process = process;
        this.base = base;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /**
     * Starts {@code java [jvmOptions] -jar jar} on this port with the data directory {@code work/data} (fresh
     * unless {@code reuse}), and waits until it is healthy (its log goes to {@code work/gateway.log}).
     */
    static GatewayProcess start(Path jar, Path work, int port, List<String> jvmOptions, boolean reuse)
            throws IOException, InterruptedException {
        return start(jar, work, port, jvmOptions, reuse, List.of());
    }

    /** The same, with extra {@code --name=value} gateway arguments. */
    static GatewayProcess start(Path jar, Path work, int port, List<String> jvmOptions, boolean reuse,
            List<String> arguments) throws IOException, InterruptedException {
        Path data = work.resolve("data");
        if (Files.exists(data) && !reuse) {
            throw new IllegalStateException(data + " exists: give a fresh work directory");
        }
        Files.createDirectories(work);
        // another program on the port would answer the health probe in the gateway's stead
        try (Socket taken = new Socket("localhost", port)) {
            throw new IllegalStateException("port " + port + " is already in use: give another with --port");
        } catch (ConnectException free) {
            // as it should be
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port, "--tracegate.data-dir=" + data));
        command.addAll(arguments);
        Path log = work.resolve("gateway.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("TRACEGATE_ADMIN_KEY", ADMIN_KEY);
        Process process = builder.start();
        String base = "http://localhost:" + port;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        HttpClient probe = HttpClient.newHttpClient();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the gateway stopped at start-up; see " + log);
            }
            try {
                if (probe.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // still starting
            }
            if (System.nanoTime() > deadline) {
                process.destroy();
                throw new IllegalStateException("the gateway did not become healthy in 5 minutes; see " + log);
            }
            Thread.sleep(250);
        }
        Matcher m = DATABASE.matcher(Files.readString(log, StandardCharsets.UTF_8));
        if (!m.find()) {
            process.destroy(); // a gateway left running would hold the port (and its database) for the next run
            throw new IllegalStateException("the gateway log names no embedded database; see " + log);
        }
        return new GatewayProcess(process, base, m.group(1), m.group(2),
                Files.readString(Path.of(m.group(3)), StandardCharsets.UTF_8).strip());
    }

    /** {@code http://localhost:<port>} */
    String base() {
        return base;
    }

    long pid() {
        return process.pid();
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    String user() {
        return user;
    }

    /** The embedded database's password, for tools such as pgbench (PGPASSWORD). */
    String password() {
        return password;
    }

    Connection database() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a body with the admin key; returns the answer. */
    HttpResponse<String> post(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        return http.send(request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<InputStream> stream(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    /** Posts JSON with the admin key. */
    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return post(path, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    /** Puts JSON with the admin key. */
    HttpResponse<String> put(String path, String json) throws IOException, InterruptedException {
        return http.send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a document file to {@code /capture}; returns the job's location. */
    String capture(Path document, String contentType) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request("/capture").header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofFile(document)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("capture refused: " + response.statusCode() + " " + response.body());
        }
        return response.headers().firstValue("Location").orElseThrow();
    }

    /** Polls a capture job until it is no longer running; returns its last JSON. */
    String awaitJob(String location, Duration poll) throws IOException, InterruptedException {
        while (true) {
            HttpResponse<String> job = get(location);
            if (job.statusCode() != 200) {
                throw new IllegalStateException("job " + location + ": " + job.statusCode() + " " + job.body());
            }
            if (job.body().contains("\"running\":false")) {
                return job.body();
            }
            Thread.sleep(poll.toMillis());
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + ADMIN_KEY)
                .timeout(Duration.ofMinutes(30));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    /** {@code --name=value} arguments. */
    static Map<String, String> options(String[] args) {
        Map<String, String> options = new java.util.HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected --name=value, got '" + arg + "'");
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return options;
    }
}
