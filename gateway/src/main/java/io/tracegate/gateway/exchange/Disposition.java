package io.tracegate.gateway.exchange;

import java.util.Locale;

/**
 * The {@code Disposition} field of an MDN, e.g. {@code automatic-action/MDN-sent-automatically; processed} or
 * {@code ...; processed/Error: integrity-check-failed}. Only {@code processed} without a modifier is a success;
 * modifiers are compared case-insensitively ({@code Error}, {@code error}), as products differ.
 */
record Disposition(String value) {

    private static final String AUTOMATIC = "automatic-action/MDN-sent-automatically; ";

    /** The error codes of RFC 4130 7.4.3 and RFC 5402 this gateway reports. */
    enum Error {
        DECRYPTION_FAILED("decryption-failed"),
        AUTHENTICATION_FAILED("authentication-failed"),
        INTEGRITY_CHECK_FAILED("integrity-check-failed"),
        DECOMPRESSION_FAILED("decompression-failed"),
        UNEXPECTED_PROCESSING_ERROR("unexpected-processing-error");

        private final String code;

        Error(String code) {
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    static Disposition processed() {
        return new Disposition(AUTOMATIC + "processed");
    }

    static Disposition error(Error error) {
        return new Disposition(AUTOMATIC + "processed/Error: " + error.code());
    }

    /** The disposition type and modifier, after the action mode: {@code processed/Error: decryption-failed}. */
    String outcome() {
        int semicolon = value.indexOf(';');
        return (semicolon < 0 ? value : value.substring(semicolon + 1)).strip();
    }

    boolean isProcessed() {
        return outcome().toLowerCase(Locale.ROOT).replace(" ", "").equals("processed");
    }
}
