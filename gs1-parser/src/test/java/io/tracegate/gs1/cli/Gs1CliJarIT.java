package io.tracegate.gs1.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar as a shell user runs it: {@code java -jar gs1-parser.jar parse}, raw GS bytes on stdin. Runs in
 * the {@code verify} phase, after {@code package} has built the jar.
 */
class Gs1CliJarIT {

    private static final Path JAR = Path.of("target", "gs1-parser.jar");

    record Run(int exit, List<String> lines, String err) {
    }

    static Run java(byte[] stdin, String... args) throws IOException, InterruptedException {
        assumeTrue(Files.isRegularFile(JAR), JAR.toAbsolutePath() + " not built: run ./mvnw -B verify");
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the CLI did not finish");
        return new Run(p.exitValue(), out.isEmpty() ? List.of() : List.of(out.split("\n")), err);
    }

    @Test
    void parsesRawScanDataFromStdin() throws Exception {
        byte[] in = ("]d201003000101234551725033110A123\u001D21SN0001\n"
                + "https://id.gs1.org/01/00300010123455/21/SN0001\n"
                + "]d20100300010123454\n").getBytes(StandardCharsets.ISO_8859_1);
        Run r = java(in, "parse", "--today", "2026-01-15");
        assertEquals(1, r.exit(), r.err());
        assertEquals("OK\t(01)00300010123455(17)250331(10)A123(21)SN0001", r.lines().get(0));
        assertEquals("OK\t(01)00300010123455(21)SN0001", r.lines().get(1));
        assertTrue(r.lines().get(2).startsWith("ERR\t"), r.lines().get(2));
        assertEquals(3, r.lines().size());
    }

    @Test
    void convertsToEpcUrnAndReportsBadUsage() throws Exception {
        Run urn = java("(01)00300010123455(21)SN0001\n".getBytes(StandardCharsets.US_ASCII), "parse", "--to", "urn");
        assertEquals(0, urn.exit(), urn.err());
        assertEquals(List.of("OK\turn:epc:id:sgtin:030001.0012345.SN0001"), urn.lines());

        Run bad = java(new byte[0], "parse", "--to", "pdf");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("usage:"), bad.err());
    }
}
