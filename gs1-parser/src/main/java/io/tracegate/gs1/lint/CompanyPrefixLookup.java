package io.tracegate.gs1.lint;

/**
 * A source of GS1 Company Prefix allocations (for example a GS1 member organisation's registry) that the
 * {@code gcppos1}, {@code gcppos2} and coupon linters consult once the prefix is well formed. Without one, a
 * well-formed prefix is accepted, as in the reference linters.
 */
@FunctionalInterface
public interface CompanyPrefixLookup {

    /** What the source says about a key. */
    enum Verdict {
        /** The key starts with an allocated GS1 Company Prefix. */
        ALLOCATED,
        /** The key does not start with an allocated GS1 Company Prefix. */
        NOT_ALLOCATED,
        /** The source cannot answer; the linter fails closed with {@code GS1_LINTER_GCP_DATASOURCE_OFFLINE}. */
        OFFLINE
    }

    /**
     * Checks the key {@code data[start, end)} (its leading digits are a GS1 Company Prefix of unknown length).
     * Called on every parse of a key, so an implementation should answer from memory.
     */
    Verdict check(CharSequence data, int start, int end);
}
