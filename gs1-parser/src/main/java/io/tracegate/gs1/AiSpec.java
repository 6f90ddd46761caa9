package io.tracegate.gs1;

import io.tracegate.gs1.ai.AiComponent;
import io.tracegate.gs1.ai.AiDefinition;
import io.tracegate.gs1.ai.CharacterSet;
import io.tracegate.gs1.lint.Linter;
import io.tracegate.gs1.lint.Linters;
import java.util.ArrayList;
import java.util.List;

/**
 * One AI compiled for the parse hot path: its components with their linters resolved once (character-set linter
 * first, then the dictionary's), and its {@code req=}/{@code ex=} rules as AI patterns.
 */
final class AiSpec {

    /** One data component: length bounds and the linters to run over it, in order. */
    record Component(int min, int max, boolean optional, Linter[] linters) {
    }

    /**
     * An AI or AI template such as {@code 31nn}, as the range of {@link AiSpec#key}s it matches ({@code 31nn}: the
     * four-digit AIs 3100 to 3199).
     */
    record Pattern(int low, int high) {

        static Pattern of(String template) {
            int digits = 0;
            while (digits < template.length() && template.charAt(digits) != 'n') {
                digits++;
            }
            int scale = 1;
            for (int i = digits; i < template.length(); i++) {
                scale *= 10;
            }
            int low = key(template.length(), digits == 0 ? 0 : Integer.parseInt(template, 0, digits, 10) * scale);
            return new Pattern(low, low + scale - 1);
        }

        boolean matches(AiSpec s) {
            return s.key >= low && s.key <= high;
        }
    }

    /** AI length and numeric value in one number, so that equal keys mean the same AI ({@code 01}: 20001). */
    static int key(int length, int value) {
        return length * 10000 + value;
    }

    /**
     * One {@code req=} attribute: satisfied when every pattern of any one alternative is present. {@code masks}
     * holds each alternative as bits of the table's required patterns (see {@link #requiredAs}), so that checking
     * one is a mask test.
     */
    record Requirement(String text, Pattern[][] alternatives, long[] masks) {
    }

    /** Every pattern that some {@code req=} of the table names, in a fixed order: bit i of the masks is pattern i. */
    static List<Pattern> requiredPatterns(List<AiDefinition> table) {
        List<Pattern> patterns = new ArrayList<>();
        for (AiDefinition d : table) {
            for (String req : d.requires()) {
                for (String alternative : req.split(",")) {
                    for (String ai : alternative.split("\\+")) {
                        Pattern p = Pattern.of(ai);
                        if (!patterns.contains(p)) {
                            patterns.add(p);
                        }
                    }
                }
            }
        }
        if (patterns.size() > Long.SIZE) {
            throw new IllegalStateException("the AI table requires more than 64 distinct AI patterns: "
                    + patterns.size());
        }
        return List.copyOf(patterns);
    }

    final String ai;
    /** The length of {@link #ai} (0 for a template of unknown AIs), kept as a number for the parse loop. */
    final int aiLength;
    /** {@link #key(int, int)} of the AI, -1 for a template of unknown AIs. */
    final int key;
    final AiDefinition definition;
    final boolean fnc1Required;
    final int minLength;
    final int maxLength;
    final Component[] components;
    final Requirement[] requires;
    final Pattern[] excludes;
    /**
     * Bit {@code key mod 64} of each AI in {@link #excludes} (all bits when one is a range such as {@code 31nn}):
     * when none of them is among the bits of the AIs present, no excluded AI is.
     */
    final long excludedBits;
    /** Bit i set when this AI matches required pattern i (of {@link #requiredPatterns}). */
    final long requiredAs;
    private final List<Pattern> requiredPatterns;
    /** AI (8030), a digital signature, whose presence requires serialised keys. */
    final boolean digitalSignature;
    /**
     * How many characters at the start of the data must be digits (the leading numeric components' minimum
     * lengths, up to the first of variable length): a cheap first test for an embedded AI.
     */
    final int leadingDigits;

