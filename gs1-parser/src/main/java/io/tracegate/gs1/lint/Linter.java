package io.tracegate.gs1.lint;

/**
 * A GS1 Barcode Syntax Dictionary "linter": a content check applied to one component of an AI's data.
 * Implementations allocate nothing on success (the parse hot path calls them for every component).
 */
@FunctionalInterface
public interface Linter {

    /** Checks {@code data[start, end)}; returns null when it is valid, else the error with absolute offsets. */
    LintError lint(CharSequence data, int start, int end);
}
