package io.tracegate.gs1.lint;

/** Digit scanning shared by the numeric linters; nothing here allocates unless it reports an error. */
final class Digits {

    private Digits() {
    }

    /** Index of the first character of {@code d[start, end)} that is not a digit, or -1. */
    static int firstNonDigit(CharSequence d, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = d.charAt(i);
            if (c < '0' || c > '9') {
                return i;
            }
        }
        return -1;
    }

    /** The error for the first non-digit of {@code d[start, end)}, or null when all are digits. */
    static LintError nonDigitError(CharSequence d, int start, int end) {
        int bad = firstNonDigit(d, start, end);
        return bad < 0 ? null : new LintError(Codes.NON_DIGIT_CHARACTER, bad, bad + 1);
    }

    /** The value of the digits {@code d[start, end)}, which the caller has checked are digits. */
    static long value(CharSequence d, int start, int end) {
        long v = 0;
        for (int i = start; i < end; i++) {
            v = v * 10 + (d.charAt(i) - '0');
        }
        return v;
    }
}
