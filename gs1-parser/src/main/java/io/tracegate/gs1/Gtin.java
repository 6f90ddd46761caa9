package io.tracegate.gs1;

/** A GTIN, always held as 14 digits (GTIN-8/12/13 are left-padded with zeros) with a valid check digit. */
public record Gtin(String value) {

    public Gtin {
        if (value == null || value.length() != 14 || !CheckDigit.isValid(value)) {
            throw new IllegalArgumentException("not a GTIN-14 with a valid check digit: '" + value + "'");
        }
    }

    /** Accepts GTIN-8, -12, -13 or -14 and normalises to 14 digits. */
    public static Gtin of(String digits) {
        if (digits == null || !(digits.length() == 8 || digits.length() == 12 || digits.length() == 13
                || digits.length() == 14)) {
            throw new IllegalArgumentException("a GTIN has 8, 12, 13 or 14 digits: '" + digits + "'");
        }
        return new Gtin("0".repeat(14 - digits.length()) + digits);
    }

    /** Builds the GTIN-14 from its first 13 digits by appending the check digit. */
    public static Gtin withCheckDigit(String first13) {
        if (first13.length() != 13) {
            throw new IllegalArgumentException("need 13 digits before the check digit: '" + first13 + "'");
        }
        return new Gtin(CheckDigit.append(first13));
    }

    /** Packaging indicator (first digit): 0 base unit, 1-8 higher levels, 9 variable measure. */
    public char indicator() {
        return value.charAt(0);
    }

    @Override
    public String toString() {
        return value;
    }
}
