package io.tracegate.gateway.config;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run from the binaries on the class path, with its cluster kept in a fixed directory so
 * that data survives restarts. Closing it stops the server (fast shutdown: open transactions roll back).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    /** The lock file the zonky library holds while a server runs on a cluster directory. */
    private static final String OWNER_LOCK = "epg-lock";
    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(60);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Server settings of the embedded default, chosen for capture: a large document writes about 100 MB of table,
     * index and WAL pages. zonky, a test library, starts the server with fsync and synchronous_commit off for speed;
     * an accepted capture must survive a crash of the machine, not only of the process. A large capture commits its
     * event rows from a second connection by two-phase commit.
     */
    static final Map<String, String> DEFAULT_SETTINGS = Map.of(
            "fsync", "on",
            "synchronous_commit", "on",
            "max_prepared_transactions", "64");

    /** Starts the server with the default settings. */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        return start(dataDirectory, port, Map.of());
    }

    /**
     * Starts the server on {@code dataDirectory}, creating the cluster on first use.
     *
     * @param port     localhost port, or 0 for a free one
     * @param settings server settings over the defaults ({@code shared_buffers} to {@code 1GB}, ...); a '-' in a name
     *                 stands for '_', as configuration properties write them
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port, Map<String, String> settings) {
        try {
            Files.createDirectories(dataDirectory);
            stopOrphanedServer(dataDirectory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port);
            Map<String, String> effective = new TreeMap<>(DEFAULT_SETTINGS);
            settings.forEach((name, value) -> effective.put(name.replace('-', '_'), value));
            effective.forEach(builder::setServerConfig);
            EmbeddedPostgres postgres = builder
                    // Crash recovery of a large cluster can take longer than the library's 10 s default.
                    .setPGStartupWait(Duration.ofMinutes(2))
                    .start();
            return new EmbeddedPostgresServer(postgres, dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    /**
     * A gateway killed without shutdown (kill -9, power loss of the JVM only) leaves its PostgreSQL child running,
     * holding the cluster: the next start would fail. When no live process holds the owner lock, a server named in
     * {@code postmaster.pid} is such an orphan and is asked to shut down (SIGTERM: its clients are gone).
     */
    private static void stopOrphanedServer(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try (FileOutputStream lockStream = new FileOutputStream(dataDirectory.resolve(OWNER_LOCK).toFile());
             FileLock lock = tryLock(lockStream, dataDirectory)) {
            Optional<ProcessHandle> orphan = postmaster(pidFile);
            if (orphan.isEmpty()) {
                return; // stale pid file of a dead server: PostgreSQL itself recovers from that
            }
            log.warn("Stopping PostgreSQL process {} left running in {} by a gateway that did not shut down",
                    orphan.get().pid(), dataDirectory);
            orphan.get().destroy();
            orphan.get().onExit().get(ORPHAN_STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the orphaned PostgreSQL in " + dataDirectory + " did not stop within "
                    + ORPHAN_STOP_WAIT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping an orphaned PostgreSQL", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not wait for the orphaned PostgreSQL to stop", e);
        }
    }

    private static FileLock tryLock(FileOutputStream lockStream, Path dataDirectory) throws IOException {
        try {
            FileLock lock = lockStream.getChannel().tryLock();
            if (lock != null) {
                return lock;
            }
        } catch (OverlappingFileLockException e) {
            // held by this very JVM
        }
        throw new DataDirectoryInUseException(dataDirectory);
    }

    /** Another running gateway (or other user of the library) owns the cluster. */
    public static final class DataDirectoryInUseException extends IllegalStateException {
        DataDirectoryInUseException(Path dataDirectory) {
            super("the PostgreSQL cluster in " + dataDirectory + " is in use by another running Tracegate gateway");
        }
    }

    /** The live postgres process whose pid is on the pid file's first line (pids are reused: check the command). */
    private static Optional<ProcessHandle> postmaster(Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || !lines.get(0).strip().matches("\\d+")) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().map(c -> c.endsWith("postgres")).orElse(false));
    }
}
