package io.tracegate.gs1;

/** A Serial Shipping Container Code: 18 digits with a valid check digit. */
public record Sscc(String value) {

    public Sscc {
        if (value == null || value.length() != 18 || !CheckDigit.isValid(value)) {
            throw new IllegalArgumentException("not an SSCC (18 digits, valid check digit): '" + value + "'");
        }
    }

    public static Sscc withCheckDigit(String first17) {
        if (first17.length() != 17) {
            throw new IllegalArgumentException("need 17 digits before the check digit: '" + first17 + "'");
        }
        return new Sscc(CheckDigit.append(first17));
    }

    @Override
    public String toString() {
        return value;
    }
}
