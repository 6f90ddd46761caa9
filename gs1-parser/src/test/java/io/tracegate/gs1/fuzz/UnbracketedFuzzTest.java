package io.tracegate.gs1.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import io.tracegate.gs1.Gs1Parser;
import java.util.function.Function;

class UnbracketedFuzzTest extends EntryPointFuzzing {

    @Override
    protected Function<String, ?> entryPoint(Gs1Parser parser, FuzzedDataProvider data) {
        return parser::parseUnbracketed;
    }
}
