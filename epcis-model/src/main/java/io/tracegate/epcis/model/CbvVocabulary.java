package io.tracegate.epcis.model;

/**
 * The CBV vocabularies whose standard values are written as {@code urn:epcglobal:cbv:<urnSegment>:<word>} in EPCIS 1.2
 * XML, as {@code https://ref.gs1.org/cbv/<webPrefix>-<word>} Web URIs in CBV 2.0 and as the bare word in JSON-LD.
 */
public enum CbvVocabulary {
    BIZ_STEP("bizstep", "BizStep"),
    DISPOSITION("disp", "Disp"),
    BIZ_TRANSACTION_TYPE("btt", "BTT"),
    SOURCE_DESTINATION_TYPE("sdt", "SDT"),
    ERROR_REASON("er", "ER");

    /** Prefix of the CBV 2.0 Web URI form of standard values. */
    public static final String WEB_URI_BASE = "https://ref.gs1.org/cbv/";

    private final String urnPrefix;
    private final String webUriPrefix;
    private final String curiePrefix;

    CbvVocabulary(String urnSegment, String webPrefix) {
        this.urnPrefix = "urn:epcglobal:cbv:" + urnSegment + ":";
        this.webUriPrefix = WEB_URI_BASE + webPrefix + "-";
        this.curiePrefix = "cbv:" + webPrefix + "-";
    }

    /** {@code urn:epcglobal:cbv:bizstep:} and so on. */
    public String urnPrefix() {
        return urnPrefix;
    }

    /** {@code https://ref.gs1.org/cbv/BizStep-} and so on. */
    public String webUriPrefix() {
        return webUriPrefix;
    }

    /** {@code cbv:BizStep-} and so on (the compact IRI form the JSON-LD context allows). */
    public String curiePrefix() {
        return curiePrefix;
    }
}
