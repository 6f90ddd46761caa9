package io.tracegate.gs1.lint;

import java.time.Clock;

/** Linters on calendar dates (YYMMDD, YYYYMMDD, optionally with day 00) and times of day (HH, MI, SS, HHMI). */
final class DatesAndTimes {

    /** Days per month, February counted as 29 (the leap year is checked separately). */
    private static final int[] MAX_DAY = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private DatesAndTimes() {
    }

    /** YYMMDD; day 00 (no specific day) is allowed. */
    static LintError yymmd0(CharSequence d, int start, int end, Clock clock) {
        return date(d, start, end, 2, true, clock);
    }

    /** YYMMDD with a real day. */
    static LintError yymmdd(CharSequence d, int start, int end, Clock clock) {
        return date(d, start, end, 2, false, clock);
    }

    /** YYYYMMDD; day 00 is allowed. */
    static LintError yyyymmd0(CharSequence d, int start, int end) {
        return date(d, start, end, 4, true, null);
    }

    /** YYYYMMDD with a real day. */
    static LintError yyyymmdd(CharSequence d, int start, int end) {
        return date(d, start, end, 4, false, null);
    }

    /**
     * A date of {@code yearDigits} year digits, two month digits and two day digits. The clock resolves the century
     * of a two-digit year, which matters only for 29 February of a year ending in 00 (2000 is a leap year, 1900
     * and 2100 are not), so it is read only then.
     */
    private static LintError date(CharSequence d, int start, int end, int yearDigits, boolean dayZeroAllowed,
                                  Clock clock) {
        int length = yearDigits + 4;
        if (end - start < length) {
            return new LintError("GS1_LINTER_DATE_TOO_SHORT", start, end);
        }
        if (end - start > length) {
            return new LintError("GS1_LINTER_DATE_TOO_LONG", start, end);
        }
        LintError nonDigit = Digits.nonDigitError(d, start, end);
        if (nonDigit != null) {
            return nonDigit;
        }
        int m = start + yearDigits;
        int month = (int) Digits.value(d, m, m + 2);
        if (month < 1 || month > 12) {
            return new LintError(Codes.ILLEGAL_MONTH, m, m + 2);
        }
        int day = (int) Digits.value(d, m + 2, end);
        if (day == 0 && dayZeroAllowed) {
            return null;
        }
        if (day < 1 || day > MAX_DAY[month]
                || (month == 2 && day == 29 && !isLeapYear(fullYear(d, start, yearDigits, clock)))) {
            return new LintError(Codes.ILLEGAL_DAY, m + 2, end);
        }
        return null;
    }

    private static int fullYear(CharSequence d, int start, int yearDigits, Clock clock) {
        int year = (int) Digits.value(d, start, start + yearDigits);
        return yearDigits == 4 ? year : CenturyWindow.fullYear(year, clock);
    }

    static boolean isLeapYear(int year) {
        return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    static LintError hh(CharSequence d, int start, int end) {
        return twoDigits(d, start, end, 23, "GS1_LINTER_HOUR_TOO_SHORT", "GS1_LINTER_HOUR_TOO_LONG", Codes.ILLEGAL_HOUR);
    }

    static LintError mi(CharSequence d, int start, int end) {
        return twoDigits(d, start, end, 59, "GS1_LINTER_MINUTE_TOO_SHORT", "GS1_LINTER_MINUTE_TOO_LONG",
                Codes.ILLEGAL_MINUTE);
    }

    static LintError ss(CharSequence d, int start, int end) {
        return twoDigits(d, start, end, 59, "GS1_LINTER_SECOND_TOO_SHORT", "GS1_LINTER_SECOND_TOO_LONG",
                "GS1_LINTER_ILLEGAL_SECOND");
    }

    /** HHMI: hour 00-23 then minute 00-59. */
    static LintError hhmi(CharSequence d, int start, int end) {
        if (end - start < 4) {
            return new LintError("GS1_LINTER_HOUR_WITH_MINUTE_TOO_SHORT", start, end);
        }
        if (end - start > 4) {
            return new LintError("GS1_LINTER_HOUR_WITH_MINUTE_TOO_LONG", start, end);
        }
        LintError nonDigit = Digits.nonDigitError(d, start, end);
        if (nonDigit != null) {
            return nonDigit;
        }
        if (Digits.value(d, start, start + 2) > 23) {
            return new LintError(Codes.ILLEGAL_HOUR, start, start + 2);
        }
        if (Digits.value(d, start + 2, end) > 59) {
            return new LintError(Codes.ILLEGAL_MINUTE, start + 2, end);
        }
        return null;
    }

    private static LintError twoDigits(CharSequence d, int start, int end, int max, String tooShort, String tooLong,
                                       String illegal) {
        if (end - start < 2) {
            return new LintError(tooShort, start, end);
        }
        if (end - start > 2) {
            return new LintError(tooLong, start, end);
        }
        LintError nonDigit = Digits.nonDigitError(d, start, end);
        if (nonDigit != null) {
            return nonDigit;
        }
        return Digits.value(d, start, end) > max ? new LintError(illegal, start, end) : null;
    }
}
