package io.tracegate.gs1.dl;

import io.tracegate.gs1.ElementString;
import io.tracegate.gs1.Gs1Parser;

/** GS1 Digital Link URIs: parsing into element strings and generating from them. */
public final class DigitalLink {

    /** The canonical stem for generated URIs. */
    public static final String CANONICAL_STEM = "https://id.gs1.org";

    private DigitalLink() {
    }

    /**
     * Parses a GS1 Digital Link URI on any domain: path primary key and qualifiers, query data attributes,
     * percent-decoding. Element values are validated through {@link Gs1Parser#validate}; DL rules (qualifier order,
     * attributes allowed in the query) are checked here.
     */
    public static ElementString parse(String uri, Gs1Parser parser) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Generates the URI for these elements on the given stem (e.g. {@link #CANONICAL_STEM}). */
    public static String generate(ElementString elements, String stem) {
        throw new UnsupportedOperationException("TODO");
    }
}
