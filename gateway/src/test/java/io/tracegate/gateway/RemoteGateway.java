package io.tracegate.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A second gateway in the test JVM, as a partner's: its own Spring context, its own embedded PostgreSQL under a fresh
 * data directory in {@code target/}, its own random port. Start one per test class (it takes seconds).
 */
public final class RemoteGateway implements AutoCloseable {

    public static final String ADMIN_KEY = "remote-admin-key-0123456789abcdefghijklmnopqrstuvwxyz";

    private final ConfigurableApplicationContext context;
    private final int port;
    private final Path dataDir;

    private RemoteGateway(ConfigurableApplicationContext context, Path dataDir) {
        this.context = context;
        this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.dataDir = dataDir;
    }

    /**
     * Starts a gateway with these settings (given as command-line arguments, so that they win over the test
     * configuration files) over its defaults: port 0, a fresh data directory, the admin key.
     */
    public static RemoteGateway start(Map<String, String> settings) {
        Path dataDir = Path.of("target", "remote-gateway", UUID.randomUUID().toString()).toAbsolutePath();
        Map<String, String> properties = new HashMap<>();
        properties.put("server.port", "0");
        properties.put("tracegate.data-dir", dataDir.toString());
        properties.put("tracegate.admin-key", ADMIN_KEY);
        properties.putAll(settings);
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new RemoteGateway(new SpringApplicationBuilder(GatewayApplication.class).run(args), dataDir);
    }

    public String base() {
        return "http://localhost:" + port;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public HttpResponse<String> get(String path, String key) {
        return GatewayTest.send(request(path, key).GET());
    }

    public HttpResponse<String> post(String path, String key, String contentType, String body) {
        return GatewayTest.send(request(path, key).header("Content-Type", contentType)
                .POST(BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder request(String path, String key) {
        return HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", "Bearer " + key);
    }

    /** Stops it (its PostgreSQL too) and deletes its data directory. */
    @Override
    public void close() {
        context.close();
        try (Stream<Path> paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
