package io.tracegate.gateway.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Estimates how hard a key chosen outside the gateway ({@code TRACEGATE_ADMIN_KEY}) is to guess, in bits, the way a
 * guesser would: a character costs the bits of the character classes the key uses (lower case, upper case, digits,
 * other), unless it is predictable, when it costs about one bit: it continues a run of equal or consecutive
 * characters ({@code aaaa}, {@code 1234}, {@code dcba}), or it starts a repetition of something earlier in the key
 * ({@code abcabc}, {@code passwordpassword}), which costs what it takes to say where and how long. No dictionary:
 * a phrase of words scores like random characters, so keys should be generated, not chosen.
 */
final class KeyStrength {

    /** What a key chosen outside must reach: the bits of a 128-bit random key written in hex. */
    static final int MIN_BITS = 128;
    private static final int MIN_REPEAT = 3;

    private KeyStrength() {
    }

    /** Why the key is too weak to accept, or empty when it is strong enough. */
    static Optional<String> weakness(String key) {
        if (key.length() < ApiKeys.MIN_KEY_LENGTH) {
            return Optional.of("an API key must have at least " + ApiKeys.MIN_KEY_LENGTH + " characters, got "
                    + key.length());
        }
        Estimate estimate = estimate(key);
        if (estimate.bits() >= MIN_BITS) {
            return Optional.empty();
        }
        List<String> reasons = new ArrayList<>();
        long distinct = key.chars().distinct().count();
        if (distinct < 16) {
            reasons.add("only " + distinct + " distinct character" + (distinct == 1 ? "" : "s"));
        }
        if (estimate.repeated() > 0) {
            reasons.add(estimate.repeated() + " characters repeat an earlier part of it");
        }
        if (estimate.runs() > 0) {
            reasons.add(estimate.runs() + " characters continue a run like 'aaa' or '123'");
        }
        return Optional.of("the API key is too easy to guess: about " + Math.round(estimate.bits())
                + " bits of entropy estimated, at least " + MIN_BITS + " needed" + (reasons.isEmpty() ? "" : " ("
                + String.join("; ", reasons) + ")"));
    }

    /**
     * @param bits     the estimated entropy
     * @param repeated characters that repeat an earlier part of the key
     * @param runs     characters that continue a run of equal or consecutive ones
     */
    record Estimate(double bits, int repeated, int runs) {
    }

    static Estimate estimate(String key) {
        double perCharacter = log2(alphabet(key));
        double bits = 0;
        int repeated = 0;
        int runs = 0;
        int i = 0;
        while (i < key.length()) {
            int length = longestEarlierMatch(key, i);
            if (length >= MIN_REPEAT) {
                bits += log2(i) + log2(length); // where the repeated part starts, and how long it is
                repeated += length;
                i += length;
                continue;
            }
            if (i > 1 && continuesRun(key, i)) {
                bits += 1;
                runs++;
            } else {
                bits += perCharacter;
            }
            i++;
        }
        return new Estimate(bits, repeated, runs);
    }

    /** Whether the character takes the same step (0, +1 or -1) from the one before as that one took. */
    private static boolean continuesRun(String key, int at) {
        int step = key.charAt(at) - key.charAt(at - 1);
        return Math.abs(step) <= 1 && step == key.charAt(at - 1) - key.charAt(at - 2);
    }

    /** The longest text starting at {@code at} that also starts at an earlier position (it may overlap). */
    private static int longestEarlierMatch(String key, int at) {
        int best = 0;
        for (int from = 0; from < at; from++) {
            int length = 0;
            while (at + length < key.length() && key.charAt(from + length) == key.charAt(at + length)) {
                length++;
            }
            best = Math.max(best, length);
        }
        return best;
    }

    /** The size of the character classes the key draws from. */
    private static int alphabet(String key) {
        boolean lower = key.chars().anyMatch(c -> c >= 'a' && c <= 'z');
        boolean upper = key.chars().anyMatch(c -> c >= 'A' && c <= 'Z');
        boolean digit = key.chars().anyMatch(c -> c >= '0' && c <= '9');
        boolean other = key.chars().anyMatch(c -> !Character.isLetterOrDigit(c) || c > 127);
        return (lower ? 26 : 0) + (upper ? 26 : 0) + (digit ? 10 : 0) + (other ? 33 : 0);
    }

    private static double log2(double x) {
        return x <= 1 ? 0 : Math.log(x) / Math.log(2);
    }
}
