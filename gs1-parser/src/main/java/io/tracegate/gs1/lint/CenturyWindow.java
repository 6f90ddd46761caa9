package io.tracegate.gs1.lint;

import java.time.Clock;
import java.time.LocalDate;

/**
 * The GS1 sliding century window for two-digit years (YYMMDD dates in AIs 11-17, 7003, 7006, ...): a year is placed
 * in the century that puts it no more than 49 years in the past or 50 years in the future of the current year.
 * The current year always comes from a {@link Clock}, never from a constant, so dates stay right as time passes.
 */
public final class CenturyWindow {

    private CenturyWindow() {
    }

    /** The four-digit year of two-digit year {@code yy} (0..99) as of the clock's current date. */
    public static int fullYear(int yy, Clock clock) {
        return fullYear(yy, LocalDate.now(clock).getYear());
    }

    /**
     * The four-digit year of two-digit year {@code yy} as of {@code currentYear}: with d = yy minus the current
     * year's last two digits, d &gt;= 51 means the previous century, d &lt;= -50 the next, anything else this one.
     */
    public static int fullYear(int yy, int currentYear) {
        if (yy < 0 || yy > 99) {
            throw new IllegalArgumentException("two-digit year out of range: " + yy);
        }
        int century = Math.floorDiv(currentYear, 100) * 100;
        int d = yy - Math.floorMod(currentYear, 100);
        if (d >= 51) {
            return century - 100 + yy;
        }
        if (d <= -50) {
            return century + 100 + yy;
        }
        return century + yy;
    }
}
