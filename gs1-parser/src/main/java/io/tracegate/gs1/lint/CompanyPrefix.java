package io.tracegate.gs1.lint;

/**
 * Linters that check a key starts with a GS1 Company Prefix: at position 1 ({@code gcppos1}: GLN, GRAI, ...) or
 * position 2 ({@code gcppos2}: after the GTIN indicator or SSCC extension digit). Every prefix is at least four
 * digits long; whether it is actually allocated only a {@link CompanyPrefixLookup} can say.
 */
final class CompanyPrefix {

    /** The shortest GS1 Company Prefix. */
    static final int MIN_LENGTH = 4;

    private CompanyPrefix() {
    }

    static LintError gcppos1(CharSequence d, int start, int end, CompanyPrefixLookup lookup) {
        if (end - start < MIN_LENGTH) {
            return new LintError("GS1_LINTER_TOO_SHORT_FOR_GCP", start, end);
        }
        int bad = Digits.firstNonDigit(d, start, start + MIN_LENGTH);
        if (bad >= 0) {
            return new LintError(Codes.INVALID_GCP_PREFIX, bad, bad + 1);
        }
        return lookup == null ? null : consult(lookup, d, start, end);
    }

    static LintError gcppos2(CharSequence d, int start, int end, CompanyPrefixLookup lookup) {
        if (end - start < 2) {
            return new LintError("GS1_LINTER_TOO_SHORT_FOR_GCP", start, end);
        }
        return gcppos1(d, start + 1, end, lookup);
    }

    /** The lookup's verdict on {@code d[start, end)} as an error over that span, or null when allocated. */
    static LintError consult(CompanyPrefixLookup lookup, CharSequence d, int start, int end) {
        return switch (lookup.check(d, start, end)) {
            case ALLOCATED -> null;
            case NOT_ALLOCATED -> new LintError(Codes.INVALID_GCP_PREFIX, start, end);
            case OFFLINE -> new LintError(Codes.GCP_DATASOURCE_OFFLINE, start, end);
        };
    }
}
