package io.tracegate.gs1;

import io.tracegate.gs1.ai.AiDefinition;
import io.tracegate.gs1.ai.AiTable;
import io.tracegate.gs1.lint.Linters;
import java.time.Clock;
import java.util.List;

/**
 * The AI table compiled once per parser: an {@link AiSpec} per known AI (found by the AI's digits, no hashing),
 * the AI length each two-digit prefix implies, and the templates for unknown AIs.
 */
final class AiRules {

    final AiTable table;
    /** The clock the date linters read today from. */
    final Clock clock;
    private final AiSpec[] two = new AiSpec[100];
    private final AiSpec[] three = new AiSpec[1000];
    private final AiSpec[] four = new AiSpec[10000];
    /** AI length (2 to 4) of the AIs starting with each two-digit prefix, 0 where no AI starts so. */
    private final int[] aiLengthByPrefix = new int[100];
    private final AiSpec unknownVariable;
    /** Unknown-AI templates by predefined data length (the prefix table's lengths are at most 18). */
    private final AiSpec[] unknownFixed = new AiSpec[19];

    AiRules(AiTable table, Linters linters) {
        this.table = table;
        this.clock = linters.clock();
        List<AiSpec.Pattern> required = AiSpec.requiredPatterns(table.all());
        for (AiDefinition d : table.all()) {
            String ai = d.ai();
            int v = Integer.parseInt(ai);
            AiSpec spec = AiSpec.compile(d, linters, required);
            switch (ai.length()) {
                case 2 -> two[v] = spec;
                case 3 -> three[v] = spec;
                default -> four[v] = spec;
            }
            aiLengthByPrefix[(ai.charAt(0) - '0') * 10 + ai.charAt(1) - '0'] = ai.length();
        }
        unknownVariable = AiSpec.unknown(null, 0, linters, required);
        for (char d1 = '0'; d1 <= '9'; d1++) {
            for (char d2 = '0'; d2 <= '9'; d2++) {
                int fixed = AiTable.predefinedDataLength(d1, d2);
                if (fixed > 0 && unknownFixed[fixed] == null) {
                    unknownFixed[fixed] = AiSpec.unknown(null, fixed, linters, required);
                }
            }
        }
    }

    /** The known AI whose digits are {@code s[start, start+len)} (all digits), or null. */
    AiSpec known(CharSequence s, int start, int len) {
        int v = 0;
        for (int i = start; i < start + len; i++) {
            v = v * 10 + s.charAt(i) - '0';
        }
        return switch (len) {
            case 2 -> two[v];
            case 3 -> three[v];
            case 4 -> four[v];
            default -> null;
        };
    }

    /**
     * The known AI starting at {@code offset}, or null. The same walk as {@link AiTable#match}, over the compiled
     * specs: the hot path of every parse, where a second lookup from definition to spec would double its cost.
     */
    AiSpec match(CharSequence s, int offset) {
        int n = Math.min(s.length() - offset, 4);
        int v = 0;
        for (int i = 0; i < n; i++) {
            int d = s.charAt(offset + i) - '0';
            if (d < 0 || d > 9) {
                return null;
            }
            v = v * 10 + d;
            AiSpec spec = switch (i) {
                case 0 -> null;
                case 1 -> two[v];
                case 2 -> three[v];
                default -> four[v];
            };
            if (spec != null) {
                return spec;
            }
        }
        return null;
    }

    /** The AI length implied by the two digits at {@code offset}, 0 when no known AI starts with them. */
    int aiLengthByPrefix(CharSequence s, int offset) {
        if (offset + 1 >= s.length()) {
            return 0;
        }
        int d1 = s.charAt(offset) - '0';
        int d2 = s.charAt(offset + 1) - '0';
        if (d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) {
            return 0;
        }
        return aiLengthByPrefix[d1 * 10 + d2];
    }

    /**
     * The spec for an AI missing from the table (the caller has checked that unknown AIs are permitted and that
     * the digits are no prefix of a known AI): fixed length when its prefix is of predefined length.
     */
    AiSpec unknown(String ai) {
        int fixed = AiTable.predefinedDataLength(ai.charAt(0), ai.charAt(1));
        return (fixed == 0 ? unknownVariable : unknownFixed[fixed]).withAi(ai);
    }

    /**
     * The spec for the AI given explicitly as {@code s[start, end)} (bracketed form, element lists), or null when it
     * is not acceptable: not 2 to 4 digits, unknown while unknown AIs are not permitted, or clashing with the
     * lengths of the known AIs that share its prefix.
     */
    AiSpec exact(CharSequence s, int start, int end, boolean permitUnknown) {
        int n = end - start;
        if (n < 2 || n > 4) {
            return null;
        }
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        AiSpec spec = known(s, start, n);
        if (spec != null || !permitUnknown) {
            return spec;
        }
        int byPrefix = aiLengthByPrefix(s, start);
        if (byPrefix != 0 && byPrefix != n) {
            return null;
        }
        String ai = s.subSequence(start, end).toString();
        // a known AI that is a prefix of these digits would make the element string unparseable
        if (table.match(ai, 0) != null) {
            return null;
        }
        return unknown(ai);
    }
}
