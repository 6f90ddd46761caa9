package io.tracegate.gs1.lint;

import java.time.Clock;

/**
 * The North American coupon codes: AI 8110 ({@code couponcode}, the GS1 US coupon data with its optional fields)
 * and AI 8112 ({@code couponposoffer}, the positive offer file coupon). Both are runs of digits where a variable
 * length indicator (VLI) digit gives the length of the field after it.
 */
final class Coupons {

    private static final String PREFIX = "GS1_LINTER_COUPON_";
    /** Purchase requirement codes: 0-4, and 9 for "no requirement". */
    private static final String REQUIREMENT_CODES = "012349";

    private Coupons() {
    }

    static LintError couponcode(CharSequence d, int start, int end, Clock clock, CompanyPrefixLookup lookup) {
        LintError e = Digits.nonDigitError(d, start, end);
        if (e != null) {
            return e;
        }
        Fields f = new Fields(d, start, end);
        if ((e = f.companyPrefix("0123456", "MISSING_GCP_VLI", "INVALID_GCP_LENGTH", "TRUNCATED_GCP", lookup)) != null
                || (e = f.take(6, "TRUNCATED_OFFER_CODE")) != null
                || (e = f.digit("12345", "MISSING_SAVE_VALUE_VLI", "INVALID_SAVE_VALUE_LENGTH")) != null
                || (e = f.take(f.value, "TRUNCATED_SAVE_VALUE")) != null
                || (e = f.purchase("1ST", lookup, false)) != null) {
            return e;
        }
        if (f.flag('1')) {
            if ((e = f.digit("0123", "MISSING_ADDITIONAL_PURCHASE_RULES_CODE",
                    "INVALID_ADDITIONAL_PURCHASE_RULES_CODE")) != null
                    || (e = f.purchase("2ND", lookup, true)) != null) {
                return e;
            }
        }
        if (f.flag('2') && (e = f.purchase("3RD", lookup, true)) != null) {
            return e;
        }
        int expiry = -1;
        if (f.flag('3')) {
            if ((e = f.take(6, "TOO_SHORT_FOR_EXPIRATION_DATE")) != null
                    || (e = f.date("INVALID_EXIPIRATION_DATE", clock)) != null) {
                return e;
            }
            expiry = f.fieldStart;
        }
        if (f.flag('4')) {
            if ((e = f.take(6, "TOO_SHORT_FOR_START_DATE")) != null
                    || (e = f.date("INVALID_START_DATE", clock)) != null) {
                return e;
            }
            if (expiry >= 0 && f.dateValue(f.fieldStart, clock) > f.dateValue(expiry, clock)) {
                // From the expiry field's indicator to the end of the start date.
                return error("EXPIRATION_BEFORE_START", expiry - 1, f.p);
            }
        }
        if (f.flag('5')) {
            if ((e = f.digit("0123456789", "MISSING_SERIAL_NUMBER_VLI", null)) != null
                    || (e = f.take(f.value + 6, "TRUNCATED_SERIAL_NUMBER")) != null) {
                return e;
            }
        }
        if (f.flag('6') && (e = f.companyPrefix("1234567", "MISSING_RETAILER_GCP_OR_GLN_VLI",
                "INVALID_RETAILER_GCP_OR_GLN_LENGTH", "TRUNCATED_RETAILER_GCP_OR_GLN", lookup)) != null) {
            return e;
        }
        if (f.flag('9')) {
            if ((e = f.digit("01256", "MISSING_SAVE_VALUE_CODE", "INVALID_SAVE_VALUE_CODE")) != null
                    || (e = f.digit("012", "MISSING_SAVE_VALUE_APPLIES_TO_ITEM",
                            "INVALID_SAVE_VALUE_APPLIES_TO_ITEM")) != null
                    || (e = f.digit("0123456789", "MISSING_STORE_COUPON_FLAG", null)) != null
                    || (e = f.digit("01", "MISSING_DONT_MULTIPLY_FLAG", "INVALID_DONT_MULTIPLY_FLAG")) != null) {
                return e;
            }
        }
        return f.excess();
    }

    static LintError couponposoffer(CharSequence d, int start, int end) {
        LintError e = Digits.nonDigitError(d, start, end);
        if (e != null) {
            return e;
        }
        Fields f = new Fields(d, start, end);
        if ((e = f.digit("01", "MISSING_FORMAT_CODE", "INVALID_FORMAT_CODE")) != null
                || (e = f.digit("0123456", "MISSING_FUNDER_VLI", "INVALID_FUNDER_LENGTH")) != null
                || (e = f.take(f.value + 6, "TRUNCATED_FUNDER")) != null
                || (e = f.take(6, "TRUNCATED_OFFER_CODE")) != null
                || (e = f.digit("0123456789", "MISSING_SERIAL_NUMBER_VLI", null)) != null
                || (e = f.take(f.value + 6, "TRUNCATED_SERIAL_NUMBER")) != null) {
            return e;
        }
        return f.excess();
    }

