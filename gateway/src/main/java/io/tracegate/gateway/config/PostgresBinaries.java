package io.tracegate.gateway.config;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL binaries zonky ships, read through here to learn where zonky unpacks them: into
 * {@code <working directory>/PG-<MD5 of the archive>}. The gateway runs two of them itself: {@code postgres} in
 * single-user mode before zonky starts the server ({@link EmbeddedDatabaseAccess}), and {@code pg_ctl} to start a
 * server again that died ({@link EmbeddedPostgresServer}).
 */
enum PostgresBinaries implements PgBinaryResolver {
    INSTANCE;

    private volatile String digest;

    @Override
    public InputStream getPgBinary(String system, String machineHardware) throws IOException {
        byte[] archive;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware)) {
            if (in == null) {
                return null;
            }
            archive = in.readAllBytes();
        }
        try {
            digest = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(archive));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
        return new ByteArrayInputStream(archive);
    }

    /** zonky's default: {@code ot.epg.working-dir}, else {@code <java.io.tmpdir>/embedded-pg}. */
    Path workingDirectory() {
        return Path.of(System.getProperty("ot.epg.working-dir",
                Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg").toString()));
    }

    /**
     * Runs one of the binaries (unpacked by a start of zonky's) to its end, as zonky runs them: in a user namespace
     * of its own where available, since PostgreSQL refuses to run as root.
     *
     * @param input what it reads on standard input
     * @return its output
     * @throws IllegalStateException when it fails, with its output
     */
    String run(String program, List<String> arguments, String input, Duration timeout) throws IOException {
        Path binary = workingDirectory().resolve("PG-" + digest).resolve("bin").resolve(program);
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("the PostgreSQL binaries are not where zonky unpacks them: " + binary);
        }
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(binary.toString());
        command.addAll(arguments);
        // Its output to a file: a server it starts inherits where it writes, and a pipe would stay open as long.
        Path output = Files.createTempFile("tracegate-" + program, ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .start();
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            } catch (IOException exited) {
                // it did not read: its output says why
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(program + " did not end within " + timeout + ": "
                        + Files.readString(output).strip());
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(program + " failed: " + Files.readString(output).strip());
            }
            return Files.readString(output).strip();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + program + " ran", e);
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
