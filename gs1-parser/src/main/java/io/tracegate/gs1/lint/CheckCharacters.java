package io.tracegate.gs1.lint;

import io.tracegate.gs1.CheckDigit;
import java.util.Arrays;

/** Check digits and check characters: the GS1 mod-10 digit, the GS1 check character pair, the IBAN checksum. */
final class CheckCharacters {

    /** The 32 characters a check character pair is written with. */
    private static final String CSET32 = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final int[] CSET82_VALUE = new int[128];
    /**
     * Weights of the check character pair: successive primes from 2, the rightmost data character taking 2. The
     * reference implementation stops at 97 weights, so longer data cannot be checked.
     */
    private static final int[] PRIME_WEIGHTS = firstPrimes(97);
    /** Longest IBAN (ISO 13616). */
    private static final int IBAN_MAX_LENGTH = 34;
    /** The reference linter's floor: shorter data cannot hold a country, check digits and an account number. */
    private static final int IBAN_MIN_LENGTH = 11;

    static {
        Arrays.fill(CSET82_VALUE, -1);
        for (int i = 0; i < CharacterSets.CSET82_CHARACTERS.length(); i++) {
            CSET82_VALUE[CharacterSets.CSET82_CHARACTERS.charAt(i)] = i;
        }
    }

    private CheckCharacters() {
    }

    private static int[] firstPrimes(int n) {
        int[] primes = new int[n];
        int found = 0;
        for (int candidate = 2; found < n; candidate++) {
            boolean prime = true;
            for (int i = 0; i < found && primes[i] * primes[i] <= candidate; i++) {
                if (candidate % primes[i] == 0) {
                    prime = false;
                    break;
                }
            }
            if (prime) {
                primes[found++] = candidate;
            }
        }
        return primes;
    }

    /** The GS1 mod-10 check digit in the last position (GTIN, SSCC, GLN, ...). */
    static LintError csum(CharSequence d, int start, int end) {
        if (start == end) {
            return new LintError("GS1_LINTER_TOO_SHORT_FOR_CHECK_DIGIT", start, end);
        }
        int expected = CheckDigit.compute(d, start, end - 1);
        if (expected < 0) {
            return Digits.nonDigitError(d, start, end - 1);
        }
        char check = d.charAt(end - 1);
        if (check < '0' || check > '9') {
            return new LintError(Codes.NON_DIGIT_CHARACTER, end - 1, end);
        }
        return check - '0' == expected ? null : new LintError("GS1_LINTER_INCORRECT_CHECK_DIGIT", end - 1, end);
    }

    /**
     * The GS1 check character pair in the last two positions (AIs 8010, 8013, ...): the data characters' CSET 82
     * values weighted by primes, summed mod 1021, written as two CSET 32 characters (quotient and remainder by 32).
     */
    static LintError csumalpha(CharSequence d, int start, int end) {
        int dataEnd = end - 2;
        if (dataEnd < start) {
            return new LintError("GS1_LINTER_TOO_SHORT_FOR_CHECK_PAIR", start, end);
        }
        if (dataEnd - start > PRIME_WEIGHTS.length) {
            return new LintError("GS1_LINTER_TOO_LONG_FOR_CHECK_PAIR_IMPLEMENTATION", start, end);
        }
        int sum = 0;
        for (int i = start; i < dataEnd; i++) {
            char c = d.charAt(i);
            int v = c < 128 ? CSET82_VALUE[c] : -1;
            if (v < 0) {
                return new LintError(Codes.INVALID_CSET82_CHARACTER, i, i + 1);
            }
            sum += v * PRIME_WEIGHTS[dataEnd - 1 - i];
        }
        sum %= 1021;
        if (d.charAt(dataEnd) != CSET32.charAt(sum / 32) || d.charAt(dataEnd + 1) != CSET32.charAt(sum % 32)) {
            return new LintError("GS1_LINTER_INCORRECT_CHECK_PAIR", dataEnd, end);
        }
        return null;
    }

    /**
     * An IBAN (AI 8007): upper-case letters and digits, an ISO 3166 alpha-2 country, and the ISO 7064 mod 97-10
     * checksum (country and check digits moved to the end, letters as 10..35, remainder 1).
     */
    static LintError iban(CharSequence d, int start, int end) {
        int len = end - start;
        if (len < IBAN_MIN_LENGTH) {
            return new LintError("GS1_LINTER_IBAN_TOO_SHORT", start, end);
        }
        if (len > IBAN_MAX_LENGTH) {
            return new LintError("GS1_LINTER_IBAN_TOO_LONG", start, end);
        }
        for (int i = start; i < end; i++) {
            char c = d.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'A' && c <= 'Z')) {
                return new LintError("GS1_LINTER_INVALID_IBAN_CHARACTER", i, i + 1);
            }
        }
        if (!CodeLists.isIso3166Alpha2(d, start)) {
            return new LintError("GS1_LINTER_ILLEGAL_IBAN_COUNTRY_CODE", start, start + 2);
        }
        int remainder = 0;
        for (int k = 4; k < len + 4; k++) {
            char c = d.charAt(start + k % len);
            remainder = c <= '9' ? (remainder * 10 + (c - '0')) % 97 : (remainder * 100 + (c - 'A' + 10)) % 97;
        }
        return remainder == 1 ? null : new LintError("GS1_LINTER_INCORRECT_IBAN_CHECKSUM", start + 2, start + 4);
    }
}
