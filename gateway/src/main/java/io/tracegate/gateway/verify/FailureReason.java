package io.tracegate.gateway.verify;

/** The {@code verificationFailureReason} codes of GS1 US LMS IG R1.3. */
public enum FailureReason {
    NO_MATCH_GTIN_SERIAL("No_match_GTIN_Serial"),
    NO_MATCH_GTIN_SERIAL_LOT_EXPIRY("No_match_GTIN_Serial_Lot_Expiry"),
    NO_MATCH_GTIN_SERIAL_LOT("No_match_GTIN_Serial_Lot"),
    NO_MATCH_GTIN_SERIAL_EXPIRY("No_match_GTIN_Serial_Expiry"),
    NOT_FOR_REDISTRIBUTION("Not_for_re-distribution"),
    NO_REASON_PROVIDED("No_reason_provided"),
    MANUFACTURER_POLICY("Manufacturer_policy");

    private final String code;

    FailureReason(String code) {
        this.code = code;
    }

    /** As written on the wire. */
    public String code() {
        return code;
    }

    /** The reason with this code, compared case-insensitively; null for an unknown code. */
    public static FailureReason ofCode(String code) {
        for (FailureReason reason : values()) {
            if (reason.code.equalsIgnoreCase(code)) {
                return reason;
            }
        }
        return null;
    }
}
