package io.tracegate.gs1.cli;

/**
 * Backslash escapes for control characters, so that a GS (0x1D) can be typed as {@code \x1D} or <code>&#92;u001D</code>
 * and shown in one-line output. Other backslash sequences are left alone: {@code \(} is the bracketed form's own
 * escape, and no GS1 data character is a backslash.
 */
final class Escapes {

    private Escapes() {
    }

    /** Replaces every {@code \xHH} and <code>&#92;uHHHH</code> by the character it names. */
    static String decode(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char kind = s.charAt(i + 1);
                int digits = kind == 'x' ? 2 : kind == 'u' ? 4 : 0;
                int value = digits == 0 ? -1 : hex(s, i + 2, digits);
                if (value >= 0) {
                    b.append((char) value);
                    i += 2 + digits;
                    continue;
                }
            }
            b.append(c);
            i++;
        }
        return b.toString();
    }

    /** Shows C0 control characters and DEL as {@code \xHH}; everything else as is. */
    static String encodeControls(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                if (b == null) {
                    b = new StringBuilder(s.length() + 8).append(s, 0, i);
                }
                b.append("\\x").append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }

    private static int hex(String s, int start, int digits) {
        if (start + digits > s.length()) {
            return -1;
        }
        int v = 0;
        for (int i = start; i < start + digits; i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }
}
