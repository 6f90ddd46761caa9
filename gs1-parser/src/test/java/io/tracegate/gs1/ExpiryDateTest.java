package io.tracegate.gs1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ExpiryDateTest {

    private static Clock on(String isoDate) {
        return Clock.fixed(Instant.parse(isoDate + "T12:00:00Z"), ZoneOffset.UTC);
    }

    @Test
    void dayZeroMeansTheLastDayOfTheMonth() {
        Clock clock = on("2025-06-15");
        ExpiryDate feb = ExpiryDate.parse("270200", clock);
        assertEquals(LocalDate.of(2027, 2, 28), feb.date());
        assertEquals("270200", feb.raw());
        assertTrue(feb.dayUnspecified());
        assertEquals(LocalDate.of(2028, 2, 29), ExpiryDate.parse("280200", clock).date());
        assertEquals(LocalDate.of(2026, 4, 30), ExpiryDate.parse("260400", clock).date());
        ExpiryDate exact = ExpiryDate.parse("271231", clock);
        assertEquals(LocalDate.of(2027, 12, 31), exact.date());
        assertFalse(exact.dayUnspecified());
    }

    @Test
    void centuryComesFromTheClockThroughTheGs1Window() {
        Clock clock = on("2025-06-15");
        assertEquals(2075, ExpiryDate.parse("750101", clock).date().getYear());
        assertEquals(1976, ExpiryDate.parse("760101", clock).date().getYear());
        assertEquals(2000, ExpiryDate.parse("000101", clock).date().getYear());
        Clock later = on("2060-01-01");
        assertEquals(2011, ExpiryDate.parse("110101", later).date().getYear());
        assertEquals(2110, ExpiryDate.parse("100101", later).date().getYear());
        assertEquals(2099, ExpiryDate.parse("990101", later).date().getYear());
        Clock earlier = on("1990-01-01");
        assertEquals(2040, ExpiryDate.parse("400101", earlier).date().getYear());
        assertEquals(1941, ExpiryDate.parse("410101", earlier).date().getYear());
    }

    @Test
    void invalidDatesAreRejected() {
        Clock clock = on("2025-06-15");
        assertThrows(IllegalArgumentException.class, () -> ExpiryDate.parse("271331", clock));
        assertThrows(IllegalArgumentException.class, () -> ExpiryDate.parse("270230", clock));
        assertThrows(IllegalArgumentException.class, () -> ExpiryDate.parse("270229", clock));
        assertThrows(IllegalArgumentException.class, () -> ExpiryDate.parse("27123", clock));
        assertThrows(IllegalArgumentException.class, () -> ExpiryDate.parse("2712a1", clock));
    }

    @Test
    void expiredAfterTheDateNotOnIt() {
        ExpiryDate d = ExpiryDate.parse("250600", on("2025-06-15"));
        assertFalse(d.isExpiredOn(LocalDate.of(2025, 6, 30)));
        assertTrue(d.isExpiredOn(LocalDate.of(2025, 7, 1)));
    }

    @Test
    void elementStringUsesTheParserClock() {
        Gs1Parser in2025 = new Gs1Parser(ParseOptions.defaults().withClock(on("2025-06-15")));
        Gs1Parser in2080 = new Gs1Parser(ParseOptions.defaults().withClock(on("2080-06-15")));
        String data = "^01003000101234551730020010A";
        assertEquals(LocalDate.of(2030, 2, 28), in2025.parseUnbracketed(data).expiry().date());
        assertEquals(LocalDate.of(2130, 2, 28), in2080.parseUnbracketed(data).expiry().date());
        assertEquals(LocalDate.of(2030, 2, 28), in2080.parseUnbracketed(data).expiry(on("2025-01-01")).date());
    }
}
