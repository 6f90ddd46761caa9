package io.tracegate.gs1.lint;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegate.gs1.testing.Oracles;
import io.tracegate.gs1.testing.VectorFile;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Runs every row of the GS1 Barcode Syntax Dictionary's own linter unit tests
 * ({@code ../shared/oracles/gs1/syntax-dictionary-linter-vectors.tsv}): validity, error code and highlighted span.
 */
class LinterVectorsTest {

    private static final String FILE = "gs1/syntax-dictionary-linter-vectors.tsv";

    /**
     * Upstream resolved two-digit years with a compile-time "current year" (default 2021). Only the rows for
     * 29 February of year 00 depend on it: they expect 2000 (a leap year), which the sliding window gives for any
     * current year from 2000 to 2049 (from 2050 on, 00 means 2100). We use the dictionary's release date.
     */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-27T00:00:00Z"), ZoneOffset.UTC);

    /** Rows (by line number) that are allowed to fail, each with its reason. None today. */
    private static final Map<Integer, String> EXCEPTIONS = Map.of();

    private static final String PREFIX_REFUSED = Codes.INVALID_GCP_PREFIX;
    private static final String PREFIX_SOURCE_OFFLINE = Codes.GCP_DATASOURCE_OFFLINE;

    @Test
    void everyRowOfTheDictionaryLinterTestsPasses() throws IOException {
        List<VectorFile.Row> rows = VectorFile.read(Oracles.require(FILE));
        Linters linters = Linters.withClock(CLOCK);
        Map<String, int[]> perLinter = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int passed = 0;
        int failed = 0;
        for (VectorFile.Row row : rows) {
            String name = row.get("linter").replaceFirst("^gs1_lint_", "");
            String problem = check(linters, name, row);
            int[] counts = perLinter.computeIfAbsent(name, k -> new int[2]);
            if (problem == null) {
                counts[0]++;
                passed++;
            } else {
                counts[1]++;
                failed++;
                if (!EXCEPTIONS.containsKey(row.line())) {
                    failures.add("line " + row.line() + " (" + name + " '" + row.get("input") + "'): " + problem);
                }
            }
        }
        perLinter.forEach((name, c) -> System.out.println(name + ": " + c[0] + " passed, " + c[1] + " failed"));
        System.out.println("syntax-dictionary-linter-vectors.tsv: " + passed + " passed, " + failed + " failed");
        assertTrue(rows.size() > 5000, "expected the full vector file, read " + rows.size() + " rows");
        assertTrue(failures.isEmpty(), failures.size() + " rows fail:\n" + String.join("\n", failures));
        assertTrue(failed == EXCEPTIONS.size(), "an excepted row now passes: drop it from EXCEPTIONS");
    }

    /** Null when the linter does what the row expects, else what differs. */
    private static String check(Linters linters, String name, VectorFile.Row row) {
        String input = VectorFile.unescape(row.get("input"));
        boolean valid = row.get("expected_valid").equals("yes");
        String code = row.get("expected_error");
        LintError actual = lint(linters, name, input, code);
        if (valid) {
            return actual == null ? null : "expected valid, got " + describe(input, actual);
        }
        String expected = code + " " + VectorFile.unescape(row.get("expected_highlight(*err*)"));
        if (actual == null) {
            return "expected " + expected + ", got valid";
        }
        String got = describe(input, actual);
        return got.equals(expected) ? null : "expected " + expected + ", got " + got;
    }

    /**
     * Upstream tests the company prefix lookup with a stand-in that refuses (or is offline for) the last prefix
     * the linter consults; the rows expecting those errors are the same data as rows expecting success. We replay
     * that: count the lookups the data causes, then refuse the last one.
     */
    private static LintError lint(Linters linters, String name, String input, String expectedCode) {
        LintError plain = linters.get(name).lint(input, 0, input.length());
        boolean lookupRow = expectedCode.equals(PREFIX_REFUSED) || expectedCode.equals(PREFIX_SOURCE_OFFLINE);
        if (plain != null || !lookupRow) {
            return plain;
        }
        int[] calls = {0};
        linters.withCompanyPrefixLookup((d, s, e) -> {
            calls[0]++;
            return CompanyPrefixLookup.Verdict.ALLOCATED;
        }).get(name).lint(input, 0, input.length());
        int refuseCall = calls[0];
        CompanyPrefixLookup.Verdict refusal = expectedCode.equals(PREFIX_REFUSED)
                ? CompanyPrefixLookup.Verdict.NOT_ALLOCATED : CompanyPrefixLookup.Verdict.OFFLINE;
        int[] seen = {0};
        return linters.withCompanyPrefixLookup((d, s, e) -> ++seen[0] == refuseCall
                ? refusal : CompanyPrefixLookup.Verdict.ALLOCATED).get(name).lint(input, 0, input.length());
    }

    /** The error in the vector file's notation: code, then the data with the span between asterisks. */
    static String describe(String input, LintError e) {
        return e.code() + " " + input.substring(0, e.start()) + "*" + input.substring(e.start(), e.end()) + "*"
                + input.substring(e.end());
    }
}
