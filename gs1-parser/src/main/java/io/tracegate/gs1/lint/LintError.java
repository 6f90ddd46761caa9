package io.tracegate.gs1.lint;

/**
 * A linter's finding: the Syntax Dictionary error code (e.g. {@code GS1_LINTER_INVALID_CHECK_DIGIT}) and the
 * offending span {@code [start, end)} as offsets into the data the linter was given.
 */
public record LintError(String code, int start, int end) {
}
