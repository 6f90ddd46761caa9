package io.tracegate.epcis.convert;

/** How EPCs are written, after the {@code GS1-EPC-Format} header of the EPCIS 2.0 REST bindings. */
public enum EpcFormat {
    /** Keep each identifier in the form it was read in. */
    NO_PREFERENCE,
    /** GS1 Digital Link URIs on {@code https://id.gs1.org} wherever a translation exists. */
    ALWAYS_GS1_DIGITAL_LINK,
    /** EPC URNs wherever a translation exists (what EPCIS 1.2 expects). */
    ALWAYS_EPC_URN,
    /** Keep every identifier exactly as read. */
    NEVER_TRANSLATES;

    /** Parses a header value: {@code No_Preference}, {@code Always_GS1_Digital_Link}, {@code Always_EPC_URN}, {@code Never_Translates}. */
    public static EpcFormat fromHeader(String value) {
        return switch (value) {
            case "No_Preference" -> NO_PREFERENCE;
            case "Always_GS1_Digital_Link" -> ALWAYS_GS1_DIGITAL_LINK;
            case "Always_EPC_URN" -> ALWAYS_EPC_URN;
            case "Never_Translates" -> NEVER_TRANSLATES;
            default -> throw new IllegalArgumentException("unknown GS1-EPC-Format '" + value + "': expected "
                    + "No_Preference, Always_GS1_Digital_Link, Always_EPC_URN or Never_Translates");
        };
    }
}
