package io.tracegate.gs1.epc;

import java.util.Map;

/**
 * Where the GS1 Company Prefix ends inside a key. A GTIN, SSCC or GLN does not say, but an EPC URN must: the length
 * comes from the company's own master data, a partner's, or GS1's prefix length table ({@link #standard()}).
 */
@FunctionalInterface
public interface GcpLengthResolver {

    /** Returned when the length is not known. */
    int UNKNOWN = 0;

    /**
     * The length of the GS1 Company Prefix that begins {@code digits}, or {@link #UNKNOWN}. The digits are the key's
     * from its company prefix position: a GTIN-14 without its indicator digit, an SSCC without its extension digit, a
     * GLN as it is.
     */
    int gcpLength(CharSequence digits);

    /** GS1's GCP prefix length table as compiled into this library at build time (loaded on first use). */
    static GcpLengthResolver standard() {
        return GcpPrefixTable.standard();
    }

    /**
     * This resolver with configured lengths taking precedence: each map entry says that company prefixes starting
     * with the key's digits have the value's length (6 to 12). When several entries match, the longest prefix wins;
     * when none matches, this resolver answers.
     */
    default GcpLengthResolver withOverrides(Map<String, Integer> overrides) {
        return new PrefixOverrides(overrides, this);
    }
}
