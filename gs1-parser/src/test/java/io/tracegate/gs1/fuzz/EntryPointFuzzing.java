package io.tracegate.gs1.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tracegate.gs1.ElementString;
import io.tracegate.gs1.Gs1Parser;
import io.tracegate.gs1.ParseOptions;
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
            // whatever form it came in, its bracketed form must read back the same
            ElementString again = FuzzContract.check(parsed.toBracketed(), parser::parseBracketed);
            if (!parsed.equals(again)) {
                throw new AssertionError(parsed.toBracketed() + " reads back as " + again);
            }
        }
    }

    /** The entry point under test; it may take further choices (options of its own) from {@code data}. */
    protected abstract Function<String, ?> entryPoint(Gs1Parser parser, FuzzedDataProvider data);
}
