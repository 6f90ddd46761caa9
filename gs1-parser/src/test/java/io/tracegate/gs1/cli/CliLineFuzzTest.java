package io.tracegate.gs1.cli;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import io.tracegate.gs1.Gs1Parser;
import io.tracegate.gs1.fuzz.EntryPointFuzzing;
import java.util.function.Function;

/** The command line's per-line handler: whatever the line, one line of result starting with OK or ERR. */
class CliLineFuzzTest extends EntryPointFuzzing {

    @Override
    protected Function<String, ?> entryPoint(Gs1Parser parser, FuzzedDataProvider data) {
        OutputForm to = data.pickValue(OutputForm.values());
        ParseCommand command = new ParseCommand(parser, to, data.consumeBoolean(), data.consumeBoolean());
        return line -> {
            String result = command.handle(line);
            if (!(result.startsWith("OK\t") || result.startsWith("ERR\t") || result.startsWith("{"))
                    || result.indexOf('\n') >= 0 || result.indexOf('\r') >= 0) {
                throw new AssertionError("not one OK/ERR/JSON line: " + result);
            }
            return result;
        };
    }
}
