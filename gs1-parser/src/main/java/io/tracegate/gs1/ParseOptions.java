package io.tracegate.gs1;

import java.time.Clock;
import java.util.List;

/**
 * How strictly and in what environment input is parsed. Immutable; change one setting with the {@code with...}
 * methods, starting from {@link #defaults()}.
 *
 * @param clock                    today's date for the GS1 century window of YYMMDD dates
 * @param permitUnknownAis         accept AIs missing from the Syntax Dictionary (their length taken from the
 *                                 predefined-length prefix table, else variable up to 90 characters)
 * @param strictAmbiguity          reject strings that can be split into element strings in more than one way
 * @param validateAssociations     apply {@code req=} (mandatory associations), {@code ex=} (mutually exclusive) and
 *                                 repeated-AI rules
 * @param permitZeroSuppressedGtin accept GTIN-8/12/13 in a Digital Link URI path and normalise it to 14 digits
 * @param separators               substitutes that keyboard-wedge scanners send for GS (e.g. {@code "|"},
 *                                 {@code "<GS>"}, {@code "{GS}"}); GS itself is always a separator
 */
public record ParseOptions(
        Clock clock,
        boolean permitUnknownAis,
        boolean strictAmbiguity,
        boolean validateAssociations,
        boolean permitZeroSuppressedGtin,
        List<String> separators) {

    public ParseOptions {
        if (clock == null) {
            throw new IllegalArgumentException("clock is required");
        }
        separators = List.copyOf(separators);
        for (String s : separators) {
            if (s.isEmpty()) {
                throw new IllegalArgumentException("a separator substitute may not be empty");
            }
        }
    }

    /** System UTC clock, known AIs only, ambiguity reported (not rejected), all cross-AI rules, no substitutes. */
    public static ParseOptions defaults() {
        return new ParseOptions(Clock.systemUTC(), false, false, true, false, List.of());
    }

    public ParseOptions withClock(Clock c) {
        return new ParseOptions(c, permitUnknownAis, strictAmbiguity, validateAssociations, permitZeroSuppressedGtin,
                separators);
    }

    public ParseOptions withPermitUnknownAis(boolean v) {
        return new ParseOptions(clock, v, strictAmbiguity, validateAssociations, permitZeroSuppressedGtin, separators);
    }

    public ParseOptions withStrictAmbiguity(boolean v) {
        return new ParseOptions(clock, permitUnknownAis, v, validateAssociations, permitZeroSuppressedGtin, separators);
    }

    public ParseOptions withValidateAssociations(boolean v) {
        return new ParseOptions(clock, permitUnknownAis, strictAmbiguity, v, permitZeroSuppressedGtin, separators);
    }

    public ParseOptions withPermitZeroSuppressedGtin(boolean v) {
        return new ParseOptions(clock, permitUnknownAis, strictAmbiguity, validateAssociations, v, separators);
    }

    public ParseOptions withSeparators(List<String> s) {
        return new ParseOptions(clock, permitUnknownAis, strictAmbiguity, validateAssociations,
                permitZeroSuppressedGtin, s);
    }
}
