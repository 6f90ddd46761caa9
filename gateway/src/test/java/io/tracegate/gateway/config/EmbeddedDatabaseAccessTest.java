package io.tracegate.gateway.config;

import static io.tracegate.gateway.config.EmbeddedPostgresServerTest.connect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database takes passwords only, from this machine only, and the gateway's role is no superuser; a
 * cluster made by an earlier gateway (trust for every local connection, every table owned by {@code postgres}) is
 * closed at the next start with its data, which the gateway's role then owns.
 */
class EmbeddedDatabaseAccessTest {

    @TempDir
    Path dataDir;

    @Test
    void onlyPasswordsGetInAndTheGatewayRoleIsNoSuperuser() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0)) {
            for (String user : new String[] {"tracegate", "postgres"}) {
                assertNoPasswordRefused(server, user);
                assertRefusedPassword(server, user, server.password() + "x");
            }

            try (Connection connection = connect(server); Statement statement = connection.createStatement()) {
                assertThat(single(statement, "select rolsuper or rolcreaterole or rolcreatedb or rolreplication"
                        + " or rolbypassrls from pg_roles where rolname = current_user")).isEqualTo("f");
                assertThat(single(statement, "select nspowner::regrole from pg_namespace where nspname = 'public'"))
                        .isEqualTo("tracegate");
                assertThatThrownBy(() -> statement.execute("copy (select 1) to program 'true'"))
                        .isInstanceOfSatisfying(SQLException.class,
                                e -> assertThat(e.getSQLState()).isEqualTo("42501")); // insufficient_privilege
            }

            String superuserPassword = Files.readString(dataDir.resolve("postgres.password")).strip();
            try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), "postgres", superuserPassword);
                 Statement statement = connection.createStatement()) {
                assertThat(single(statement, "select rolsuper from pg_roles where rolname = current_user"))
                        .as("maintenance as the superuser, with its own password").isEqualTo("t");
                assertThat(single(statement, "show listen_addresses")).isEqualTo("localhost");
                assertThat(single(statement, "show unix_socket_directories")).isEmpty();
            }
        }
        for (String file : new String[] {"tracegate.password", "postgres.password"}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(file))))
                    .as(file).isEqualTo("rw-------");
        }
        assertThat(Files.readString(dataDir.resolve("pg_hba.conf"))).isEqualTo(EmbeddedDatabaseAccess.PG_HBA)
                .doesNotContain("trust");
    }

    @Test
    void aClusterOfAnEarlierGatewayIsClosedAndItsObjectsHandedOverWithTheirData() throws Exception {
        // As the gateway made them before: zonky's defaults (trust), the schema migrated and used as postgres.
        try (EmbeddedPostgres earlier = EmbeddedPostgres.builder().setDataDirectory(dataDir)
                .setCleanDataDirectory(false).start()) {
            Flyway.configure().dataSource(earlier.getPostgresDatabase()).locations("classpath:db/migration").load()
                    .migrate();
            try (Connection connection = earlier.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("insert into api_key (name, key_hash, roles, gtins, glns, created_at)"
                        + " values ('from-before', '\\x01', '{ADMIN}', '{}', '{}', now())");
                assertThat(single(statement, "select count(*) from pg_class where relnamespace = 'public'::regnamespace"
                        + " and relowner = 'postgres'::regrole")).isNotEqualTo("0");
            }
        }

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0)) {
            assertNoPasswordRefused(server, "postgres");
            try (Connection connection = connect(server); Statement statement = connection.createStatement()) {
                assertThat(single(statement, "select string_agg(name, ',') from api_key")).isEqualTo("from-before");
                assertThat(single(statement, "select count(*) from pg_class where relnamespace = 'public'::regnamespace"
                        + " and relowner <> 'tracegate'::regrole")).isEqualTo("0");
                // identity columns and the standalone sequence moved with their tables
                statement.execute("insert into api_key (name, key_hash, roles, gtins, glns, created_at)"
                        + " values ('after', '\\x02', '{LINE}', '{}', '{}', now())");
                statement.execute("select nextval('epcis_event_id_seq')");
                statement.execute("create table handed_over_probe (id int)");
                statement.execute("drop table handed_over_probe");
            }
            assertThat(Flyway.configure().dataSource(server.jdbcUrl(), server.username(), server.password())
                    .locations("classpath:db/migration").load().validateWithResult().validationSuccessful)
                    .as("Flyway as the gateway's role").isTrue();
        }

        String password = Files.readString(dataDir.resolve("tracegate.password"), StandardCharsets.UTF_8);
        try (EmbeddedPostgresServer again = EmbeddedPostgresServer.start(dataDir, 0);
             Connection connection = connect(again); Statement statement = connection.createStatement()) {
            assertThat(single(statement, "select count(*) from api_key")).isEqualTo("2");
        }
        assertThat(Files.readString(dataDir.resolve("tracegate.password"), StandardCharsets.UTF_8))
                .as("set up once").isEqualTo(password);
    }

    @Test
    void aClusterHoldingATransactionPreparedByAnEarlierGatewayIsLeftAsItWas() throws Exception {
        try (EmbeddedPostgres earlier = EmbeddedPostgres.builder().setDataDirectory(dataDir)
                .setCleanDataDirectory(false).setServerConfig("max_prepared_transactions", "64").start();
             Connection connection = earlier.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("create table capture_probe (n int)");
            connection.setAutoCommit(false);
            statement.execute("insert into capture_probe values (1)");
            statement.execute("prepare transaction 'tracegate-capture-1'");
        }
        String hba = Files.readString(dataDir.resolve("pg_hba.conf"));

        assertThatThrownBy(() -> EmbeddedPostgresServer.start(dataDir, 0))
                .hasMessageContaining("transactions prepared by an earlier gateway version")
                .hasMessageContaining("start that version once");
        assertThat(Files.readString(dataDir.resolve("pg_hba.conf"))).as("usable by that version").isEqualTo(hba);
        assertThat(dataDir.resolve("tracegate.password")).doesNotExist();
    }

    /** The server asks for a password where it trusted before (pgjdbc then gives up without sending one). */
    private static void assertNoPasswordRefused(EmbeddedPostgresServer server, String user) {
        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), user, null).close())
                .as("%s without a password", user).isInstanceOf(SQLException.class)
                .hasMessageContaining("The server requested SCRAM-based authentication");
    }

    private static void assertRefusedPassword(EmbeddedPostgresServer server, String user, String password) {
        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), user, password).close())
                .as("%s with a wrong password", user)
                .isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo("28P01")); // invalid_password
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