    private AiSpec(String ai, AiDefinition definition, boolean fnc1Required, Component[] components,
            Requirement[] requires, Pattern[] excludes, List<Pattern> requiredPatterns) {
        this.leadingDigits = definition == null ? 0 : leadingDigits(definition);
        this.ai = ai;
        this.aiLength = ai == null ? 0 : ai.length();
        this.key = ai == null ? -1 : key(ai.length(), Integer.parseInt(ai));
        this.definition = definition;
        this.fnc1Required = fnc1Required;
        this.components = components;
        this.requires = requires;
        this.excludes = excludes;
        long excluded = 0;
        for (Pattern p : excludes) {
            excluded |= p.low() == p.high() ? 1L << p.low() : -1L;
        }
        this.excludedBits = excluded;
        this.digitalSignature = "8030".equals(ai);
        this.requiredPatterns = requiredPatterns;
        long as = 0;
        for (int i = 0; i < requiredPatterns.size(); i++) {
            if (requiredPatterns.get(i).matches(this)) {
                as |= 1L << i;
            }
        }
        this.requiredAs = as;
        int min = 0;
        int max = 0;
        for (Component c : components) {
            min += c.optional ? 0 : c.min;
            max += c.max;
        }
        this.minLength = min;
        this.maxLength = max;
    }

    private static int leadingDigits(AiDefinition d) {
        int digits = 0;
        for (AiComponent c : d.components()) {
            if (c.charset() != CharacterSet.NUMERIC || c.optional()) {
                break;
            }
            digits += c.minLength();
            if (!c.fixedLength()) {
                break; // where the next component starts depends on the data
            }
        }
        return digits;
    }

    static AiSpec compile(AiDefinition d, Linters linters, List<Pattern> requiredPatterns) {
        Component[] components = new Component[d.components().size()];
        for (int i = 0; i < components.length; i++) {
            AiComponent c = d.components().get(i);
            Linter[] ls = new Linter[1 + c.linters().size()];
            ls[0] = linters.get(csetLinter(c.charset()));
            for (int j = 0; j < c.linters().size(); j++) {
                ls[j + 1] = linters.get(c.linters().get(j));
            }
            components[i] = new Component(c.minLength(), c.maxLength(), c.optional(), ls);
        }
        Requirement[] requires = new Requirement[d.requires().size()];
        for (int i = 0; i < requires.length; i++) {
            String text = d.requires().get(i);
            String[] alternatives = text.split(",");
            Pattern[][] alts = new Pattern[alternatives.length][];
            long[] masks = new long[alternatives.length];
            for (int a = 0; a < alternatives.length; a++) {
                String[] all = alternatives[a].split("\\+");
                alts[a] = new Pattern[all.length];
                for (int k = 0; k < all.length; k++) {
                    alts[a][k] = Pattern.of(all[k]);
                    masks[a] |= 1L << requiredPatterns.indexOf(alts[a][k]);
                }
            }
            requires[i] = new Requirement(text, alts, masks);
        }
        Pattern[] excludes = d.excludes().stream().map(Pattern::of).toArray(Pattern[]::new);
        return new AiSpec(d.ai(), d, d.fnc1Required(), components, requires, excludes, requiredPatterns);
    }

    /**
     * An AI missing from the table, accepted when unknown AIs are permitted: CSET 82 data of the predefined length
     * for its prefix, else 1 to 90 characters ended by a separator. {@code ai} is null for a shared template.
     */
    static AiSpec unknown(String ai, int predefinedDataLength, Linters linters, List<Pattern> requiredPatterns) {
        Linter[] cset82 = {linters.get(csetLinter(CharacterSet.CSET82))};
        boolean fixed = predefinedDataLength > 0;
        Component c = fixed ? new Component(predefinedDataLength, predefinedDataLength, false, cset82)
                : new Component(1, 90, false, cset82);
        return new AiSpec(ai, null, !fixed, new Component[] {c}, new Requirement[0], new Pattern[0],
                requiredPatterns);
    }

    AiSpec withAi(String digits) {
        return new AiSpec(digits, null, fnc1Required, components, requires, excludes, requiredPatterns);
    }

    static String csetLinter(CharacterSet cs) {
        return switch (cs) {
            case NUMERIC -> "csetnumeric";
            case CSET82 -> "cset82";
            case CSET39 -> "cset39";
            case CSET64 -> "cset64";
        };
    }
}
