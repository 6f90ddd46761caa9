package io.tracegate.gs1;

/** A Global Location Number: 13 digits with a valid check digit. */
public record Gln(String value) {

    public Gln {
        if (value == null || value.length() != 13 || !CheckDigit.isValid(value)) {
            throw new IllegalArgumentException("not a GLN (13 digits, valid check digit): '" + value + "'");
        }
    }

    public static Gln withCheckDigit(String first12) {
        if (first12.length() != 12) {
            throw new IllegalArgumentException("need 12 digits before the check digit: '" + first12 + "'");
        }
        return new Gln(CheckDigit.append(first12));
    }

    @Override
    public String toString() {
        return value;
    }
}
