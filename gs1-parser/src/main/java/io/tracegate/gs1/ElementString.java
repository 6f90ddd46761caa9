package io.tracegate.gs1;

import io.tracegate.gs1.ai.AiDefinition;
import io.tracegate.gs1.ai.AiTable;
import io.tracegate.gs1.dl.DigitalLink;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A validated GS1 message: element strings in the order they were carried, with typed accessors for the keys and
 * attributes DSCSA uses, and the other forms it can be written in. When the input could be split into element
 * strings in more than one valid way, {@link #ambiguity()} lists the alternatives (the elements here are the
 * parser's choice: each variable-length value runs to the next separator, as the standard reads it).
 */
public final class ElementString {

    private final List<AiElement> elements;
    private final Ambiguity ambiguity;
    /** Today, for the century of YYMMDD dates; the parser's clock when the parser made this. */
    private final Clock clock;

    public ElementString(List<AiElement> elements, Ambiguity ambiguity) {
        this(elements, ambiguity, Clock.systemUTC());
    }

    ElementString(List<AiElement> elements, Ambiguity ambiguity, Clock clock) {
        this.elements = List.copyOf(elements);
        this.ambiguity = ambiguity;
        this.clock = clock;
    }

    /** Takes ownership of a parser's fresh array, which nothing else references: a read-only view, no copy. */
    ElementString(AiElement[] elements, Ambiguity ambiguity, Clock clock) {
        this.elements = Collections.unmodifiableList(Arrays.asList(elements));
        this.ambiguity = ambiguity;
        this.clock = clock;
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

    /** AI (17) use-by or expiry date, its century resolved against the parser's clock; null when absent. */
    public ExpiryDate expiry() {
        return expiry(clock);
    }

    /** AI (17), its century resolved against the given clock; null when absent. */
    public ExpiryDate expiry(Clock today) {
        String v = get("17");
        return v == null ? null : ExpiryDate.parse(v, today);
    }

    /** AI (00), or null. */
    public Sscc sscc() {
        String v = get("00");
        return v == null ? null : new Sscc(v);
    }

    /** AI (414), the GLN of a physical location, or null. */
    public Gln gln() {
        String v = get("414");
        return v == null ? null : new Gln(v);
    }

    /**
     * The NDC inside AI (01) when the GTIN carries one (GS1 US {@code 03} prefix), hyphenated in the given
     * segment format; null when there is no GTIN or it carries no NDC.
     */
    public Ndc ndc(Ndc.Format format) {
        Gtin g = gtin();
        return g == null || !Ndc.isNdcGtin(g) ? null : Ndc.fromGtin(g, format);
    }

    // ---- output forms ----

    /** The unbracketed form: {@code ^} (FNC1 in first position), a {@code ^} after each variable-length value. */
    public String toUnbracketed() {
        StringBuilder b = new StringBuilder("^");
        appendJoined(b, elements, '^');
        return b.toString();
    }

    /** The bracketed human-readable form {@code (01)...(21)...}, a {@code (} inside a value written {@code \(}. */
    public String toBracketed() {
        StringBuilder b = new StringBuilder();
        for (AiElement e : elements) {
            b.append('(').append(e.ai()).append(')');
            String v = e.value();
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c == '(') {
                    b.append('\\');
                }
                b.append(c);
            }
        }
        return b.toString();
    }

    /** What a scanner reports for a GS1 DataMatrix holding these elements, in this order: {@code ]d2...}. */
    public String toScanData() {
        return toScanData(Symbology.DATA_MATRIX, false);
    }

    /**
     * What a scanner reports for this symbology holding these elements: the AIM identifier, then the element
     * strings with GS (0x1D) only after a variable-length value that is not last.
     *
     * @param predefinedLengthFirst put the elements of predefined length (01, 17, ...) first, keeping the order
     *                              within each group, which saves separators
     * @throws IllegalArgumentException when the elements do not fit the symbology (EAN/UPC need a GTIN-13 or
     *                                  GTIN-8 in AI (01) first)
     */
    public String toScanData(Symbology symbology, boolean predefinedLengthFirst) {
        List<AiElement> order = elements;
        if (predefinedLengthFirst) {
            order = new ArrayList<>(elements.size());
            for (AiElement e : elements) {
                if (!needsSeparator(e.ai())) {
                    order.add(e);
                }
            }
            for (AiElement e : elements) {
                if (needsSeparator(e.ai())) {
                    order.add(e);
                }
            }
        }
        if (order.isEmpty()) {
            throw new IllegalArgumentException("no element strings to write as scan data");
        }
        StringBuilder b = new StringBuilder(symbology.identifier());
        if (symbology == Symbology.EAN_13 || symbology == Symbology.EAN_8) {
            int digits = symbology == Symbology.EAN_13 ? 13 : 8;
            AiElement first = order.get(0);
            if (!first.ai().equals("01") || !first.value().startsWith("0".repeat(14 - digits))) {
                throw new IllegalArgumentException(symbology + " holds a GTIN-" + digits
                        + " in AI (01) as its first element, not " + first);
            }
            b.append(first.value(), 14 - digits, 14);
            if (order.size() == 1) {
                return b.toString();
            }
            b.append('|').append(Symbology.GS1_DATABAR.identifier());
            order = order.subList(1, order.size());
        }
        appendJoined(b, order, ParseRun.GS);
        return b.toString();
    }

    /** The GS1 Digital Link URI for these elements on the canonical stem {@code https://id.gs1.org}. */
    public String toDigitalLink() {
        return toDigitalLink(DigitalLink.CANONICAL_STEM);
    }

    /** The GS1 Digital Link URI for these elements on the given stem (e.g. {@code https://example.com}). */
    public String toDigitalLink(String stem) {
        return DigitalLink.generate(this, stem);
    }

    private static void appendJoined(StringBuilder b, List<AiElement> order, char separator) {
        for (int i = 0; i < order.size(); i++) {
            AiElement e = order.get(i);
            b.append(e.ai()).append(e.value());
            if (i + 1 < order.size() && needsSeparator(e.ai())) {
                b.append(separator);
            }
        }
    }

    /** Whether a separator must follow this AI's value when more elements follow (not of predefined length). */
    static boolean needsSeparator(String ai) {
        AiDefinition d = AiTable.standard().get(ai);
        if (d != null) {
            return d.fnc1Required();
        }
        return ai.length() < 2 || AiTable.predefinedDataLength(ai.charAt(0), ai.charAt(1)) == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ElementString other && elements.equals(other.elements);
    }

    @Override
    public int hashCode() {
        return elements.hashCode();
    }

    /** The bracketed form without escapes, for reading. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        elements.forEach(b::append);
        return b.toString();
    }
}
