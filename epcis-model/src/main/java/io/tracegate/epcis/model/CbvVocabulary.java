package io.tracegate.epcis.model;

import java.util.Set;

/**
 * The CBV vocabularies whose standard values are written as {@code urn:epcglobal:cbv:<urnSegment>:<word>} in EPCIS 1.2
 * XML, as {@code https://ref.gs1.org/cbv/<webPrefix>-<word>} Web URIs in CBV 2.0 and as the bare word in JSON-LD.
 */
public enum CbvVocabulary {
    // The standard values of each vocabulary, CBV 2.0 (GS1, 2022).
    BIZ_STEP("bizstep", "BizStep", Set.of("accepting", "arriving", "assembling", "collecting", "commissioning",
            "consigning", "creating_class_instance", "cycle_counting", "decommissioning", "departing", "destroying",
            "disassembling", "dispensing", "encoding", "entering_exiting", "holding", "inspecting", "installing",
            "killing", "loading", "other", "packing", "picking", "receiving", "removing", "repackaging", "repairing",
            "replacing", "reserving", "retail_selling", "sampling", "sensor_reporting", "shipping",
            "staging_outbound", "stock_taking", "stocking", "storing", "transporting", "unloading", "unpacking",
            "void_shipping")),
    DISPOSITION("disp", "Disp", Set.of("active", "available", "completeness_inferred", "completeness_verified",
            "conformant", "container_closed", "container_open", "damaged", "destroyed", "dispensed", "disposed",
            "encoded", "expired", "in_progress", "in_transit", "inactive", "mismatch_class", "mismatch_instance",
            "mismatch_quantity", "needs_replacement", "no_pedigree_match", "non_conformant", "non_sellable_other",
            "partially_dispensed", "recalled", "reserved", "retail_sold", "returned", "sellable_accessible",
            "sellable_not_accessible", "stolen", "unavailable", "unknown")),
    BIZ_TRANSACTION_TYPE("btt", "BTT", Set.of("bol", "cert", "desadv", "inv", "pedigree", "po", "poc", "prodorder",
            "recadv", "rma", "testprd", "testres", "upevt")),
    SOURCE_DESTINATION_TYPE("sdt", "SDT", Set.of("location", "owning_party", "possessing_party")),
    ERROR_REASON("er", "ER", Set.of("did_not_occur", "incorrect_data"));

    /** Prefix of the CBV 2.0 Web URI form of standard values. */
    public static final String WEB_URI_BASE = "https://ref.gs1.org/cbv/";

    private final String urnPrefix;
    private final String webUriPrefix;
    private final String curiePrefix;
    private final Set<String> words;

    CbvVocabulary(String urnSegment, String webPrefix, Set<String> words) {
        this.urnPrefix = "urn:epcglobal:cbv:" + urnSegment + ":";
        this.webUriPrefix = WEB_URI_BASE + webPrefix + "-";
        this.curiePrefix = "cbv:" + webPrefix + "-";
        this.words = words;
    }

    /** Whether this word ({@code shipping}) is one of the vocabulary's CBV 2.0 standard values. */
    public boolean isStandardWord(String word) {
        return words.contains(word);
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
