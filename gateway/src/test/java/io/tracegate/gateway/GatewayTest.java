package io.tracegate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.tracegate.gateway.security.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Base of every gateway integration test: the whole application on a random port, spoken to over real HTTP, on a
 * real PostgreSQL: Testcontainers' when a Docker engine is reachable, else the gateway's own embedded default. All
 * subclasses share this one configuration, hence one Spring context and one database per test run: tests must
 * not depend on an empty database (use {@link #unique(String)} names).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "tracegate.admin-key=" + GatewayTest.ADMIN_KEY)
public abstract class GatewayTest {

    /** The bootstrap ADMIN key, given as TRACEGATE_ADMIN_KEY would be. */
    protected static final String ADMIN_KEY = "test-admin-key-0123456789abcdefghijklmnopqrstuvwxyz";

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        if (DockerClientFactory.instance().isDockerAvailable()) {
            PostgreSQLContainer postgres = TestDatabase.container();
            registry.add("spring.datasource.url", postgres::getJdbcUrl);
            registry.add("spring.datasource.username", postgres::getUsername);
            registry.add("spring.datasource.password", postgres::getPassword);
        } else {
            registry.add("tracegate.data-dir", TestDatabase::embeddedDataDir);
        }
    }

    /** A name no other test in this run uses. */
    protected static String unique(String prefix) {
        return prefix + "-" + NAMES.incrementAndGet();
    }

    protected HttpResponse<String> get(String path, String key) {
        return send(request(path, key).GET());
    }

    protected HttpResponse<String> post(String path, String key, String json) {
        return send(request(path, key).header("Content-Type", "application/json").POST(BodyPublishers.ofString(json)));
    }

    protected HttpResponse<String> delete(String path, String key) {
        return send(request(path, key).DELETE());
    }

    /**
     * A query refused for a bad parameter: 400, problem+json, {@code QueryParameterException}, a detail naming the
     * parameter and saying what was wrong with it.
     */
    protected static void assertQueryParameterRefused(HttpResponse<String> response, String request, String parameter,
            String detail) {
        assertThat(response.statusCode()).as(request + ": " + response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat((String) json(response, "$.type")).isEqualTo("epcisException:QueryParameterException");
        assertThat((String) json(response, "$.detail")).contains(parameter, detail);
    }

    /** Creates a key through the API with the admin key; returns the secret. */
    protected String createKey(String name, Role... roles) {
        String json = "{\"name\":\"" + name + "\",\"roles\":["
                + Arrays.stream(roles).map(role -> "\"" + role + "\"").collect(Collectors.joining(",")) + "]}";
        HttpResponse<String> response = post("/admin/keys", ADMIN_KEY, json);
        if (response.statusCode() != 201) {
            throw new IllegalStateException("could not create key " + name + ": " + response.body());
        }
        return json(response, "$.key");
    }

    /**
     * Runs {@code n} calls released together by a barrier, one thread each (for concurrency tests); their results in
     * call order.
     */
    protected static <T> List<T> together(int n, IntFunction<T> call) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    barrier.await();
                    return call.apply(index);
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    protected static <T> T json(HttpResponse<String> response, String path) {
        return JsonPath.read(response.body(), path);
    }

    /** A request to this gateway, with {@code Authorization: Bearer <key>} unless the key is null. */
    protected HttpRequest.Builder request(String path, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        return key == null ? request : request.header("Authorization", "Bearer " + key);
    }

    protected static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One database for the whole test JVM. */
    private static final class TestDatabase {

        private static PostgreSQLContainer container;
        private static String embeddedDataDir;

        static synchronized PostgreSQLContainer container() {
            if (container == null) {
                // large captures commit by two-phase commit (TwoConnectionCaptureTest), as on the embedded server
                // and in docker/compose.yaml
                container = new PostgreSQLContainer("postgres:17-alpine")
                        .withCommand("postgres", "-c", "max_prepared_transactions=64");
                container.start(); // stopped by Testcontainers' reaper when the JVM ends
            }
            return container;
        }

        /** A fresh directory under target/ (earlier runs' directories are removed first). */
        static synchronized String embeddedDataDir() {
            if (embeddedDataDir == null) {
                Path root = Path.of("target", "test-data");
                deleteRecursively(root);
                embeddedDataDir = root.resolve(UUID.randomUUID().toString()).toAbsolutePath().toString();
            }
            return embeddedDataDir;
        }

        private static void deleteRecursively(Path root) {
            if (!Files.exists(root)) {
                return;
            }
            try (Stream<Path> paths = Files.walk(root)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
