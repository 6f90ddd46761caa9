package io.tracegate.epcis.io;

/**
 * How standard CBV values are written in EPCIS 2.0 XML, after the {@code GS1-CBV-XML-Format} header of the EPCIS 2.0
 * REST bindings. EPCIS 1.2 XML always uses URNs; JSON-LD always uses bare words.
 */
public enum CbvXmlFormat {
    /** Keep the form each value was read in (URN or Web URI); bare words become URNs. */
    NO_PREFERENCE,
    /** {@code https://ref.gs1.org/cbv/BizStep-shipping}. */
    ALWAYS_WEB_URI,
    /** {@code urn:epcglobal:cbv:bizstep:shipping}. */
    ALWAYS_URN;

    /** Parses a {@code GS1-CBV-XML-Format} value ({@code No_Preference}, {@code Always_Web_URI}, {@code Always_URN}). */
    public static CbvXmlFormat fromHeader(String value) {
        return switch (value) {
            case "No_Preference" -> NO_PREFERENCE;
            case "Always_Web_URI" -> ALWAYS_WEB_URI;
            case "Always_URN" -> ALWAYS_URN;
            default -> throw new IllegalArgumentException("unknown GS1-CBV-XML-Format '" + value
                    + "': expected No_Preference, Always_Web_URI or Always_URN");
        };
    }
}
