package io.tracegate.epcis.io;

/**
 * What XML 1.0 allows in text and names. JSON strings may carry any code point (escaped NUL, lone surrogates), but
 * every value the model holds must also be writable as XML and storable as PostgreSQL text.
 */
final class XmlCharacters {

    private XmlCharacters() {
    }

    /** The index of the first character XML 1.0 forbids (a lone surrogate counts), or -1. */
    static int firstForbidden(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0xD800 || c == '\t' || c == '\n' || c == '\r' || c >= 0xE000 && c <= 0xFFFD) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
                continue;
            }
            return i;
        }
        return -1;
    }

    /**
     * Whether a local name can be an XML element name (an NCName): it starts with a letter or {@code _} and holds
     * only letters, digits, {@code .}, {@code -}, {@code _} and combining marks.
     */
    static boolean isNcName(String s) {
        if (s.isEmpty() || !(Character.isLetter(s.charAt(0)) || s.charAt(0) == '_')) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_'
                    || Character.getType(c) == Character.NON_SPACING_MARK
                    || Character.getType(c) == Character.COMBINING_SPACING_MARK)) {
                return false;
            }
        }
        return true;
    }

    /** A character for a message: {@code U+0000}. */
    static String describe(String s, int index) {
        return String.format("U+%04X", s.codePointAt(index));
    }
}
