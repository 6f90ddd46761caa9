package io.tracegate.gs1.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tracegate.gs1.Gs1Parser;
import java.util.function.Function;

/**
 * One fuzz test per entry point: a subclass names the entry point, this class feeds it. Jazzer fuzzes one test per
 * JVM, so the build runs each subclass ({@code *FuzzTest}) in its own fork with {@code JAZZER_FUZZ=1} (profile
 * {@code fuzz} in gs1-parser/pom.xml); plain test runs only replay their seeds.
 */
public abstract class EntryPointFuzzing {

    @FuzzTest(maxDuration = FuzzContract.BUDGET)
    @DictionaryFile(resourcePath = "/io/tracegate/gs1/fuzz/gs1.dict")
    void fuzz(FuzzedDataProvider data) {
        Gs1Parser parser = new Gs1Parser(FuzzContract.options(data));
        Function<String, ?> entryPoint = entryPoint(parser, data);
        FuzzContract.check(data.consumeRemainingAsString(), entryPoint);
    }

    /** The entry point under test; it may take further choices (options of its own) from {@code data}. */
    protected abstract Function<String, ?> entryPoint(Gs1Parser parser, FuzzedDataProvider data);
}
