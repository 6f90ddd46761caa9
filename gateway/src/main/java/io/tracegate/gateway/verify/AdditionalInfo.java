package io.tracegate.gateway.verify;

/**
 * The {@code additionalInfo} codes of GS1 US LMS IG R1.3. One answer carries at most one: the first of
 * {@link Verdict#decide}'s order that applies.
 */
public enum AdditionalInfo {
    ILLEGITIMATE("Illegitimate"),
    SUSPECT("Suspect"),
    RECALLED("Recalled"),
    EXPIRED("Expired"),
    EXPIRATION_EXTENDED("ExpirationExtended");

    private final String code;

    AdditionalInfo(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The code, compared case-insensitively (LMS 1.0.2 responders write {@code recalled}); null when unknown. */
    public static AdditionalInfo ofCode(String code) {
        for (AdditionalInfo info : values()) {
            if (info.code.equalsIgnoreCase(code)) {
                return info;
            }
        }
        return null;
    }
}
