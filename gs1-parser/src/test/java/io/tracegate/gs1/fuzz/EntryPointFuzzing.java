package io.tracegate.gs1.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tracegate.gs1.ElementString;
import io.tracegate.gs1.Gs1Parser;
import io.tracegate.gs1.ParseOptions;
import io.tracegate.gs1.ai.AiTable;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One fuzz test per entry point: a subclass names the entry point, this class feeds it. Jazzer fuzzes one test per
 * JVM, so the build runs each subclass ({@code *FuzzTest}) in its own fork with {@code JAZZER_FUZZ=1} (profile
 * {@code fuzz} in gs1-parser/pom.xml); plain test runs only replay their seeds.
 */
public abstract class EntryPointFuzzing {

    /** A parser per option set: building one is far slower than a parse, and parsers are reusable. */
    private final Map<ParseOptions, Gs1Parser> parsers = new HashMap<>();

    @FuzzTest(maxDuration = FuzzContract.BUDGET)
    @DictionaryFile(resourcePath = "/io/tracegate/gs1/fuzz/gs1.dict")
    void fuzz(FuzzedDataProvider data) {
        Gs1Parser parser = parsers.computeIfAbsent(FuzzContract.options(data), Gs1Parser::new);
        Function<String, ?> entryPoint = entryPoint(parser, data);
        Object result = FuzzContract.check(data.consumeRemainingAsString(), entryPoint);
        if (result instanceof ElementString parsed) {
            // whatever form it came in, its bracketed and scan-data forms must read back the same
            readsBack(parsed, parsed.toBracketed(), parser::parseBracketed);
            // Not comparable: strict mode rightly rejects scan data that reads two ways; an unknown AI's length
            // cannot be told from scan data (only brackets delimit it); a substitute separator such as <GS> may
            // itself be data (it is CSET 82 text).
            ParseOptions o = parser.options();
            if (!o.strictAmbiguity() && o.separators().isEmpty() && allKnown(parsed)) {
                readsBack(parsed, parsed.toScanData(), parser::parseScanData);
            }
        }
    }

    private static boolean allKnown(ElementString parsed) {
        return parsed.elements().stream().allMatch(e -> AiTable.standard().get(e.ai()) != null);
    }

    private static void readsBack(ElementString parsed, String written, Function<String, ElementString> parse) {
        ElementString again = FuzzContract.check(written, parse);
        if (!parsed.equals(again)) {
            throw new AssertionError(written.replace((char) 0x1D, '~') + " reads back as " + again + ", not " + parsed);
        }
    }

    /** The entry point under test; it may take further choices (options of its own) from {@code data}. */
    protected abstract Function<String, ?> entryPoint(Gs1Parser parser, FuzzedDataProvider data);
}
