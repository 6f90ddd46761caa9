package io.tracegate.gs1;

import io.tracegate.gs1.lint.CenturyWindow;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * A GS1 YYMMDD date as carried in AI (17) use-by/expiry: the raw six digits and the calendar date they mean.
 * Day {@code 00} means no particular day and resolves to the last day of the month; the century comes from the GS1
 * sliding window around today's year (a date lies between 49 years before and 50 years after it), today taken from
 * a {@link Clock}, never from a constant.
 *
 * @param raw  the six digits as carried
 * @param date the resolved date
 */
public record ExpiryDate(String raw, LocalDate date) {

    public ExpiryDate {
        if (raw == null || date == null) {
            throw new IllegalArgumentException("raw digits and date are required");
        }
    }

    /** Resolves YYMMDD against today's date on the clock; IllegalArgumentException when it is no valid date. */
    public static ExpiryDate parse(String yymmdd, Clock today) {
        if (yymmdd == null || yymmdd.length() != 6 || !yymmdd.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("a GS1 date is six digits YYMMDD: '" + yymmdd + "'");
        }
        int yy = Integer.parseInt(yymmdd, 0, 2, 10);
        int mm = Integer.parseInt(yymmdd, 2, 4, 10);
        int dd = Integer.parseInt(yymmdd, 4, 6, 10);
        if (mm < 1 || mm > 12) {
            throw new IllegalArgumentException("month " + mm + " out of range in '" + yymmdd + "'");
        }
        YearMonth month = YearMonth.of(CenturyWindow.fullYear(yy, today), mm);
        if (dd > month.lengthOfMonth()) {
            throw new IllegalArgumentException("day " + dd + " out of range for " + month + " in '" + yymmdd + "'");
        }
        return new ExpiryDate(yymmdd, dd == 0 ? month.atEndOfMonth() : month.atDay(dd));
    }

    /** True when the raw value gave no day ({@code 00}) and {@link #date()} is the month's last day. */
    public boolean dayUnspecified() {
        return raw.endsWith("00");
    }

    /** True when the product may no longer be used on {@code day} (the expiry date itself is still usable). */
    public boolean isExpiredOn(LocalDate day) {
        return day.isAfter(date);
    }

    @Override
    public String toString() {
        return date.toString();
    }
}
