package io.tracegate.gs1.lint;

/**
 * Linters on the characters of a component: the GS1 AI encodable character sets (CSET 82, CSET 39, CSET 64 and
 * digits), the importer index, percent-encoding, hyphens and "must contain a non-digit". Each set is a 128-entry
 * table so that a check is one array load per character.
 */
final class CharacterSets {

    /** CSET 82 in its defined order, which also gives each character its value (0..81) in check character pairs. */
    static final String CSET82_CHARACTERS =
            "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
    static final boolean[] CSET82 = table(CSET82_CHARACTERS);
    static final boolean[] CSET39 = table("#-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ");
    /** Base64url without padding; also the importer index alphabet (GS1 General Specifications, AI 7040). */
    static final boolean[] CSET64 = table("-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz");

    private CharacterSets() {
    }

    private static boolean[] table(String members) {
        boolean[] t = new boolean[128];
        for (int i = 0; i < members.length(); i++) {
            t[members.charAt(i)] = true;
        }
        return t;
    }

    static boolean in(boolean[] set, char c) {
        return c < 128 && set[c];
    }

    /** Index of the first character of {@code d[start, end)} outside the set, or -1. */
    static int firstOutside(boolean[] set, CharSequence d, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = d.charAt(i);
            if (c >= 128 || !set[c]) {
                return i;
            }
        }
        return -1;
    }

    static LintError csetnumeric(CharSequence d, int start, int end) {
        return Digits.nonDigitError(d, start, end);
    }

    static LintError cset82(CharSequence d, int start, int end) {
        int bad = firstOutside(CSET82, d, start, end);
        return bad < 0 ? null : new LintError(Codes.INVALID_CSET82_CHARACTER, bad, bad + 1);
    }

    static LintError cset39(CharSequence d, int start, int end) {
        int bad = firstOutside(CSET39, d, start, end);
        return bad < 0 ? null : new LintError("GS1_LINTER_INVALID_CSET39_CHARACTER", bad, bad + 1);
    }

    /** Base64url with optional '=' padding: at most two, and only to complete a group of three characters. */
    static LintError cset64(CharSequence d, int start, int end) {
        int dataEnd = end;
        while (dataEnd > start && d.charAt(dataEnd - 1) == '=') {
            dataEnd--;
        }
        int pads = end - dataEnd;
        if (pads > 2 || (pads > 0 && (end - start) % 3 != 0)) {
            return new LintError("GS1_LINTER_INVALID_CSET64_PADDING", dataEnd, end);
        }
        int bad = firstOutside(CSET64, d, start, dataEnd);
        return bad < 0 ? null : new LintError("GS1_LINTER_INVALID_CSET64_CHARACTER", bad, bad + 1);
    }

    /** AI 7040's importer index: exactly one character of CSET 64. */
    static LintError importeridx(CharSequence d, int start, int end) {
        if (end - start != 1) {
            return new LintError("GS1_LINTER_IMPORTER_IDX_MUST_BE_ONE_CHARACTER", start, end);
        }
        return in(CSET64, d.charAt(start)) ? null
                : new LintError("GS1_LINTER_INVALID_IMPORT_IDX_CHARACTER", start, end);
    }

    /** Every '%' starts a two-hex-digit escape; the error marks the '%' and the (up to two) characters after it. */
    static LintError pcenc(CharSequence d, int start, int end) {
        for (int i = start; i < end; i++) {
            if (d.charAt(i) != '%') {
                continue;
            }
            if (i + 2 >= end || !isHex(d.charAt(i + 1)) || !isHex(d.charAt(i + 2))) {
                return new LintError("GS1_LINTER_INVALID_PERCENT_SEQUENCE", i, Math.min(i + 3, end));
            }
            i += 2;
        }
        return null;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
    }

    /** One or more hyphens and nothing else. */
    static LintError hyphen(CharSequence d, int start, int end) {
        if (start == end) {
            return new LintError("GS1_LINTER_NOT_HYPHEN", start, end);
        }
        for (int i = start; i < end; i++) {
            if (d.charAt(i) != '-') {
                return new LintError("GS1_LINTER_NOT_HYPHEN", start, end);
            }
        }
        return null;
    }

    /** At least one character that is not a digit (so the value cannot be mistaken for a number). */
    static LintError hasnondigit(CharSequence d, int start, int end) {
        return Digits.firstNonDigit(d, start, end) >= 0 ? null
                : new LintError("GS1_LINTER_REQUIRES_NON_DIGIT_CHARACTER", start, end);
    }
}
