package io.tracegate.gs1.ai;

import java.util.List;

/**
 * One component of an AI's data field: character set, length bounds, whether it may be absent, and the
 * names of the linters (Syntax Dictionary reference procedures) that check its content.
 */
public record AiComponent(CharacterSet charset, int minLength, int maxLength, boolean optional, List<String> linters) {

    public AiComponent {
        if (minLength < 1 || maxLength < minLength) {
            throw new IllegalArgumentException("bad component length " + minLength + ".." + maxLength);
        }
        linters = List.copyOf(linters);
    }

    public boolean fixedLength() {
        return minLength == maxLength;
    }

    /** The component in the table's own notation, e.g. {@code N6:yymmd0} or {@code ?X1-17}. */
    public String notation() {
        StringBuilder b = new StringBuilder();
        if (optional) {
            b.append('?');
        }
        b.append(charset.letter());
        b.append(fixedLength() ? Integer.toString(maxLength) : minLength + "-" + maxLength);
        if (!linters.isEmpty()) {
            b.append(':').append(String.join(",", linters));
        }
        return b.toString();
    }

    static AiComponent parseNotation(String s) {
        boolean optional = s.startsWith("?");
        String rest = optional ? s.substring(1) : s;
        int colon = rest.indexOf(':');
        String spec = colon < 0 ? rest : rest.substring(0, colon);
        List<String> linters = colon < 0 ? List.of() : List.of(rest.substring(colon + 1).split(","));
        CharacterSet cs = CharacterSet.ofLetter(spec.charAt(0));
        String len = spec.substring(1);
        int dash = len.indexOf('-');
        int min = dash < 0 ? Integer.parseInt(len) : Integer.parseInt(len.substring(0, dash));
        int max = dash < 0 ? min : Integer.parseInt(len.substring(dash + 1));
        return new AiComponent(cs, min, max, optional, linters);
    }
}
