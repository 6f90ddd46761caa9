package io.tracegate.gs1.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.tracegate.gs1.ElementString;
import io.tracegate.gs1.Gs1Exception;
import io.tracegate.gs1.Gs1Parser;
import io.tracegate.gs1.ParseOptions;
import io.tracegate.gs1.dl.DigitalLink;
import io.tracegate.gs1.testing.Oracles;
import io.tracegate.gs1.testing.VectorFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every row of the GS1 Syntax Engine's Digital Link vectors: URI parsing (validity and the element string, compared
 * in bracketed form with the engine's full-validation result) and URI generation from bracketed element strings.
 */
class DigitalLinkVectorsTest {

    private static final String FILE = "gs1/syntax-engine-dl-vectors.tsv";

    /** Rows we do not follow, by file line number, each with its reason. */
    private static final Map<Integer, String> EXCEPTIONS = Map.of(
            39, "convenience alphas (/gtin/): deprecated DL 1.0 short names, an engine-internal option we do not offer",
            40, "convenience alphas (/gtin/.../ser/): as line 39",
            41, "convenience alphas (/sscc/): as line 39",
            114, "engine option nounkdl (unknown AIs as query attributes) is not offered: unknown AIs are never DL data",
            139, "engine option nounkdl in generation: as line 114");

    @Test
    void everyRow() throws Exception {
        List<VectorFile.Row> rows = VectorFile.read(Oracles.require(FILE));
        int passed = 0;
        List<String> failures = new ArrayList<>();
        List<Integer> unexpectedPasses = new ArrayList<>();
        for (VectorFile.Row row : rows) {
            String problem = check(row);
            boolean excepted = EXCEPTIONS.containsKey(row.line());
            if (problem == null) {
                passed++;
                if (excepted) {
                    unexpectedPasses.add(row.line());
                }
            } else if (!excepted) {
                failures.add("line " + row.line() + ": " + problem);
            }
        }
        int failed = rows.size() - passed;
        System.out.println("syntax-engine-dl-vectors.tsv: " + passed + " passed, " + failed + " failed"
                + " (" + (failed - failures.size()) + " listed exceptions)");
        failures.forEach(System.out::println);
        assertTrue(EXCEPTIONS.size() <= 5, "at most 5 exception rows");
        assertTrue(unexpectedPasses.isEmpty(), "listed exceptions now pass, remove them: " + unexpectedPasses);
        if (!failures.isEmpty()) {
            fail(failures.size() + " rows disagree with the engine:\n" + String.join("\n", failures));
        }
    }

    /** Null when the row agrees, else what went wrong. */
    private static String check(VectorFile.Row row) {
        String input = VectorFile.unescape(row.get("input"));
        boolean valid = row.get("expected_valid").equals("yes");
        List<String> options = List.of(row.get("options").split(","));
        ParseOptions po = ParseOptions.defaults()
                .withPermitZeroSuppressedGtin(options.contains("zs"))
                .withPermitUnknownAis(options.contains("unknown"));
        Gs1Parser parser = new Gs1Parser(po);
        try {
            if (row.get("input_format").equals("dl-uri")) {
                return checkParse(row, input, valid, parser);
            }
            return checkGenerate(row, input, valid, parser, options);
        } catch (RuntimeException e) {
            return "threw " + e;
        }
    }

    private static String checkParse(VectorFile.Row row, String uri, boolean valid, Gs1Parser parser) {
        ElementString es;
        try {
            es = DigitalLink.parse(uri, parser);
        } catch (Gs1Exception e) {
            return valid ? "rejected a valid URI: " + e.getMessage() : null;
        }
        if (!valid) {
            return "accepted an invalid URI as " + es;
        }
        String expected = row.get("engine_full_result");
        return es.toString().equals(expected) ? null : "parsed as " + es + ", engine " + expected;
    }

    private static String checkGenerate(VectorFile.Row row, String bracketed, boolean valid, Gs1Parser parser,
            List<String> options) {
        String stem = null;
        for (String o : options) {
            if (o.startsWith("dl=") && !o.equals("dl=NULL")) {
                stem = o.substring(3);
            }
        }
        ElementString es = parser.parseBracketed(bracketed);
        String expected = row.get("expected");
        String uri;
        try {
            uri = DigitalLink.generate(es, stem);
        } catch (Gs1Exception e) {
            return valid ? "generation failed: " + e.getMessage() : null;
        }
        if (!valid) {
            return "generated " + uri + " where the engine refuses";
        }
        return expected.equals("uri=" + uri) ? null : "generated " + uri + ", expected " + expected;
    }
}
