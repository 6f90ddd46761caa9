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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run from the binaries on the class path, with its cluster kept in a fixed directory so
 * that data survives restarts, closed to all but the gateway ({@link EmbeddedDatabaseAccess}), and kept running: when
 * its server process dies it is started again on the same port, and PostgreSQL's crash recovery brings back everything
 * committed. Closing it stops the server (fast shutdown: open transactions roll back).
 * <p>
 * zonky, the library that unpacks and starts the binaries, would stop the server from a JVM shutdown hook of its own
 * as soon as the process is asked to stop, under the gateway's feet; that hook is not registered: the gateway's own
 * shutdown closes this server after the work that needs it.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    /** The lock file the zonky library holds while a server runs on a cluster directory. */
    private static final String OWNER_LOCK = "epg-lock";
    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(60);
    /** How often the server process is looked at: a dead server is noticed and restarted within this. */
    private static final Duration WATCH_INTERVAL = Duration.ofMillis(200);
    private static final Duration RESTART_BACKOFF_MAX = Duration.ofSeconds(30);
    /** Where a server started again writes its messages (zonky passes those of the first start to its logger). */
    static final String RESTARTED_SERVER_LOG = "restarted-server.log";

    private final Path dataDirectory;
    private final EmbeddedDatabaseAccess access;
    private final int port;
    private final ScheduledExecutorService keeper;
    private final EmbeddedPostgres postgres;
    private volatile ProcessHandle postmaster;
    private volatile boolean closing;

    private EmbeddedPostgresServer(Path dataDirectory, EmbeddedDatabaseAccess access, EmbeddedPostgres postgres)
            throws IOException {
        this.dataDirectory = dataDirectory;
        this.access = access;
        this.postgres = postgres;
        this.port = postgres.getPort();
        this.postmaster = postmaster(dataDirectory.resolve("postmaster.pid")).orElseThrow(
                () -> new IllegalStateException("the embedded PostgreSQL in " + dataDirectory + " did not stay up"));
        this.keeper = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("embedded-postgres-keeper"));
        keeper.scheduleWithFixedDelay(this::restartIfDead, WATCH_INTERVAL.toMillis(), WATCH_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
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

    /** Settings no configuration overrides: TCP on localhost only, no Unix socket, passwords as SCRAM verifiers. */
    static final Map<String, String> CLOSED_SETTINGS = Map.of(
            "listen_addresses", "localhost",
            "unix_socket_directories", "''",
            "password_encryption", "scram-sha-256");

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
        Map<String, String> effective = new TreeMap<>(DEFAULT_SETTINGS);
        settings.forEach((name, value) -> effective.put(name.replace('-', '_'), value));
        effective.putAll(CLOSED_SETTINGS);
        try {
            Files.createDirectories(dataDirectory);
            stopOrphanedServer(dataDirectory);
            EmbeddedDatabaseAccess access = EmbeddedDatabaseAccess.of(dataDirectory);
            return new EmbeddedPostgresServer(dataDirectory, access,
                    startPostgres(dataDirectory, port, effective, access));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    private static EmbeddedPostgres startPostgres(Path dataDirectory, int port, Map<String, String> settings,
            EmbeddedDatabaseAccess access) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPort(port)
                .setPgBinaryResolver(PostgresBinaries.INSTANCE)
                .setOverrideWorkingDirectory(PostgresBinaries.INSTANCE.workingDirectory().toFile())
                // After initdb (trust for local connections, zonky's choice), before the server listens.
                .setDataDirectoryCustomizer(directory -> access.secure(PostgresBinaries.INSTANCE, settings))
                // zonky's own readiness check connects with these.
                .setConnectConfig("user", EmbeddedDatabaseAccess.ROLE)
                .setConnectConfig("password", access.password())
                // Crash recovery of a large cluster can take longer than the library's 10 s default.
                .setPGStartupWait(Duration.ofMinutes(2));
        settings.forEach(builder::setServerConfig);
        return builder.start();
    }

    /** The database's URL, without credentials: connect as {@link #username()} with {@link #password()}. */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/" + EmbeddedDatabaseAccess.DATABASE;
    }

    /** The gateway's role: owner of the schema, no superuser. */
    public String username() {
        return EmbeddedDatabaseAccess.ROLE;
    }

    public String password() {
        return access.password();
    }

    /** Where the password is kept (owner-only), for maintenance with psql. */
    public Path passwordFile() {
        return access.passwordFile();
    }

    public int port() {
        return port;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Whether the server process runs (it may still be recovering, or restarting). */
    public boolean isRunning() {
        return alive(postmaster);
    }

    /**
     * Stops the server and its watch. A server that does not stop within zonky's 5 s goes on with its shutdown
     * after the gateway's exit (the next start waits for it).
     */
    @Override
    public void close() throws IOException {
        closing = true;
        keeper.shutdownNow();
        synchronized (this) {
            postgres.close();
        }
    }

    private void restartIfDead() {
        if (closing || alive(postmaster)) {
            return;
        }
        log.error("The embedded PostgreSQL (process {}) in {} died; starting it again (crash recovery keeps what was"
                + " committed)", postmaster.pid(), dataDirectory);
        long started = System.nanoTime();
        Duration backoff = Duration.ofSeconds(1);
        while (!closing) {
            try {
                restart();
                log.warn("The embedded PostgreSQL runs again, as process {}, after {} ms", postmaster.pid(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                return;
            } catch (IOException | RuntimeException e) {
                log.error("Could not start the embedded PostgreSQL again; next attempt in {} s", backoff.toSeconds(),
                        e);
            }
            try {
                Thread.sleep(backoff.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return; // closing
            }
            backoff = backoff.multipliedBy(2).compareTo(RESTART_BACKOFF_MAX) > 0 ? RESTART_BACKOFF_MAX
                    : backoff.multipliedBy(2);
        }
    }

    /**
     * Starts the server again with the options of its last start (pg_ctl keeps them in {@code postmaster.opts});
     * zonky's instance keeps the cluster's lock meanwhile and stops whichever server runs at {@link #close}. A server
     * slower to recover than pg_ctl waits for is taken as started: readiness says when it answers.
     */
    private synchronized void restart() throws IOException {
        if (closing) {
            return;
        }
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        boolean gone = awaitOldServerProcessesGone(dataDirectory);
        if (closing) {
            return;
        }
        if (gone && postmaster.isAlive()) {
            // A zombie nobody reaps (the JVM is a container's first process): PostgreSQL would take it for a live
            // server named in its pid file. Nothing is attached to the cluster's shared memory any more.
            Files.deleteIfExists(pidFile);
        }
        IllegalStateException failure = null;
        try {
            PostgresBinaries.INSTANCE.run("pg_ctl", List.of("-D", dataDirectory.toString(), "-l",
                    dataDirectory.resolve(RESTARTED_SERVER_LOG).toString(), "-w", "-t", "60", "restart", "-m", "fast"),
                    "", Duration.ofSeconds(90));
        } catch (IllegalStateException e) {
            failure = e;
        }
        Optional<ProcessHandle> started = Files.exists(pidFile) ? postmaster(pidFile) : Optional.empty();
        if (started.isEmpty()) {
            throw failure != null ? failure : new IllegalStateException("the embedded PostgreSQL did not stay up");
        }
        postmaster = started.get();
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

    /**
     * A killed server's processes outlive it for a moment (until they notice), attached to its shared memory, and a
     * new server refuses the cluster while they are. PostgreSQL's interlock is the System V segment named in
     * {@code postmaster.pid}: this waits until nothing is attached to it (where Linux shows it; the binaries on the
     * class path are Linux ones).
     *
     * @return whether it is known that nothing is attached any more
     */
    private static boolean awaitOldServerProcessesGone(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        Path segments = Path.of("/proc/sysvipc/shm");
        if (!Files.exists(pidFile) || !Files.isReadable(segments)) {
            return false;
        }
        List<String> lines = Files.readAllLines(pidFile);
        String[] segment = lines.size() > 6 ? lines.get(6).strip().split("\\s+") : new String[0];
        if (segment.length < 2) {
            return false;
        }
        long deadline = System.nanoTime() + ORPHAN_STOP_WAIT.toNanos();
        while (attached(segments, segment[1])) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Whether processes are attached to the shared memory segment of this id ({@code shmid}, {@code nattch}). */
    private static boolean attached(Path segments, String id) throws IOException {
        try (Stream<String> rows = Files.lines(segments)) {
            return rows.skip(1).map(row -> row.strip().split("\\s+"))
                    .anyMatch(columns -> columns.length > 6 && columns[1].equals(id) && !columns[6].equals("0"));
        }
    }

    /**
     * Alive and not a zombie: a dead process stays listed until its parent reaps it, which the parent of a server
     * that pg_ctl started (whatever adopts orphans) may do late, or, when the JVM is a container's first process,
     * never.
     */
    private static boolean alive(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2); // after "pid (command) "
            return state != 'Z' && state != 'X';
        } catch (IOException | IndexOutOfBoundsException notLinux) {
            return process.isAlive();
        }
    }

    /** The live postgres process whose pid is on the pid file's first line (pids are reused: check the command). */
    private static Optional<ProcessHandle> postmaster(Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || !lines.get(0).strip().matches("\\d+")) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
                .filter(EmbeddedPostgresServer::alive)
                .filter(process -> process.info().command().map(c -> c.endsWith("postgres")).orElse(false));
    }
}
