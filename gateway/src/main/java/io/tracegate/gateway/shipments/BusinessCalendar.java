package io.tracegate.gateway.shipments;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.HashSet;
import java.util.Set;

/**
 * US federal business days: Monday to Friday except the eleven federal holidays of 5 U.S.C. 6103, computed for any
 * year (not listed by hand): New Year's Day, Martin Luther King Jr. Day (third Monday of January), Washington's
 * Birthday (third Monday of February), Memorial Day (last Monday of May), Juneteenth (June 19, from 2021),
 * Independence Day, Labor Day (first Monday of September), Columbus Day (second Monday of October), Veterans Day,
 * Thanksgiving (fourth Thursday of November) and Christmas Day. A fixed-date holiday on a Saturday is observed the
 * Friday before (New Year's Day then falls on December 31 of the year before), on a Sunday the Monday after.
 */
public final class BusinessCalendar {

    private BusinessCalendar() {
    }

    /** The day {@code days} business days after {@code from} (from a weekend or holiday, counting starts after it). */
    public static LocalDate plusBusinessDays(LocalDate from, int days) {
        LocalDate day = from;
        for (int counted = 0; counted < days; ) {
            day = day.plusDays(1);
            if (isBusinessDay(day)) {
                counted++;
            }
        }
        return day;
    }

    public static boolean isBusinessDay(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY
                && !isFederalHoliday(day);
    }

    /** Whether the day is a federal holiday as observed (the day offices close). */
    public static boolean isFederalHoliday(LocalDate day) {
        // an observed New Year's Day can fall in the year before
        return holidays(day.getYear()).contains(day) || holidays(day.getYear() + 1).contains(day);
    }

    /** The observed federal holidays of a year (New Year's Day observed on December 31 belongs to the next year). */
    public static Set<LocalDate> holidays(int year) {
        Set<LocalDate> days = new HashSet<>();
        days.add(observed(LocalDate.of(year, Month.JANUARY, 1)));
        days.add(nth(year, Month.JANUARY, 3, DayOfWeek.MONDAY));
        days.add(nth(year, Month.FEBRUARY, 3, DayOfWeek.MONDAY));
        days.add(LocalDate.of(year, Month.MAY, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY)));
        if (year >= 2021) {
            days.add(observed(LocalDate.of(year, Month.JUNE, 19)));
        }
        days.add(observed(LocalDate.of(year, Month.JULY, 4)));
        days.add(nth(year, Month.SEPTEMBER, 1, DayOfWeek.MONDAY));
        days.add(nth(year, Month.OCTOBER, 2, DayOfWeek.MONDAY));
        days.add(observed(LocalDate.of(year, Month.NOVEMBER, 11)));
        days.add(nth(year, Month.NOVEMBER, 4, DayOfWeek.THURSDAY));
        days.add(observed(LocalDate.of(year, Month.DECEMBER, 25)));
        return days;
    }

    private static LocalDate nth(int year, Month month, int n, DayOfWeek day) {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, day));
    }

    private static LocalDate observed(LocalDate holiday) {
        return switch (holiday.getDayOfWeek()) {
            case SATURDAY -> holiday.minusDays(1);
            case SUNDAY -> holiday.plusDays(1);
            default -> holiday;
        };
    }
}
