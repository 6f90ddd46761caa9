package io.tracegate.gateway.config;

import io.tracegate.gs1.Gln;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
 * @param capture          limits announced to and enforced on capture clients, and capture processing
 * @param ownGlns          the GLNs of the parties and sites this gateway acts for: a unit may only be received when
 *                         it is in transit to one of them (its shipment's destination owning party or location);
 *                         empty (the default) means the gateway acts for every party
 */
@ConfigurationProperties("tracegate")
public record TracegateProperties(
        @DefaultValue("./data") Path dataDir,
        String adminKey,
        @DefaultValue EmbeddedDatabase embeddedDatabase,
        @DefaultValue Capture capture,
        @DefaultValue List<Gln> ownGlns) {

    /**
     * @param port     TCP port on localhost; 0 picks a free port at every start
     * @param settings PostgreSQL server settings over the gateway's defaults, e.g.
     *                 {@code tracegate.embedded-database.settings.shared-buffers=2GB} ('-' for '_')
     */
    public record EmbeddedDatabase(@DefaultValue("0") int port, Map<String, String> settings) {
        public EmbeddedDatabase {
            settings = settings == null ? Map.of() : Map.copyOf(settings);
        }
    }

    /**
     * @param maxEvents    most events one capture document may hold ({@code GS1-EPCIS-Capture-Limit})
     * @param maxFileBytes largest capture document accepted ({@code GS1-EPCIS-Capture-File-Size-Limit})
     * @param workers      capture jobs processed at the same time
     * @param queue        capture jobs waiting for a worker before new captures are refused (503)
     * @param batchEpcs    identifiers validated and written together (one set-based round of the lifecycle rules):
     *                     units created and packed within one batch are written once, by COPY, in their final state;
     *                     across batches a packing is an UPDATE. 250,000 holds a 100,000-unit commissioning and
     *                     packing document whole; a 1,000,000-EPC capture then peaks at about 420 MB of heap
     *                     (CaptureHeap benchmark), under a 512 MB limit
     * @param validation   {@code rules} checks every event against the standard's rules (identifiers, CBV values,
     *                     required fields, namespaces); {@code schema} first validates the whole document against the
     *                     EPCIS XSD or JSON Schema as well
     */
    public record Capture(@DefaultValue("10000000") long maxEvents, @DefaultValue("4GB") DataSize maxFileBytes,
            @DefaultValue("1") int workers, @DefaultValue("100") int queue, @DefaultValue("250000") int batchEpcs,
            @DefaultValue("rules") Validation validation) {
    }

    /** How much of a capture document is validated before its events are applied. */
    public enum Validation { RULES, SCHEMA }

    /** Where the raw bytes of captured documents are kept, content-addressed. */
    public Path documentsDir() {
        return dataDir.resolve("documents");
    }

    public Path postgresDataDir() {
        return dataDir.resolve("postgres");
    }
}
