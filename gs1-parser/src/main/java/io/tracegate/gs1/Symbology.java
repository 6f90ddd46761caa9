package io.tracegate.gs1;

/**
 * The GS1 data carriers a scanner reports with an AIM symbology identifier, for writing an element string back as
 * scan data ({@link ElementString#toScanData(Symbology, boolean)}).
 */
public enum Symbology {
    /** GS1 DataMatrix: {@code ]d2}. */
    DATA_MATRIX("]d2"),
    /** GS1 QR Code: {@code ]Q3}. */
    QR_CODE("]Q3"),
    /** GS1 DotCode: {@code ]J1}. */
    DOTCODE("]J1"),
    /** GS1-128 without a composite component: {@code ]C1}. */
    GS1_128("]C1"),
    /** GS1 DataBar (every variant) and any symbol with a composite component: {@code ]e0}. */
    GS1_DATABAR("]e0"),
    /**
     * EAN-13, UPC-A and UPC-E, all reported as 13 digits after {@code ]E0}: the first element must be a GTIN-13
     * (or shorter) in AI (01); further elements follow as a composite component, {@code |]e0...}.
     */
    EAN_13("]E0"),
    /** EAN-8: {@code ]E4} and the 8 digits of a GTIN-8 in AI (01); further elements as for {@link #EAN_13}. */
    EAN_8("]E4");

    private final String identifier;

    Symbology(String identifier) {
        this.identifier = identifier;
    }

    /** The AIM symbology identifier, e.g. {@code ]d2}. */
    public String identifier() {
        return identifier;
    }
}
