package io.tracegate.epcis.model;

import java.math.BigDecimal;

/**
 * The range of the numbers the model holds as decimals: quantities and numeric sensor values. A number is read into a
 * {@link BigDecimal} from its short literal, which is cheap whatever its exponent; writing it out in plain form (XML,
 * the event hash) is not: {@code 1e99999999} would become a hundred million digits. So every such number must be a
 * finite decimal with at most {@value #MAX_DIGITS} digits before and {@value #MAX_DIGITS} after the decimal point
 * (trailing zeros of the fraction not counted), checked before it is ever written out.
 */
public final class Decimals {

    /** Most digits before, and most digits after, the decimal point. */
    public static final int MAX_DIGITS = 40;
    /** Longest literal read: enough for any number in range written with an exponent or padding. */
    public static final int MAX_LITERAL = 100;

    private Decimals() {
    }

    /**
     * The number a literal ({@code 12}, {@code 12.50}, {@code 1.5E3}) stands for.
     *
     * @throws IllegalArgumentException naming the literal when it is not a number or out of range
     */
    public static BigDecimal parse(String literal) {
        String s = literal.strip();
        if (s.length() > MAX_LITERAL) {
            throw new IllegalArgumentException("'" + s.substring(0, 20) + "...' is longer than " + MAX_LITERAL
                    + " characters: not a number in range");
        }
        try {
            return requireInRange(new BigDecimal(s));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is not a number");
        }
    }

    /**
     * The number itself when it is in range; a zero of any exponent as plain {@code 0}.
     *
     * @throws IllegalArgumentException when it has more than {@value #MAX_DIGITS} digits before or after the point
     */
    public static BigDecimal requireInRange(BigDecimal d) {
        if (d.signum() == 0) {
            return d.scale() < 0 || d.scale() > MAX_DIGITS ? BigDecimal.ZERO : d;
        }
        // precision and stripTrailingZeros work on the unscaled digits, which the literal's length bounds
        if (d.precision() - d.scale() > MAX_DIGITS
                || d.scale() > MAX_DIGITS && d.stripTrailingZeros().scale() > MAX_DIGITS) {
            throw new IllegalArgumentException(d + " is out of range: at most " + MAX_DIGITS
                    + " digits before and after the decimal point");
        }
        return d;
    }
}
