package io.tracegate.gs1;

/** The GS1 mod-10 check digit of GTIN, GLN, SSCC, GDTI, GRAI and the other numeric keys. */
public final class CheckDigit {

    private CheckDigit() {
    }

    /**
     * The check digit for the digits {@code s[start, end)} (the key without its check digit): weights 3,1,3,...
     * from the rightmost digit leftwards. Returns -1 when a character is not a digit.
     */
    public static int compute(CharSequence s, int start, int end) {
        int sum = 0;
        int weight = 3;
        for (int i = end - 1; i >= start; i--) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            sum += d * weight;
            weight = 4 - weight;
        }
        return (10 - sum % 10) % 10;
    }

    /** True when {@code s[start, end)} is all digits and its last digit is the correct check digit. */
    public static boolean isValid(CharSequence s, int start, int end) {
        if (end - start < 2) {
            return false;
        }
        int expected = compute(s, start, end - 1);
        return expected >= 0 && s.charAt(end - 1) - '0' == expected;
    }

    public static boolean isValid(CharSequence s) {
        return isValid(s, 0, s.length());
    }

    /** The digits followed by their check digit. */
    public static String append(String digitsWithoutCheck) {
        int c = compute(digitsWithoutCheck, 0, digitsWithoutCheck.length());
        if (c < 0) {
            throw new IllegalArgumentException("not all digits: '" + digitsWithoutCheck + "'");
        }
        return digitsWithoutCheck + (char) ('0' + c);
    }
}
