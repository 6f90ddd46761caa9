package io.tracegate.gs1.epc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Configured company prefix lengths in front of another resolver; the longest matching prefix wins. */
final class PrefixOverrides implements GcpLengthResolver {

    private final String[] prefixes; // longest first
    private final int[] lengths;
    private final GcpLengthResolver fallback;

    PrefixOverrides(Map<String, Integer> overrides, GcpLengthResolver fallback) {
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(overrides.entrySet());
        for (Map.Entry<String, Integer> e : entries) {
            String p = e.getKey();
            Integer len = e.getValue();
            if (p == null || p.isEmpty() || p.length() > 12 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("a GCP prefix override needs 1 to 12 digits: '" + p + "'");
            }
            if (len == null || len < EpcUrn.MIN_GCP_LENGTH || len > EpcUrn.MAX_GCP_LENGTH) {
                throw new IllegalArgumentException("GCP length for prefix " + p + " must be "
                        + EpcUrn.MIN_GCP_LENGTH + " to " + EpcUrn.MAX_GCP_LENGTH + ", not " + len);
            }
        }
        entries.sort(Comparator.comparingInt((Map.Entry<String, Integer> e) -> e.getKey().length()).reversed());
        this.prefixes = entries.stream().map(Map.Entry::getKey).toArray(String[]::new);
        this.lengths = entries.stream().mapToInt(Map.Entry::getValue).toArray();
        this.fallback = fallback;
    }

    @Override
    public int gcpLength(CharSequence digits) {
        for (int i = 0; i < prefixes.length; i++) {
            if (startsWith(digits, prefixes[i])) {
                return lengths[i];
            }
        }
        return fallback.gcpLength(digits);
    }

    private static boolean startsWith(CharSequence s, String prefix) {
        if (s.length() < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (s.charAt(i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
