package io.tracegate.gs1.ai;

import java.util.List;

/**
 * Everything the GS1 Barcode Syntax Dictionary says about one Application Identifier.
 *
 * @param ai                  the AI digits (2 to 4)
 * @param predefinedLength    dictionary flag {@code *}: the element string needs no FNC1 separator after it
 * @param dlDataAttribute     dictionary flag {@code ?}: permitted as a GS1 Digital Link query attribute
 * @param components          the data field, component by component
 * @param requires            each {@code req=} attribute: alternatives separated by {@code ,}, AIs that must appear
 *                            together joined by {@code +}; AIs may be patterns with {@code n} for any digit
 * @param excludes            the {@code ex=} AIs or patterns that may not appear with this AI
 * @param dlPrimaryKey        attribute {@code dlpkey}: this AI is a Digital Link primary key
 * @param dlQualifierPaths    the alternative ordered qualifier sequences of {@code dlpkey=...} (empty lists allowed)
 * @param title               the human-readable title
 */
public record AiDefinition(
        String ai,
        boolean predefinedLength,
        boolean dlDataAttribute,
        List<AiComponent> components,
        List<String> requires,
        List<String> excludes,
        boolean dlPrimaryKey,
        List<List<String>> dlQualifierPaths,
        String title) {

    public AiDefinition {
        if (ai.length() < 2 || ai.length() > 4 || !ai.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("bad AI '" + ai + "'");
        }
        components = List.copyOf(components);
        requires = List.copyOf(requires);
        excludes = List.copyOf(excludes);
        dlQualifierPaths = dlQualifierPaths.stream().map(List::copyOf).toList();
    }

    /** Shortest data a valid element has (mandatory components only). */
    public int minLength() {
        int n = 0;
        for (AiComponent c : components) {
            if (!c.optional()) {
                n += c.minLength();
            }
        }
        return n;
    }

    /** Longest data a valid element may have. */
    public int maxLength() {
        int n = 0;
        for (AiComponent c : components) {
            n += c.maxLength();
        }
        return n;
    }

    /** True when every data field of this AI has the same length (all components mandatory and fixed). */
    public boolean fixedLength() {
        return components.stream().allMatch(c -> !c.optional() && c.fixedLength());
    }

    /** True when the element string must be followed by a separator unless it is the last one. */
    public boolean fnc1Required() {
        return !predefinedLength;
    }
}
