package io.tracegate.gateway;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Another gateway in the test JVM (a remote partner, say), started programmatically with its own data directory
 * (its own embedded PostgreSQL) and a free port, once per test class that needs it: {@code close()} stops it.
 */
public final class SecondGateway implements AutoCloseable {

    /** Its bootstrap ADMIN key. */
    public static final String ADMIN_KEY = "second-gateway-admin-key-0123456789abcdefghijklmnop";

    private final ConfigurableApplicationContext context;

    private SecondGateway(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts it with these extra {@code --name=value} arguments. */
    public static SecondGateway start(String... arguments) {
        Path data = Path.of("target", "second-gateway", UUID.randomUUID().toString()).toAbsolutePath();
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--tracegate.data-dir=" + data,
                "--tracegate.admin-key=" + ADMIN_KEY));
        args.addAll(List.of(arguments));
        return new SecondGateway(new SpringApplication(GatewayApplication.class).run(args.toArray(String[]::new)));
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public String url(String path) {
        return "http://localhost:" + port() + path;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
