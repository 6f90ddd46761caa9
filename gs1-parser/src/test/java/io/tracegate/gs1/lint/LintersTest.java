package io.tracegate.gs1.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegate.gs1.ai.AiComponent;
import io.tracegate.gs1.ai.AiDefinition;
import io.tracegate.gs1.ai.AiTable;
import io.tracegate.gs1.testing.SettableClock;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class LintersTest {

    private static final Clock JAN_2026 = Clock.fixed(Instant.parse("2026-01-27T10:00:00Z"), ZoneOffset.UTC);

    private final Linters linters = Linters.withClock(JAN_2026);

    @Test
    void everyLinterTheAiTableNamesAndEveryComponentTypeIsRegistered() {
        Set<String> needed = new TreeSet<>(Set.of("csetnumeric", "cset82", "cset39", "cset64"));
        for (AiDefinition ai : AiTable.standard().all()) {
            for (AiComponent component : ai.components()) {
                needed.addAll(component.linters());
            }
        }
        assertTrue(needed.size() > 35, "the AI table names " + needed);
        for (String name : needed) {
            linters.get(name);
        }
        assertTrue(Linters.names().containsAll(needed), "names() lacks some of " + needed);
        for (String name : Linters.names()) {
            linters.get(name);
        }
    }

    @Test
    void anUnknownNameIsRefusedWithTheName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> linters.get("csum2"));
        assertTrue(e.getMessage().contains("'csum2'"), e.getMessage());
    }

    @Test
    void spansAreOffsetsIntoTheWholeData() {
        String scan = "01123456789012311726022810ABC";
        assertNull(linters.get("csum").lint(scan, 2, 16));
        assertNull(linters.get("yymmd0").lint(scan, 18, 24));
        String badCheck = "01123456789012321726022810ABC";
        assertEquals(new LintError("GS1_LINTER_INCORRECT_CHECK_DIGIT", 15, 16), linters.get("csum").lint(badCheck, 2, 16));
        String badDay = "01123456789012311726023210ABC";
        assertEquals(new LintError("GS1_LINTER_ILLEGAL_DAY", 22, 24), linters.get("yymmd0").lint(badDay, 18, 24));
    }

    @Test
    void centuryWindowPlacesTwoDigitYearsWithinFiftyYearsOfNow() {
        assertEquals(2000, CenturyWindow.fullYear(0, 2026));
        assertEquals(2076, CenturyWindow.fullYear(76, 2026));   // d = 50: this century
        assertEquals(1977, CenturyWindow.fullYear(77, 2026));   // d = 51: previous century
        assertEquals(2000, CenturyWindow.fullYear(0, 2049));    // d = -49: this century
        assertEquals(2100, CenturyWindow.fullYear(0, 2050));    // d = -50: next century
        assertEquals(2000, CenturyWindow.fullYear(0, 1999));
        assertEquals(1999, CenturyWindow.fullYear(99, 2000));
        assertThrows(IllegalArgumentException.class, () -> CenturyWindow.fullYear(100, 2026));
    }

    @Test
    void theCenturyFollowsTheClockAsItMoves() {
        SettableClock clock = new SettableClock(Instant.parse("2049-12-31T23:59:59Z"));
        Linter yymmdd = Linters.withClock(clock).get("yymmdd");
        assertNull(yymmdd.lint("000229", 0, 6), "in 2049, 00 is 2000, a leap year");
        clock.set(Instant.parse("2050-01-01T00:00:00Z"));
        assertEquals(new LintError("GS1_LINTER_ILLEGAL_DAY", 4, 6), yymmdd.lint("000229", 0, 6),
                "from 2050, 00 is 2100, not a leap year");
        clock.set(Instant.parse("1949-06-01T00:00:00Z"));
        assertEquals(new LintError("GS1_LINTER_ILLEGAL_DAY", 4, 6), yymmdd.lint("000229", 0, 6),
                "in 1949, 00 is 1900, not a leap year");
        assertNull(yymmdd.lint("960229", 0, 6), "96 is a leap year in any century");
    }

    @Test
    void fourDigitYearsFollowTheGregorianLeapRule() {
        Linter yyyymmdd = linters.get("yyyymmdd");
        assertNull(yyyymmdd.lint("20000229", 0, 8));
        assertNull(yyyymmdd.lint("24000229", 0, 8));
        assertNull(yyyymmdd.lint("20240229", 0, 8));
        assertEquals(new LintError("GS1_LINTER_ILLEGAL_DAY", 6, 8), yyyymmdd.lint("21000229", 0, 8));
        assertEquals(new LintError("GS1_LINTER_ILLEGAL_DAY", 6, 8), yyyymmdd.lint("19000229", 0, 8));
        assertEquals(new LintError("GS1_LINTER_ILLEGAL_DAY", 6, 8), yyyymmdd.lint("20250229", 0, 8));
    }

    @Test
    void dayZeroMeansNoSpecificDayOnlyWhereTheDictionaryAllowsIt() {
        assertNull(linters.get("yymmd0").lint("260200", 0, 6));
        assertNull(linters.get("yyyymmd0").lint("20260200", 0, 8));
        assertEquals(new LintError("GS1_LINTER_ILLEGAL_DAY", 4, 6), linters.get("yymmdd").lint("260200", 0, 6));
        assertEquals(new LintError("GS1_LINTER_ILLEGAL_DAY", 6, 8),
                linters.get("yyyymmdd").lint("20260200", 0, 8));
        assertEquals(new LintError("GS1_LINTER_ILLEGAL_MONTH", 2, 4), linters.get("yymmd0").lint("260000", 0, 6));
    }

    @Test
    void aCompanyPrefixLookupIsConsultedForTheKeyAfterTheIndicatorDigit() {
        String gtin = "00300010123455";
        CompanyPrefixLookup onlyNdcLabelers = (d, s, e) -> d.charAt(s) == '0' && d.charAt(s + 1) == '3'
                ? CompanyPrefixLookup.Verdict.ALLOCATED : CompanyPrefixLookup.Verdict.NOT_ALLOCATED;
        Linter gcppos2 = linters.withCompanyPrefixLookup(onlyNdcLabelers).get("gcppos2");
        assertNull(gcppos2.lint(gtin, 0, 14));
        assertEquals(new LintError("GS1_LINTER_INVALID_GCP_PREFIX", 1, 14), gcppos2.lint("09520123456788", 0, 14));
        Linter offline = linters.withCompanyPrefixLookup((d, s, e) -> CompanyPrefixLookup.Verdict.OFFLINE)
                .get("gcppos2");
        assertEquals(new LintError("GS1_LINTER_GCP_DATASOURCE_OFFLINE", 1, 14), offline.lint(gtin, 0, 14));
        assertNull(linters.get("gcppos2").lint("09520123456788", 0, 14), "without a lookup any prefix is accepted");
    }

    @Test
    void aCompanyPrefixIsAtLeastFourDigits() {
        assertEquals(new LintError("GS1_LINTER_TOO_SHORT_FOR_GCP", 0, 3), linters.get("gcppos1").lint("123", 0, 3));
        assertEquals(new LintError("GS1_LINTER_INVALID_GCP_PREFIX", 3, 4),
                linters.get("gcppos1").lint("123A5678", 0, 8));
        assertEquals(new LintError("GS1_LINTER_INVALID_GCP_PREFIX", 1, 2),
                linters.get("gcppos2").lint("0A2345678", 0, 9));
        assertEquals(new LintError("GS1_LINTER_TOO_SHORT_FOR_GCP", 0, 1), linters.get("gcppos2").lint("0", 0, 1));
        assertNull(linters.get("gcppos1").lint("1234ABC", 0, 7));
    }

    @Test
    void aCouponStartingAfterItExpiresIsRefusedAcrossTheCenturyBoundary() {
        // GCP 0+123456, offer 123456, save value 1+1, 1st purchase 1+1 code 0 family 123; expiry 991231, start 000101.
        String coupon = "012345612345611110123" + "3991231" + "4000101";
        assertEquals(new LintError("GS1_LINTER_COUPON_EXPIRATION_BEFORE_START", 21, 35),
                linters.get("couponcode").lint(coupon, 0, coupon.length()));
        String ok = "012345612345611110123" + "3000101" + "4991231";
        assertNull(linters.get("couponcode").lint(ok, 0, ok.length()));
    }
}
