package io.tracegate.gs1.lint;

/** Syntax Dictionary error codes that more than one linter reports (the others are written where they arise). */
final class Codes {

    static final String NON_DIGIT_CHARACTER = "GS1_LINTER_NON_DIGIT_CHARACTER";
    static final String INVALID_CSET82_CHARACTER = "GS1_LINTER_INVALID_CSET82_CHARACTER";
    static final String INVALID_GCP_PREFIX = "GS1_LINTER_INVALID_GCP_PREFIX";
    static final String GCP_DATASOURCE_OFFLINE = "GS1_LINTER_GCP_DATASOURCE_OFFLINE";
    static final String ILLEGAL_ZERO_PREFIX = "GS1_LINTER_ILLEGAL_ZERO_PREFIX";
    static final String ILLEGAL_MONTH = "GS1_LINTER_ILLEGAL_MONTH";
    static final String ILLEGAL_DAY = "GS1_LINTER_ILLEGAL_DAY";
    static final String ILLEGAL_HOUR = "GS1_LINTER_ILLEGAL_HOUR";
    static final String ILLEGAL_MINUTE = "GS1_LINTER_ILLEGAL_MINUTE";

    private Codes() {
    }
}
