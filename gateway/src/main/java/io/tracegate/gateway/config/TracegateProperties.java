package io.tracegate.gateway.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Everything under {@code tracegate.*}. The README's configuration table lists these with their defaults.
 *
 * @param dataDir          where the gateway keeps its data (the embedded PostgreSQL cluster lives in
 *                         {@code <dataDir>/postgres})
 * @param adminKey         the first ADMIN key, read only while no ADMIN key exists yet (environment variable
 *                         {@code TRACEGATE_ADMIN_KEY}); when absent, one is generated and logged once
 * @param embeddedDatabase the embedded PostgreSQL used when no {@code spring.datasource.url} is configured
 * @param capture          limits announced to and enforced on capture clients
 */
@ConfigurationProperties("tracegate")
public record TracegateProperties(
        @DefaultValue("./data") Path dataDir,
        String adminKey,
        @DefaultValue EmbeddedDatabase embeddedDatabase,
        @DefaultValue Capture capture) {

    /** @param port TCP port on localhost; 0 picks a free port at every start */
    public record EmbeddedDatabase(@DefaultValue("0") int port) {
    }

    /**
     * @param maxEvents    most events one capture document may hold ({@code GS1-EPCIS-Capture-Limit})
     * @param maxFileBytes largest capture document accepted ({@code GS1-EPCIS-Capture-File-Size-Limit})
     */
    public record Capture(@DefaultValue("10000000") long maxEvents, @DefaultValue("4GB") DataSize maxFileBytes) {
    }

    public Path postgresDataDir() {
        return dataDir.resolve("postgres");
    }
}
