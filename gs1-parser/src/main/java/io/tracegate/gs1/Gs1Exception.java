package io.tracegate.gs1;

/**
 * The one exception the parser throws for bad input. It names the AI concerned (when known), the offending span
 * of the input as given, and the rule that failed: a Syntax Dictionary linter code such as
 * {@code GS1_LINTER_INCORRECT_CHECK_DIGIT}, or one of the parser's own rules:
 *
 * <ul>
 *   <li>scan data: {@code MISSING_SYMBOLOGY_IDENTIFIER}, {@code UNSUPPORTED_SYMBOLOGY_IDENTIFIER},
 *       {@code PLAIN_DATA} (non-GS1 data, also for an unbracketed string without leading {@code ^}),
 *       {@code LEADING_SEPARATOR}, {@code ILLEGAL_CARET}, and for EAN/UPC {@code PRIMARY_TOO_SHORT},
 *       {@code PRIMARY_TOO_LONG}, {@code PRIMARY_NOT_DIGITS}, {@code PRIMARY_CHECK_DIGIT};</li>
 *   <li>reading element strings: {@code EMPTY}, {@code PARSE_FAILED} (bracket syntax), {@code UNRECOGNISED_AI},
 *       {@code NO_AI_FOR_PREFIX}, {@code VALUE_TOO_SHORT}, {@code VALUE_TOO_LONG}, {@code DATA_EMPTY},
 *       {@code INCORRECT_LENGTH}, {@code DATA_TOO_LONG}, {@code TOO_MANY_AIS} (more than 64);</li>
 *   <li>across elements: {@code REQUIRED_AIS}, {@code MUTUALLY_EXCLUSIVE}, {@code REPEATED_AI},
 *       {@code DIGSIG_SERIAL}, and {@code AMBIGUOUS} in strict ambiguity mode.</li>
 * </ul>
 *
 * <p>Messages use the GS1 Syntax Engine's wording where it has one, e.g.
 * {@code Required AIs for AI (10) are not satisfied: 01,02,03,8006,8026}.
 */
public final class Gs1Exception extends RuntimeException {

    private final String ai;
    private final String rule;
    private final String input;
    private final int start;
    private final int end;

    /**
     * @param ai    the AI concerned, or null
     * @param rule  the rule that failed
     * @param input the input as given to the entry point (or the element data when no input applies)
     * @param start start of the offending span in {@code input}, or -1 when no span applies
     * @param end   end (exclusive) of the offending span, or -1
     * @param detail human-readable explanation
     */
    public Gs1Exception(String ai, String rule, String input, int start, int end, String detail) {
        super(detail);
        this.ai = ai;
        this.rule = rule;
        this.input = input;
        this.start = start;
        this.end = end;
    }

    public String ai() {
        return ai;
    }

    public String rule() {
        return rule;
    }

    public String input() {
        return input;
    }

    public int start() {
        return start;
    }

    public int end() {
        return end;
    }

    /** The input with the offending span marked by {@code |...|}, as the GS1 Syntax Engine's markup does. */
    public String markup() {
        if (input == null || start < 0 || end < start || end > input.length()) {
            return input;
        }
        return input.substring(0, start) + "|" + input.substring(start, end) + "|" + input.substring(end);
    }
}
