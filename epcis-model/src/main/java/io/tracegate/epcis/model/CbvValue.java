package io.tracegate.epcis.model;

import java.util.Objects;

/**
 * A value from a CBV vocabulary (bizStep, disposition, business transaction type, source/destination type, error
 * reason). A standard value is held as its bare word ({@code shipping}) whichever form it was written in; any other
 * value (a user vocabulary URI such as {@code urn:example:bizstep:x}) is held verbatim.
 *
 * <p>Equality compares the meaning only; {@link #writtenForm()} remembers how it was written so that a document can
 * be written back in the same form.
 *
 * @param vocabulary  which vocabulary
 * @param value       the bare word of a standard value, or the full URI of a user value
 * @param standard    true for a standard CBV value
 * @param writtenForm the form it was read in
 */
public record CbvValue(CbvVocabulary vocabulary, String value, boolean standard, Form writtenForm) {

    /** How a CBV value is written. */
    public enum Form {
        /** {@code urn:epcglobal:cbv:bizstep:shipping} (EPCIS 1.2 XML, default in 2.0 XML). */
        URN,
        /** {@code https://ref.gs1.org/cbv/BizStep-shipping}. */
        WEB_URI,
        /** {@code shipping} (JSON-LD, expanded by the context). */
        BARE_WORD,
        /** {@code cbv:BizStep-shipping}. */
        CURIE,
        /** A user vocabulary value, written as is. */
        VERBATIM
    }

    public CbvValue {
        Objects.requireNonNull(vocabulary, "vocabulary");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(writtenForm, "writtenForm");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("empty " + vocabulary + " value");
        }
    }

    /** A standard value from its bare word, to be written in the default form of the output format. */
    public static CbvValue standard(CbvVocabulary vocabulary, String word) {
        return new CbvValue(vocabulary, word, true, Form.BARE_WORD);
    }

    /**
     * Reads a value in any of its written forms. A bare word (no {@code :}) is only standard for JSON-LD documents,
     * where the context expands it, and only when it is one of the vocabulary's CBV words: any other bare word
     * ({@code transforming} as a bizStep) is kept verbatim, so that it is never written back as an invented CBV URN
     * (validation refuses it: it is neither a CBV value nor a URI). In XML a bare word is always kept verbatim.
     */
    public static CbvValue parse(CbvVocabulary vocabulary, String written, boolean bareWordsAreStandard) {
        String s = written.strip();
        if (s.startsWith(vocabulary.urnPrefix()) && s.length() > vocabulary.urnPrefix().length()) {
            return new CbvValue(vocabulary, s.substring(vocabulary.urnPrefix().length()), true, Form.URN);
        }
        if (s.startsWith(vocabulary.webUriPrefix()) && s.length() > vocabulary.webUriPrefix().length()) {
            return new CbvValue(vocabulary, s.substring(vocabulary.webUriPrefix().length()), true, Form.WEB_URI);
        }
        if (s.startsWith(vocabulary.curiePrefix()) && s.length() > vocabulary.curiePrefix().length()) {
            return new CbvValue(vocabulary, s.substring(vocabulary.curiePrefix().length()), true, Form.CURIE);
        }
        if (bareWordsAreStandard && s.indexOf(':') < 0 && vocabulary.isStandardWord(s)) {
            return new CbvValue(vocabulary, s, true, Form.BARE_WORD);
        }
        return new CbvValue(vocabulary, s, false, Form.VERBATIM);
    }

    /** The URN form of a standard value; a user value as is. */
    public String toUrn() {
        return standard ? vocabulary.urnPrefix() + value : value;
    }

    /** The CBV 2.0 Web URI form of a standard value; a user value as is. */
    public String toWebUri() {
        return standard ? vocabulary.webUriPrefix() + value : value;
    }

    /** The JSON-LD form: bare word for a standard value; a user value as is. */
    public String toBareWord() {
        return value;
    }

    /** The value in the form it was read in. */
    public String asWritten() {
        return switch (writtenForm) {
            case URN -> toUrn();
            case WEB_URI -> toWebUri();
            case CURIE -> vocabulary.curiePrefix() + value;
            case BARE_WORD, VERBATIM -> value;
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CbvValue other && vocabulary == other.vocabulary && standard == other.standard
                && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(vocabulary, value, standard);
    }

    @Override
    public String toString() {
        return asWritten();
    }
}
