package io.tracegate.gs1;

import java.util.List;

/**
 * Entry points for every input form. Thread-safe and reusable; all bad input raises {@link Gs1Exception}.
 */
public final class Gs1Parser {

    private final ParseOptions options;

    public Gs1Parser(ParseOptions options) {
        this.options = options;
    }

    public Gs1Parser() {
        this(ParseOptions.defaults());
    }

    public ParseOptions options() {
        return options;
    }

    /** Raw scanner output with an AIM symbology identifier ({@code ]d2}, {@code ]Q3}, {@code ]C1}, ...). */
    public ElementString parseScanData(String scanData) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Unbracketed element string with {@code ^} as FNC1 ({@code ^0100300010123455...}). */
    public ElementString parseUnbracketed(String data) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Bracketed human-readable form {@code (01)...(21)...}, with {@code \(} escaping a literal bracket. */
    public ElementString parseBracketed(String data) {
        throw new UnsupportedOperationException("TODO");
    }

    /** A GS1 Digital Link URI on any domain. */
    public ElementString parseDigitalLink(String uri) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Checks already-separated elements (per-AI syntax and linters, then the cross-AI rules the options enable). */
    public ElementString validate(List<AiElement> elements) {
        throw new UnsupportedOperationException("TODO");
    }
}
