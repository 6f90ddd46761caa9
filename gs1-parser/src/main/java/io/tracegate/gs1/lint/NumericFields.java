package io.tracegate.gs1.lint;

/**
 * Linters on the value of numeric components: zero and non-zero rules, "piece of total" and "position in sequence"
 * pairs, and the fixed-point latitude and longitude of AI 4309.
 */
final class NumericFields {

    private NumericFields() {
    }

    /** Only zeros, and at least one. */
    static LintError zero(CharSequence d, int start, int end) {
        return start < end && allZeros(d, start, end) ? null : new LintError("GS1_LINTER_NOT_ZERO", start, end);
    }

    /** Digits whose value is not zero. */
    static LintError nonzero(CharSequence d, int start, int end) {
        LintError nonDigit = Digits.nonDigitError(d, start, end);
        if (nonDigit != null) {
            return nonDigit;
        }
        return allZeros(d, start, end) ? new LintError("GS1_LINTER_ILLEGAL_ZERO_VALUE", start, end) : null;
    }

    /** Digits without a leading zero (a number written in its shortest form). */
    static LintError nozeroprefix(CharSequence d, int start, int end) {
        LintError nonDigit = Digits.nonDigitError(d, start, end);
        if (nonDigit != null) {
            return nonDigit;
        }
        return start < end && d.charAt(start) == '0'
                ? new LintError(Codes.ILLEGAL_ZERO_PREFIX, start, start + 1) : null;
    }

    /** Two equal-length numbers, piece then total: neither zero, and the piece not beyond the total. */
    static LintError pieceoftotal(CharSequence d, int start, int end) {
        int len = end - start;
        if (len == 0 || len % 2 != 0) {
            return new LintError("GS1_LINTER_INVALID_LENGTH_FOR_PIECE_OF_TOTAL", start, end);
        }
        LintError nonDigit = Digits.nonDigitError(d, start, end);
        if (nonDigit != null) {
            return nonDigit;
        }
        int mid = start + len / 2;
        if (allZeros(d, start, mid)) {
            return new LintError("GS1_LINTER_ZERO_PIECE_NUMBER", start, mid);
        }
        if (allZeros(d, mid, end)) {
            return new LintError("GS1_LINTER_ZERO_TOTAL_PIECES", mid, end);
        }
        return compareNumbers(d, start, mid, mid, end) > 0
                ? new LintError("GS1_LINTER_PIECE_NUMBER_EXCEEDS_TOTAL", start, end) : null;
    }

    /** "position/end": two numbers without leading zeros, the position not beyond the end. */
    static LintError posinseqslash(CharSequence d, int start, int end) {
        int slash = -1;
        for (int i = start; i < end; i++) {
            char c = d.charAt(i);
            if (c == '/' && slash < 0) {
                slash = i;
            } else if (c < '0' || c > '9') {
                return new LintError("GS1_LINTER_POSITION_IN_SEQUENCE_MALFORMED", start, end);
            }
        }
        if (slash <= start || slash == end - 1) {
            return new LintError("GS1_LINTER_POSITION_IN_SEQUENCE_MALFORMED", start, end);
        }
        if (d.charAt(start) == '0') {
            return new LintError(Codes.ILLEGAL_ZERO_PREFIX, start, slash);
        }
        if (d.charAt(slash + 1) == '0') {
            return new LintError(Codes.ILLEGAL_ZERO_PREFIX, slash + 1, end);
        }
        return compareNumbers(d, start, slash, slash + 1, end) > 0
                ? new LintError("GS1_LINTER_POSITION_EXCEEDS_END", start, end) : null;
    }

    /** Latitude as ten digits: degrees + 90, times 10^7, so 0000000000..1800000000. */
    static LintError latitude(CharSequence d, int start, int end) {
        return fixedPoint(d, start, end, 1_800_000_000L, "GS1_LINTER_LATITUDE_INVALID_LENGTH",
                "GS1_LINTER_INVALID_LATITUDE");
    }

    /** Longitude as ten digits: degrees + 180, times 10^7, so 0000000000..3600000000. */
    static LintError longitude(CharSequence d, int start, int end) {
        return fixedPoint(d, start, end, 3_600_000_000L, "GS1_LINTER_LONGITUDE_INVALID_LENGTH",
                "GS1_LINTER_INVALID_LONGITUDE");
    }

    private static LintError fixedPoint(CharSequence d, int start, int end, long max, String badLength,
                                        String outOfRange) {
        if (end - start != 10) {
            return new LintError(badLength, start, end);
        }
        LintError nonDigit = Digits.nonDigitError(d, start, end);
        if (nonDigit != null) {
            return nonDigit;
        }
        return Digits.value(d, start, end) > max ? new LintError(outOfRange, start, end) : null;
    }

    private static boolean allZeros(CharSequence d, int start, int end) {
        for (int i = start; i < end; i++) {
            if (d.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }

    /**
     * Compares two digit runs as numbers of any length: sign of a - b. The runs either have equal length or no
     * leading zeros, so the longer is the larger and equal lengths compare character by character.
     */
    private static int compareNumbers(CharSequence d, int aStart, int aEnd, int bStart, int bEnd) {
        int byLength = Integer.compare(aEnd - aStart, bEnd - bStart);
        if (byLength != 0) {
            return byLength;
        }
        for (int i = 0; i < aEnd - aStart; i++) {
            int byDigit = Character.compare(d.charAt(aStart + i), d.charAt(bStart + i));
            if (byDigit != 0) {
                return byDigit;
            }
        }
        return 0;
    }
}
