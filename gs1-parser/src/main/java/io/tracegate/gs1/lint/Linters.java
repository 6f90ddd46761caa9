package io.tracegate.gs1.lint;

import java.time.Clock;
import java.util.Set;

/**
 * The registry of Syntax Dictionary linters by name ({@code csum}, {@code yymmd0}, {@code cset82}, ...). Date linters
 * resolve the century from the clock given here (GS1 sliding window), never from a constant.
 */
public final class Linters {

    private final Clock clock;

    private Linters(Clock clock) {
        this.clock = clock;
    }

    public static Linters withClock(Clock clock) {
        return new Linters(clock);
    }

    public static Linters standard() {
        return new Linters(Clock.systemUTC());
    }

    /** The linter with this dictionary name; IllegalArgumentException when there is none. */
    public Linter get(String name) {
        throw new UnsupportedOperationException("TODO linter " + name);
    }

    /** Every linter name this registry knows. */
    public static Set<String> names() {
        throw new UnsupportedOperationException("TODO");
    }

    public Clock clock() {
        return clock;
    }
}
