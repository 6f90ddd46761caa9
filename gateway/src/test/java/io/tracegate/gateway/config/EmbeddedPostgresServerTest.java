package io.tracegate.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default keeps its data across restarts, also after the gateway's JVM was killed without shutdown
 * (its PostgreSQL child survives such a kill and must not block the next start).
 */
class EmbeddedPostgresServerTest {

    @TempDir
    Path dataDir;

    @Test
    void dataSurvivesAKilledGatewayAndACleanRestart() throws Exception {
        Process gateway = startChildJvm(dataDir);
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(gateway.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = output.readLine();
            } while (line != null && !line.equals("READY"));
            assertThat(line).as("the child JVM started its PostgreSQL").isEqualTo("READY");
            long running = postmasterPid();

            assertThatThrownBy(() -> EmbeddedPostgresServer.start(dataDir, 0))
                    .isInstanceOf(EmbeddedPostgresServer.DataDirectoryInUseException.class)
                    .hasMessage("the PostgreSQL cluster in " + dataDir + " is in use by another running Tracegate gateway");
            assertThat(ProcessHandle.of(running).map(ProcessHandle::isAlive)).as("a live gateway's server is left alone")
                    .hasValue(true);

            gateway.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        long orphan = postmasterPid();
        assertThat(ProcessHandle.of(orphan)).as("PostgreSQL outlived its JVM").hasValueSatisfying(
                process -> assertThat(process.isAlive()).isTrue());

        try (EmbeddedPostgresServer restarted = EmbeddedPostgresServer.start(dataDir, 0)) {
            assertThat(rows(restarted)).containsExactly("committed before the kill");
        }
        assertThat(ProcessHandle.of(orphan).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(dataDir.resolve("postmaster.pid")).doesNotExist();

        try (EmbeddedPostgresServer again = EmbeddedPostgresServer.start(dataDir, 0)) {
            assertThat(rows(again)).containsExactly("committed before the kill");
        }
    }

    @Test
    void aSecondServerOnTheSameDataInThisJvmIsRefused() throws IOException {
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(dataDir, 0)) {
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(dataDir, 0))
                    .isInstanceOf(EmbeddedPostgresServer.DataDirectoryInUseException.class);
        }
    }

    @Test
    void aCommitReachesTheDiskBeforeItIsAcknowledged() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0);
             Connection connection = connect(server);
             Statement statement = connection.createStatement()) {
            for (String setting : List.of("fsync", "synchronous_commit")) {
                try (ResultSet rs = statement.executeQuery("show " + setting)) {
                    rs.next();
                    assertThat(rs.getString(1)).as(setting).isEqualTo("on");
                }
            }
        }
    }

    @Test
    void settingsGivenOverrideTheDefaultsWithDashesForUnderscores() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0,
                Map.of("track-io-timing", "on", "synchronous_commit", "off"));
             Connection connection = connect(server);
             Statement statement = connection.createStatement()) {
            for (var expected : Map.of("track_io_timing", "on", "synchronous_commit", "off", "fsync", "on")
                    .entrySet()) {
                try (ResultSet rs = statement.executeQuery("show " + expected.getKey())) {
                    rs.next();
                    assertThat(rs.getString(1)).as(expected.getKey()).isEqualTo(expected.getValue());
                }
            }
        }
    }

    /** A connection as the gateway connects: its role, with the password from the cluster's password file. */
    static Connection connect(EmbeddedPostgresServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
    }

    private long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip());
    }

    private static Process startChildJvm(Path dataDir) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                CrashingGateway.class.getName(), dataDir.toString())
                .redirectErrorStream(true)
                .start();
    }

    private static List<String> rows(EmbeddedPostgresServer server) throws SQLException {
        try (Connection connection = connect(server);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select note from survivor")) {
            List<String> notes = new ArrayList<>();
            while (rs.next()) {
                notes.add(rs.getString(1));
            }
            return notes;
        }
    }

    /** Starts the server, commits a row, says READY and waits to be killed. */
    public static final class CrashingGateway {
        public static void main(String[] args) throws Exception {
            EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]), 0);
            try (Connection connection = connect(server);
                 Statement statement = connection.createStatement()) {
                statement.execute("create table survivor (note text)");
                statement.execute("insert into survivor values ('committed before the kill')");
            }
            System.out.println("READY");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
