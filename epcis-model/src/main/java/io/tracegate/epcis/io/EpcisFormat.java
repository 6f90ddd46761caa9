package io.tracegate.epcis.io;

/** The syntaxes an EPCIS document can be read from and written in. */
public enum EpcisFormat {
    /** EPCIS 1.2 XML, the DSCSA exchange format (namespace {@code urn:epcglobal:epcis:xsd:1}). */
    XML_1_2("1.2-xml", "1.2"),
    /** EPCIS 2.0 XML (namespace {@code urn:epcglobal:epcis:xsd:2}). */
    XML_2_0("2.0-xml", "2.0"),
    /** EPCIS 2.0 JSON-LD. */
    JSON_LD_2_0("2.0-jsonld", "2.0");

    private final String label;
    private final String schemaVersion;

    EpcisFormat(String label, String schemaVersion) {
        this.label = label;
        this.schemaVersion = schemaVersion;
    }

    /** The command-line name: {@code 1.2-xml}, {@code 2.0-xml}, {@code 2.0-jsonld}. */
    public String label() {
        return label;
    }

    /** The {@code schemaVersion} a document in this format declares. */
    public String schemaVersion() {
        return schemaVersion;
    }

    /** The format with this command-line name. */
    public static EpcisFormat fromLabel(String label) {
        for (EpcisFormat f : values()) {
            if (f.label.equals(label)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + label + "': expected 1.2-xml, 2.0-xml or 2.0-jsonld");
    }
}
