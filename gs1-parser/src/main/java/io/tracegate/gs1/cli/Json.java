package io.tracegate.gs1.cli;

/** Just enough JSON writing for one object per output line (the parser module has no dependencies). */
final class Json {

    private final StringBuilder b = new StringBuilder(256);
    private boolean first = true;

    /** Starts an object or array; the caller closes it with {@link #end(char)}. */
    Json begin(char bracket) {
        comma();
        b.append(bracket);
        first = true;
        return this;
    }

    Json end(char bracket) {
        b.append(bracket);
        first = false;
        return this;
    }

    /** Writes {@code "name":} inside an object; the next call writes the value. */
    Json name(String name) {
        comma();
        quote(name);
        b.append(':');
        first = true;
        return this;
    }

    Json value(String s) {
        comma();
        if (s == null) {
            b.append("null");
        } else {
            quote(s);
        }
        first = false;
        return this;
    }

    Json value(boolean v) {
        comma();
        b.append(v);
        first = false;
        return this;
    }

    Json value(int v) {
        comma();
        b.append(v);
        first = false;
        return this;
    }

    Json field(String name, String value) {
        return name(name).value(value);
    }

    private void comma() {
        if (!first) {
            b.append(',');
        }
        first = false;
    }

    private void quote(String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7F || Character.isSurrogate(c) && !validSurrogate(s, i)) {
                        b.append(String.format("\\u%04X", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    /** A lone surrogate cannot be written as UTF-8, so it is escaped instead. */
    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    @Override
    public String toString() {
        return b.toString();
    }
}
