package io.tracegate.benchmarks;

import java.util.Random;

/** Random strings for generated benchmark inputs (seeded by the caller, so every run sees the same data). */
public final class RandomText {

    private RandomText() {
    }

    /** {@code n} random decimal digits. */
    public static String digits(Random random, int n) {
        return of(random, "0123456789", n);
    }

    /** {@code n} characters drawn from {@code alphabet}. */
    public static String of(Random random, String alphabet, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
