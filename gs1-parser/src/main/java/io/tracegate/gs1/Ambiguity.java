package io.tracegate.gs1;

import java.util.List;

/**
 * The other valid readings of an input whose variable-length element swallowed text that itself parses as further
 * element strings (e.g. {@code 10ABC12317271231}: lot {@code ABC12317271231}, or lot {@code ABC123} + expiry
 * {@code 271231}). A caller that holds a serial store can pick the alternative that exists. Each alternative passes
 * the same validation as the chosen reading, cross-AI rules included. The value examined is the last one when no
 * separator ended it (a value ended by a separator was terminated by the encoder); at most
 * {@link #MAX_ALTERNATIVES} alternatives.
 *
 * @param alternatives each alternative reading, as its list of element strings
 */
public record Ambiguity(List<List<AiElement>> alternatives) {

    /** The most alternatives a parse reports (bounds the search and the size of every output that lists them). */
    public static final int MAX_ALTERNATIVES = 16;

    public Ambiguity {
        // a loop rather than a stream: the parser makes one of these for every ambiguous scan
        @SuppressWarnings("unchecked")
        List<AiElement>[] copies = new List[alternatives.size()];
        for (int i = 0; i < copies.length; i++) {
            copies[i] = List.copyOf(alternatives.get(i));
        }
        alternatives = List.of(copies);
    }
}
