package io.tracegate.gateway.shipments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BusinessCalendarTest {

    @Test
    void theElevenHolidaysOf2026AsObserved() {
        assertThat(BusinessCalendar.holidays(2026)).containsExactlyInAnyOrder(
                LocalDate.parse("2026-01-01"), LocalDate.parse("2026-01-19"), LocalDate.parse("2026-02-16"),
                LocalDate.parse("2026-05-25"), LocalDate.parse("2026-06-19"),
                LocalDate.parse("2026-07-03"), // July 4 is a Saturday
                LocalDate.parse("2026-09-07"), LocalDate.parse("2026-10-12"), LocalDate.parse("2026-11-11"),
                LocalDate.parse("2026-11-26"), LocalDate.parse("2026-12-25"));
    }

    @ParameterizedTest(name = "{0} is a holiday: {1}")
    @CsvSource({
            "2021-12-31, true", // New Year's Day 2022 is a Saturday: observed the Friday before, in 2021
            "2022-06-20, true", // Juneteenth on a Sunday: observed on Monday
            "2022-12-26, true", // Christmas on a Sunday
            "2027-12-24, true", // Christmas on a Saturday
            "2027-12-31, true", // New Year's Day 2028 on a Saturday
            "2020-06-19, false", // Juneteenth is a federal holiday from 2021 on
            "2026-07-04, false", // the Saturday itself is a weekend day, not the observed holiday
            "2026-11-27, false"})
    void observedHolidays(LocalDate day, boolean holiday) {
        assertThat(BusinessCalendar.isFederalHoliday(day)).isEqualTo(holiday);
    }

    @ParameterizedTest(name = "{0} + 3 business days = {1}")
    @CsvSource({
            "2026-11-25, 2026-12-01", // Thanksgiving on the way
            "2026-07-02, 2026-07-08", // Independence Day observed on Friday
            "2026-12-19, 2026-12-23", // from a Saturday: Monday is the first
            "2026-12-24, 2026-12-30", // Christmas
            "2026-03-04, 2026-03-09"}) // Wednesday: over the weekend
    void threeBusinessDaysLater(LocalDate from, LocalDate due) {
        assertThat(BusinessCalendar.plusBusinessDays(from, 3)).isEqualTo(due);
    }
}
