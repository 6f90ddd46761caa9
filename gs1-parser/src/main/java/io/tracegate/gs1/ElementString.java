package io.tracegate.gs1;

import java.util.List;
import java.util.Optional;

/**
 * A validated GS1 message: element strings in the order they were carried, with typed accessors for the keys and
 * attributes DSCSA uses. When the input could be split into element strings in more than one valid way,
 * {@link #ambiguity()} lists the alternatives (the elements here are the parser's choice).
 */
public final class ElementString {

    private final List<AiElement> elements;
    private final Ambiguity ambiguity;

    public ElementString(List<AiElement> elements, Ambiguity ambiguity) {
        this.elements = List.copyOf(elements);
        this.ambiguity = ambiguity;
    }

    public List<AiElement> elements() {
        return elements;
    }

    /** The value of the first element with this AI, or null. */
    public String get(String ai) {
        for (AiElement e : elements) {
            if (e.ai().equals(ai)) {
                return e.value();
            }
        }
        return null;
    }

    public Optional<Ambiguity> ambiguity() {
        return Optional.ofNullable(ambiguity);
    }

    /** AI (01), or null. */
    public Gtin gtin() {
        String v = get("01");
        return v == null ? null : new Gtin(v);
    }

    /** AI (21), or null. */
    public String serial() {
        return get("21");
    }

    /** AI (10), or null. */
    public String lot() {
        return get("10");
    }

    /** AI (00), or null. */
    public Sscc sscc() {
        String v = get("00");
        return v == null ? null : new Sscc(v);
    }

    /** AI (414), or null. */
    public Gln gln() {
        String v = get("414");
        return v == null ? null : new Gln(v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ElementString other && elements.equals(other.elements);
    }

    @Override
    public int hashCode() {
        return elements.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        elements.forEach(b::append);
        return b.toString();
    }
}
