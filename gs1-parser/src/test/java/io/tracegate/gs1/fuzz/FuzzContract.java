package io.tracegate.gs1.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import io.tracegate.gs1.Ambiguity;
import io.tracegate.gs1.Gs1Exception;
import io.tracegate.gs1.ParseOptions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;

/**
 * What every entry point promises for any input whatsoever: it returns a result or throws {@link Gs1Exception}
 * with a message, and it does so quickly and with output proportional to the input (no unbounded loops or
 * allocation). Anything else escaping the call is a finding for Jazzer.
 */
public final class FuzzContract {

    /** Far above any real call (microseconds); only a runaway loop or allocation gets near it. */
    private static final long MAX_NANOS_PER_CALL = 2_000_000_000L;

    /**
     * Generous bound on output per input character and reading: percent-encoding triples a character, and the
     * command line's JSON error line quotes the input twice (as given and marked up), a control character as six.
     * An ambiguous input's output restates it once more per alternative reading.
     */
    private static final int MAX_OUTPUT_PER_INPUT_CHAR = 16;
    private static final int MAX_OUTPUT_OVERHEAD = 512;

    /** Fuzzing time per entry point; six entry points make about a minute in CI. */
    static final String BUDGET = "10s";

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-15T00:00:00Z"), ZoneOffset.UTC);

    private FuzzContract() {
    }

    /** Options varied by the fuzzer, with a fixed clock so that findings reproduce. */
    public static ParseOptions options(FuzzedDataProvider data) {
        return ParseOptions.defaults()
                .withClock(Clock.fixed(Instant.parse("2026-01-15T00:00:00Z"), ZoneOffset.UTC))
                .withPermitUnknownAis(data.consumeBoolean())
                .withStrictAmbiguity(data.consumeBoolean())
                .withValidateAssociations(data.consumeBoolean())
                .withPermitZeroSuppressedGtin(data.consumeBoolean())
                .withSeparators(data.consumeBoolean() ? List.of("|", "<GS>", "{GS}") : List.of());
    }

    /** Calls the entry point on the input and checks the contract; returns the result or null on Gs1Exception. */
    public static <T> T check(String input, Function<String, T> entryPoint) {
        long start = System.nanoTime();
        T result;
        try {
            result = entryPoint.apply(input);
            if (result == null) {
                throw new AssertionError("entry point returned null for input " + quoted(input));
            }
            String shown = result.toString();
            long readings = 1 + Ambiguity.MAX_ALTERNATIVES;
            if (shown.length() > MAX_OUTPUT_OVERHEAD + MAX_OUTPUT_PER_INPUT_CHAR * readings * input.length()) {
                throw new AssertionError("result of " + shown.length() + " characters for an input of "
                        + input.length() + ": " + quoted(input));
            }
        } catch (Gs1Exception e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError("Gs1Exception without a message for input " + quoted(input), e);
            }
            result = null;
        }
        long elapsed = System.nanoTime() - start;
        if (elapsed > MAX_NANOS_PER_CALL) {
            throw new AssertionError("call took " + elapsed / 1_000_000 + " ms for an input of " + input.length()
                    + " characters: " + quoted(input));
        }
        return result;
    }

    private static String quoted(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            b.append(c < 0x20 || c > 0x7E ? String.format("\\u%04X", (int) c) : String.valueOf(c));
        }
        return b.append('"').toString();
    }
}