    private static LintError error(String name, int start, int end) {
        return new LintError(PREFIX + name, start, end);
    }

    /**
     * Reads a coupon's fields left to right. A missing field is reported over the whole data, a truncated one
     * over what is left of it (the whole data when nothing is), an invalid digit over that digit.
     */
    private static final class Fields {

        private final CharSequence d;
        private final int start;
        private final int end;
        private int p;
        /** The value of the last digit read by {@link #digit}. */
        private int value;
        /** Where the last field read by {@link #take} starts. */
        private int fieldStart;

        Fields(CharSequence d, int start, int end) {
            this.d = d;
            this.start = start;
            this.end = end;
            this.p = start;
        }

        /** Consumes the optional field indicator {@code f} when it comes next. */
        boolean flag(char f) {
            if (p < end && d.charAt(p) == f) {
                p++;
                return true;
            }
            return false;
        }

        /** One digit from {@code allowed}; {@code invalid} is null when every digit is allowed. */
        LintError digit(String allowed, String missing, String invalid) {
            if (p == end) {
                return error(missing, start, end);
            }
            if (allowed.indexOf(d.charAt(p)) < 0) {
                return error(invalid, p, p + 1);
            }
            value = d.charAt(p++) - '0';
            return null;
        }

        LintError take(int n, String truncated) {
            if (end - p < n) {
                return p == end ? error(truncated, start, end) : error(truncated, p, end);
            }
            fieldStart = p;
            p += n;
            return null;
        }

        /** A GS1 Company Prefix after its VLI (length VLI + 6), checked with the lookup when there is one. */
        LintError companyPrefix(String allowed, String missing, String invalid, String truncated,
                                CompanyPrefixLookup lookup) {
            LintError e = digit(allowed, missing, invalid);
            if (e == null) {
                e = take(value + 6, truncated);
            }
            return e != null || lookup == null ? e : CompanyPrefix.consult(lookup, d, fieldStart, p);
        }

        /**
         * A purchase requirement: VLI 1-5 and that many digits, a requirement code, a three-digit family code and,
         * for the 2nd and 3rd purchase, the GS1 Company Prefix (VLI 9: none, the primary one applies).
         */
        LintError purchase(String which, CompanyPrefixLookup lookup, boolean withPrefix) {
            LintError e;
            if ((e = digit("12345", "MISSING_" + which + "_PURCHASE_REQUIREMENT_VLI",
                    "INVALID_" + which + "_PURCHASE_REQUIREMENT_LENGTH")) != null
                    || (e = take(value, "TRUNCATED_" + which + "_PURCHASE_REQUIREMENT")) != null
                    || (e = digit(REQUIREMENT_CODES, "MISSING_" + which + "_PURCHASE_REQUIREMENT_CODE",
                            "INVALID_" + which + "_PURCHASE_REQUIREMENT_CODE")) != null
                    || (e = take(3, "TRUNCATED_" + which + "_PURCHASE_FAMILY_CODE")) != null
                    || !withPrefix) {
                return e;
            }
            if ((e = digit("01234569", "MISSING_" + which + "_PURCHASE_GCP_VLI",
                    "INVALID_" + which + "_PURCHASE_GCP_LENGTH")) != null) {
                return e;
            }
            int length = value == 9 ? 0 : value + 6;
            if ((e = take(length, "TRUNCATED_" + which + "_PURCHASE_GCP")) != null || length == 0 || lookup == null) {
                return e;
            }
            return CompanyPrefix.consult(lookup, d, fieldStart, p);
        }

        /** The six digits just taken are a YYMMDD date. */
        LintError date(String invalid, Clock clock) {
            return DatesAndTimes.yymmdd(d, fieldStart, p, clock) == null ? null : error(invalid, fieldStart, p);
        }

        /** The YYMMDD date at {@code at} as the number YYYYMMDD, the century from the GS1 window. */
        int dateValue(int at, Clock clock) {
            int yy = (int) Digits.value(d, at, at + 2);
            return CenturyWindow.fullYear(yy, clock) * 10000 + (int) Digits.value(d, at + 2, at + 6);
        }

        LintError excess() {
            return p == end ? null : error("EXCESS_DATA", p, end);
        }
    }
}
