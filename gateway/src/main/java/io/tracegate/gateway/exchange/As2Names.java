package io.tracegate.gateway.exchange;

import io.tracegate.gateway.problem.ApiProblem;

/**
 * AS2 names (AS2-From, AS2-To): 1 to 128 printable US-ASCII characters, compared case-sensitively; in a header a
 * name with a space or a quote is written as a quoted string, and read back without its quotes.
 */
final class As2Names {

    private As2Names() {
    }

    static String check(String field, String name) {
        if (name.length() > 128) {
            throw ApiProblem.validation(field + ": an AS2 name has at most 128 characters, got " + name.length());
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw ApiProblem.validation(field + ": an AS2 name is printable US-ASCII; character " + i
                        + " is U+" + String.format("%04X", (int) c));
            }
        }
        return name;
    }

    /** The header form: quoted when it holds a space, a quote or a backslash. */
    static String header(String name) {
        if (name.indexOf(' ') < 0 && name.indexOf('"') < 0 && name.indexOf('\\') < 0) {
            return name;
        }
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A header value unquoted; null stays null. */
    static String unquote(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            return v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return v;
    }
}
