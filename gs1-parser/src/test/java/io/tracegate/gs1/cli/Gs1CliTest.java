package io.tracegate.gs1.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line, run in-process over given stdin bytes: output lines, JSON, options and exit codes. */
class Gs1CliTest {

    private static final char GS = '\u001D';
    private static final String DSCSA_BRACKETED = "(01)00300010123455(17)250331(10)A123(21)SN0001";
    private static final String DSCSA_SCAN = "]d201003000101234551725033110A123" + GS + "21SN0001";

    record Result(int exit, List<String> lines, String err) {
    }

    static Result run(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Gs1Cli.run(args, new ByteArrayInputStream(stdin), out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        List<String> lines = text.isEmpty() ? List.of() : List.of(text.split("\n", -1)).subList(0,
                text.split("\n", -1).length - 1);
        return new Result(exit, lines, err.toString(StandardCharsets.UTF_8));
    }

    static Result run(String stdin, String... args) {
        return run(stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    @Test
    void everyInputFormGivesTheBracketedForm() {
        Result r = run(String.join("\n",
                DSCSA_SCAN,
                DSCSA_BRACKETED,
                "^01003000101234551725033110A123^21SN0001",
                "https://id.gs1.org/01/00300010123455/10/A123/21/SN0001?17=250331",
                "urn:epc:id:sgtin:030001.0012345.SN0001") + "\n", "parse", "--today", "2026-01-15");
        assertEquals(0, r.exit(), r.lines().toString());
        assertEquals(List.of(
                "OK\t" + DSCSA_BRACKETED,
                "OK\t" + DSCSA_BRACKETED,
                "OK\t" + DSCSA_BRACKETED,
                "OK\t(01)00300010123455(10)A123(21)SN0001(17)250331",
                "OK\t(01)00300010123455(21)SN0001"), r.lines());
    }

    @Test
    void badLinesGiveErrWithAiPositionAndRuleAndExitCodeOne() {
        Result r = run(DSCSA_SCAN + "\n]d20100300010123454\n", "parse");
        assertEquals(1, r.exit());
        assertEquals("OK\t" + DSCSA_BRACKETED, r.lines().get(0));
        String err = r.lines().get(1);
        assertTrue(err.startsWith("ERR\t"), err);
        assertTrue(err.contains("AI 01"), err);
        assertTrue(err.contains("position "), err);
        assertTrue(err.contains("rule "), err);
        assertTrue(!err.contains("Exception") && !err.contains("\tat "), "no stack trace: " + err);
        assertEquals(2, r.lines().size());
    }

    @Test
    void unrecognisedFormAndEmptyLinesAreErrors() {
        Result r = run("hello\n\n", "parse");
        assertEquals(1, r.exit());
        assertEquals(2, r.lines().size());
        assertTrue(r.lines().get(0).startsWith("ERR\tunrecognised input form: expected scan data"), r.lines().get(0));
        assertTrue(r.lines().get(0).contains("(position 0; rule UNKNOWN_INPUT_FORM)"), r.lines().get(0));
        assertEquals("ERR\tempty input (rule EMPTY_INPUT)", r.lines().get(1));
    }

    @Test
    void crlfTerminatorsAndAMissingFinalNewlineAreHandled() {
        Result r = run(DSCSA_SCAN + "\r\n" + DSCSA_BRACKETED, "parse");
        assertEquals(List.of("OK\t" + DSCSA_BRACKETED, "OK\t" + DSCSA_BRACKETED), r.lines());
        assertEquals(0, r.exit());
    }

    @Test
    void bytesThatAreNotUtf8AreReadAsLatin1AndReportedWithoutCrashing() {
        byte[] in = {']', 'd', '2', '0', '1', (byte) 0xFF, '\n'};
        Result r = run(in, "parse");
        assertEquals(1, r.exit());
        assertTrue(r.lines().get(0).startsWith("ERR\t"), r.lines().get(0));
    }

    @Test
    void overlongLinesAreReportedWithoutBufferingThem() {
        String huge = "]d2" + "1".repeat(Gs1Cli.MAX_LINE_BYTES * 4);
        Result r = run(huge + "\n" + DSCSA_BRACKETED + "\n", "parse");
        assertEquals(List.of("ERR\tinput line longer than 65536 bytes (rule LINE_TOO_LONG)",
                "OK\t" + DSCSA_BRACKETED), r.lines());
        assertEquals(1, r.exit());
    }

    @Test
    void escapesAreDecodedOnRequestAndGsIsShownEscaped() {
        String typed = "]d201003000101234551725033110A123\\x1D21SN0001\n"
                + "]d201003000101234551725033110A123\\u001D21SN0001\n";
        Result r = run(typed, "parse", "--escapes");
        assertEquals(List.of("OK\t" + DSCSA_BRACKETED, "OK\t" + DSCSA_BRACKETED), r.lines());

        Result scan = run(typed, "parse", "--escapes", "--to", "scan");
        assertEquals("OK\t]d201003000101234551725033110A123\\x1D21SN0001", scan.lines().get(0));

        Result raw = run(typed, "parse");
        assertTrue(raw.lines().get(0).startsWith("ERR\t"), "without --escapes a backslash is just a bad character");
    }

    @Test
    void outputForms() {
        String in = DSCSA_BRACKETED + "\n";
        assertEquals("OK\thttps://id.gs1.org/01/00300010123455/10/A123/21/SN0001?17=250331",
                run(in, "parse", "--to", "dl").lines().get(0));
        assertEquals("OK\t" + DSCSA_SCAN, run(in, "parse", "--to", "scan").lines().get(0));
        assertEquals("OK\t(01) 00300010123455 (17) 250331 (10) A123 (21) SN0001",
                run(in, "parse", "--to", "hri").lines().get(0));
        assertEquals("OK\turn:epc:id:sgtin:030001.0012345.SN0001", run(in, "parse", "--to", "urn").lines().get(0));
        assertEquals("OK\t^01003000101234551725033110A123^21SN0001",
                run(in, "parse", "--to", "unbracketed").lines().get(0));
    }

    @Test
    void substituteSeparatorsAreRepeatable() {
        String in = "]d201003000101234551725033110A123|21SN0001\n"
                + "]d201003000101234551725033110A123<GS>21SN0001\n";
        Result r = run(in, "parse", "--separator", "|", "--separator", "<GS>");
        assertEquals(List.of("OK\t" + DSCSA_BRACKETED, "OK\t" + DSCSA_BRACKETED), r.lines());
        assertEquals(1, run(in, "parse").exit(), "without the option '|' is no separator");
    }

    @Test
    void ambiguousStringsListTheAlternativesUnlessStrict() {
        String in = "]d2010030001012345510ABC12317271231\n";
        Result r = run(in, "parse", "--today", "2026-01-15");
        assertEquals(0, r.exit());
        String[] f = r.lines().get(0).split("\t");
        assertEquals("OK", f[0]);
        assertEquals("AMBIGUOUS", f[2], r.lines().get(0));
        List<String> readings = List.of(f).subList(1, f.length).stream().filter(s -> !s.equals("AMBIGUOUS")).toList();
        assertTrue(readings.contains("(01)00300010123455(10)ABC12317271231"), readings.toString());
        assertTrue(readings.contains("(01)00300010123455(10)ABC123(17)271231"), readings.toString());

        Result strict = run(in, "parse", "--strict", "--today", "2026-01-15");
        assertEquals(1, strict.exit());
        assertTrue(strict.lines().get(0).startsWith("ERR\t"), strict.lines().get(0));
    }

    @Test
    void unknownAisOnlyWithPermitUnknown() {
        String in = "(01)00300010123455(21)SN1(8016)ABC\n";
        assertEquals(1, run(in, "parse").exit());
        Result r = run(in, "parse", "--permit-unknown");
        assertEquals(List.of("OK\t(01)00300010123455(21)SN1(8016)ABC"), r.lines());
    }

    @Test
    void jsonCarriesElementsAndTypedFields() {
        Result r = run(DSCSA_SCAN + "\n]d20100300010123454\n", "parse", "--json", "--today", "2026-01-15");
        assertEquals("{\"input\":\"]d201003000101234551725033110A123\\u001D21SN0001\",\"form\":\"scan\",\"ok\":true,"
                        + "\"bracketed\":\"" + DSCSA_BRACKETED + "\",\"elements\":[{\"ai\":\"01\",\"value\":\"00300010123455\"},"
                        + "{\"ai\":\"17\",\"value\":\"250331\"},{\"ai\":\"10\",\"value\":\"A123\"},"
                        + "{\"ai\":\"21\",\"value\":\"SN0001\"}],\"gtin\":\"00300010123455\",\"serial\":\"SN0001\","
                        + "\"lot\":\"A123\",\"expiry\":{\"raw\":\"250331\",\"date\":\"2025-03-31\"},\"sscc\":null,"
                        + "\"gln\":null,\"ambiguity\":null}",
                r.lines().get(0));
        String err = r.lines().get(1);
        assertTrue(err.startsWith("{\"input\":\"]d20100300010123454\",\"form\":\"scan\",\"ok\":false,\"error\":{"), err);
        assertTrue(err.contains("\"ai\":\"01\""), err);
    }

    @Test
    void todayDecidesTheCenturyOfDates() {
        String in = "(01)00300010123455(17)991200\n";
        assertTrue(run(in, "parse", "--json", "--today", "2026-01-15").lines().get(0)
                .contains("\"expiry\":{\"raw\":\"991200\",\"date\":\"1999-12-31\"}"));
        assertTrue(run(in, "parse", "--json", "--today", "2049-06-01").lines().get(0)
                .contains("\"expiry\":{\"raw\":\"991200\",\"date\":\"2099-12-31\"}"));
    }

    @Test
    void badUsageExitsWithTwoAndTheUsage() {
        for (String[] args : List.of(new String[] {}, new String[] {"frobnicate"}, new String[] {"parse", "--bogus"},
                new String[] {"parse", "--to"}, new String[] {"parse", "--to", "pdf"},
                new String[] {"parse", "--today", "15/01/2026"}, new String[] {"parse", "--separator", ""})) {
            Result r = run("", args);
            assertEquals(2, r.exit(), List.of(args).toString());
            assertTrue(r.err().contains("usage: java -jar gs1-parser.jar parse"), r.err());
            assertTrue(r.lines().isEmpty());
        }
        Result help = run("", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.lines().get(0).startsWith("usage:"));
    }
}
