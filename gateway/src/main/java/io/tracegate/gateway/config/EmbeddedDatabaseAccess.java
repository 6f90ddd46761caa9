package io.tracegate.gateway.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may connect to the embedded PostgreSQL: clients with a password (scram-sha-256), and only from this machine
 * (the server listens on localhost and on no Unix socket). The gateway connects as {@value #ROLE}, which owns the
 * schema {@code public} and everything in it and is no superuser. The superuser {@code postgres} gets a password of
 * its own, for maintenance; the gateway never connects with it. Both passwords are generated at the first start and
 * kept in owner-only files in the cluster directory.
 * <p>
 * Roles are set up in single-user mode, where no client can connect, before the server listens: a cluster made by an
 * earlier gateway (trust for every local connection, the gateway connected as {@code postgres}, which therefore owns
 * every table) is closed and its objects handed over before anyone could use the old trust once more.
 */
final class EmbeddedDatabaseAccess {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseAccess.class);

    /** The role the gateway connects as. */
    static final String ROLE = "tracegate";
    static final String DATABASE = "postgres";
    static final String PASSWORD_FILE = "tracegate.password";
    static final String SUPERUSER_PASSWORD_FILE = "postgres.password";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Written at every start, so that a cluster made before these rules, or edited, follows them. */
    static final String PG_HBA = """
            # Written by the Tracegate gateway at every start (edits are overwritten): every connection needs a
            # password (scram-sha-256) and comes from this machine; the server listens on no other address.
            local   all   all                  scram-sha-256
            host    all   all   127.0.0.1/32   scram-sha-256
            host    all   all   ::1/128        scram-sha-256
            """;

    /**
     * Run as the superuser in single-user mode (statements end with a semicolon and an empty line). Ownership of
     * tables moves their indexes and owned sequences (identity columns) with them; what is left is moved after. A
     * transaction left prepared by the earlier gateway (connected as postgres) could not be finished by the new role.
     */
    private static final String SET_UP_ROLES = """
            DO $$ BEGIN
              IF EXISTS (SELECT FROM pg_prepared_xacts WHERE owner = 'postgres') THEN
                RAISE EXCEPTION 'this cluster holds transactions prepared by an earlier gateway version (a large'
                    ' capture stopped between its two commits), which only it can finish: start that version once,'
                    ' then this one';
              END IF;
            END $$;

            ALTER ROLE postgres PASSWORD '%2$s';

            DO $$ BEGIN
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1$s') THEN CREATE ROLE %1$s; END IF;
            END $$;

            ALTER ROLE %1$s LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '%3$s';

            GRANT CREATE ON DATABASE %4$s TO %1$s;

            ALTER SCHEMA public OWNER TO %1$s;

            DO $$ DECLARE o record; BEGIN
              FOR o IN SELECT c.oid::regclass AS name, c.relkind FROM pg_class c
                  WHERE c.relnamespace = 'public'::regnamespace AND c.relowner = 'postgres'::regrole
                    AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c') LOOP
                EXECUTE format('ALTER %%s %%s OWNER TO %1$s', CASE o.relkind WHEN 'v' THEN 'VIEW'
                    WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' WHEN 'c' THEN 'TYPE'
                    ELSE 'TABLE' END, o.name);
              END LOOP;
              FOR o IN SELECT c.oid::regclass AS name FROM pg_class c
                  WHERE c.relnamespace = 'public'::regnamespace AND c.relowner = 'postgres'::regrole
                    AND c.relkind = 'S' LOOP
                EXECUTE format('ALTER SEQUENCE %%s OWNER TO %1$s', o.name);
              END LOOP;
              FOR o IN SELECT p.oid::regprocedure AS name FROM pg_proc p
                  WHERE p.pronamespace = 'public'::regnamespace AND p.proowner = 'postgres'::regrole LOOP
                EXECUTE format('ALTER ROUTINE %%s OWNER TO %1$s', o.name);
              END LOOP;
              FOR o IN SELECT t.oid::regtype AS name, t.typtype FROM pg_type t
                  WHERE t.typnamespace = 'public'::regnamespace AND t.typowner = 'postgres'::regrole
                    AND t.typtype IN ('e', 'r', 'd') LOOP
                EXECUTE format('ALTER %%s %%s OWNER TO %1$s', CASE o.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END,
                    o.name);
              END LOOP;
            END $$;

            """;

    private final Path cluster;
    private final String password;
    /** Passwords to set up at {@link #secure}; null when the cluster has them already. */
    private final String superuserPassword;

    private EmbeddedDatabaseAccess(Path cluster, String password, String superuserPassword) {
        this.cluster = cluster;
        this.password = password;
        this.superuserPassword = superuserPassword;
    }

    /** The access of the cluster in this directory: its passwords, or new ones when it has none yet. */
    static EmbeddedDatabaseAccess of(Path cluster) {
        Path file = cluster.resolve(PASSWORD_FILE);
        if (!Files.exists(file)) {
            return new EmbeddedDatabaseAccess(cluster, newPassword(), newPassword());
        }
        try {
            return new EmbeddedDatabaseAccess(cluster, Files.readString(file, StandardCharsets.UTF_8).strip(), null);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the embedded database's password from " + file, e);
        }
    }

    /** The gateway role's password. */
    String password() {
        return password;
    }

    Path passwordFile() {
        return cluster.resolve(PASSWORD_FILE);
    }

    /**
     * Closes the cluster before its server starts: on a cluster without the gateway role's password file (new, or
     * made by an earlier gateway) sets up the roles with the new passwords and writes the password files (set up
     * again when interrupted before), then writes {@code pg_hba.conf}.
     *
     */
    void secure(PostgresBinaries binaries, Map<String, String> settings) {
        try {
            if (superuserPassword != null) {
                setUpRoles(binaries, settings);
                writeOwnerOnly(cluster.resolve(SUPERUSER_PASSWORD_FILE), superuserPassword);
                writeOwnerOnly(passwordFile(), password);
                log.info("The embedded PostgreSQL takes passwords only: the gateway connects as '{}' (password in {}),"
                        + " the superuser 'postgres' has its password in {}", ROLE, passwordFile(),
                        cluster.resolve(SUPERUSER_PASSWORD_FILE));
            } else {
                keepOwnerOnly(passwordFile());
                keepOwnerOnly(cluster.resolve(SUPERUSER_PASSWORD_FILE));
            }
            // Last: a cluster whose set-up failed stays as it was, usable by the gateway version that made it.
            Files.writeString(cluster.resolve("pg_hba.conf"), PG_HBA, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not secure the embedded PostgreSQL in " + cluster, e);
        }
    }

    /** 192 random bits, base64url: nothing to quote in SQL or in a connection string. */
    private static String newPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void setUpRoles(PostgresBinaries binaries, Map<String, String> settings) throws IOException {
        // -j: a statement ends with a semicolon and an empty line. No statement is echoed into the output (it holds
        // the passwords): not on error either. The server's settings, as recovery may need them (prepared
        // transactions).
        List<String> arguments = new ArrayList<>(List.of("--single", "-j", "-D", cluster.toString()));
        settings.forEach((name, value) -> arguments.addAll(List.of("-c", name + "=" + value)));
        arguments.addAll(List.of("-c", "exit_on_error=on", "-c", "log_min_error_statement=panic", DATABASE));
        try {
            binaries.run("postgres", arguments, SET_UP_ROLES.formatted(ROLE, superuserPassword, password, DATABASE),
                    Duration.ofMinutes(10));
        } catch (IllegalStateException e) {
            throw new IllegalStateException("could not set up the roles of the embedded PostgreSQL in " + cluster
                    + " (single-user mode): " + e.getMessage(), e);
        }
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.writeString(temporary, content + "\n", StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Loosened by hand? Tightened again. */
    private static void keepOwnerOnly(Path file) throws IOException {
        if (Files.exists(file)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }
}
