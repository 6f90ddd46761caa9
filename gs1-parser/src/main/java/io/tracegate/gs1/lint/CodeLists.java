package io.tracegate.gs1.lint;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Linters that accept only the codes of a list: ISO 3166 countries, ISO 4217 currencies, package types (lists in
 * {@code code-lists.txt}), and the short enumerations written here (ISO 5218 sex, winding direction, yes/no,
 * AIDC media type). Every list is a bit set indexed by the code's value, so a lookup does not allocate.
 */
final class CodeLists {

    private static final String RESOURCE = "code-lists.txt";
    /** Package type codes are 1-3 characters of 0-9 and A-Z, read as base-37 numbers with digit values 1..36. */
    private static final int PACKAGE_TYPE_RADIX = 37;

    private static final BitSet ISO3166 = new BitSet(1000);
    private static final BitSet ISO3166_ALPHA2 = new BitSet(26 * 26);
    private static final BitSet ISO4217 = new BitSet(1000);
    private static final BitSet PACKAGE_TYPES = new BitSet(PACKAGE_TYPE_RADIX * PACKAGE_TYPE_RADIX * PACKAGE_TYPE_RADIX);

    static {
        Map<String, String> lists = load();
        for (String code : codes(lists, "iso3166")) {
            ISO3166.set(Integer.parseInt(code));
        }
        for (String code : codes(lists, "iso3166alpha2")) {
            ISO3166_ALPHA2.set(alpha2Index(code, 0));
        }
        for (String code : codes(lists, "iso4217")) {
            ISO4217.set(Integer.parseInt(code));
        }
        for (String code : codes(lists, "packagetype")) {
            PACKAGE_TYPES.set(packageTypeIndex(code, 0, code.length()));
        }
    }

    private CodeLists() {
    }

    private static Map<String, String> load() {
        Map<String, StringBuilder> lists = new HashMap<>();
        try (InputStream in = CodeLists.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the gs1-parser jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            StringBuilder current = null;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (line.startsWith("list ")) {
                    current = new StringBuilder();
                    lists.put(line.substring(5).trim(), current);
                } else if (current == null) {
                    throw new IllegalStateException(RESOURCE + ": codes before the first 'list' line: " + line);
                } else {
                    current.append(' ').append(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        Map<String, String> result = new HashMap<>();
        lists.forEach((name, codes) -> result.put(name, codes.toString().trim()));
        return result;
    }

    private static String[] codes(Map<String, String> lists, String name) {
        String codes = lists.get(name);
        if (codes == null || codes.isEmpty()) {
            throw new IllegalStateException(RESOURCE + " has no list '" + name + "'");
        }
        return codes.split("\\s+");
    }

    /** The value of three digits at {@code start} when {@code d[start, end)} is exactly that, else -1. */
    private static int threeDigits(CharSequence d, int start, int end) {
        if (end - start != 3 || Digits.firstNonDigit(d, start, end) >= 0) {
            return -1;
        }
        return (int) Digits.value(d, start, end);
    }

    private static int alpha2Index(CharSequence d, int start) {
        char a = d.charAt(start);
        char b = d.charAt(start + 1);
        if (a < 'A' || a > 'Z' || b < 'A' || b > 'Z') {
            return -1;
        }
        return (a - 'A') * 26 + (b - 'A');
    }

    private static int packageTypeIndex(CharSequence d, int start, int end) {
        if (end - start < 1 || end - start > 3) {
            return -1;
        }
        int index = 0;
        for (int i = start; i < end; i++) {
            char c = d.charAt(i);
            int v;
            if (c >= '0' && c <= '9') {
                v = c - '0' + 1;
            } else if (c >= 'A' && c <= 'Z') {
                v = c - 'A' + 11;
            } else {
                return -1;
            }
            index = index * PACKAGE_TYPE_RADIX + v;
        }
        return index;
    }

    /** True when the two characters at {@code start} are an ISO 3166-1 alpha-2 country code. */
    static boolean isIso3166Alpha2(CharSequence d, int start) {
        int i = alpha2Index(d, start);
        return i >= 0 && ISO3166_ALPHA2.get(i);
    }

    static LintError iso3166(CharSequence d, int start, int end) {
        int v = threeDigits(d, start, end);
        return v >= 0 && ISO3166.get(v) ? null : new LintError("GS1_LINTER_NOT_ISO3166", start, end);
    }

    /** An ISO 3166 country, or 999 for "unknown or several". */
    static LintError iso3166999(CharSequence d, int start, int end) {
        int v = threeDigits(d, start, end);
        return v == 999 || (v >= 0 && ISO3166.get(v)) ? null
                : new LintError("GS1_LINTER_NOT_ISO3166_OR_999", start, end);
    }

    static LintError iso3166alpha2(CharSequence d, int start, int end) {
        return end - start == 2 && isIso3166Alpha2(d, start) ? null
                : new LintError("GS1_LINTER_NOT_ISO3166_ALPHA2", start, end);
    }

    static LintError iso4217(CharSequence d, int start, int end) {
        int v = threeDigits(d, start, end);
        return v >= 0 && ISO4217.get(v) ? null : new LintError("GS1_LINTER_NOT_ISO4217", start, end);
    }

    static LintError packagetype(CharSequence d, int start, int end) {
        int i = packageTypeIndex(d, start, end);
        return i >= 0 && PACKAGE_TYPES.get(i) ? null : new LintError("GS1_LINTER_INVALID_PACKAGE_TYPE", start, end);
    }

    /** ISO/IEC 5218 sex: 0 not known, 1 male, 2 female, 9 not applicable. */
    static LintError iso5218(CharSequence d, int start, int end) {
        return oneOf(d, start, end, "0129", "GS1_LINTER_INVALID_BIOLOGICAL_SEX_CODE");
    }

    /** Winding direction of a roll (AI 8001): 0 face out, 1 face in, 9 undetermined. */
    static LintError winding(CharSequence d, int start, int end) {
        return oneOf(d, start, end, "019", "GS1_LINTER_INVALID_WINDING_DIRECTION");
    }

    static LintError yesno(CharSequence d, int start, int end) {
        return oneOf(d, start, end, "01", "GS1_LINTER_NOT_ZERO_OR_ONE");
    }

    /** AIDC media type (AI 7241): 01-10 are assigned by GS1, 80-99 are for mutually agreed use. */
    static LintError mediatype(CharSequence d, int start, int end) {
        if (end - start == 2 && Digits.firstNonDigit(d, start, end) < 0) {
            long v = Digits.value(d, start, end);
            if ((v >= 1 && v <= 10) || v >= 80) {
                return null;
            }
        }
        return new LintError("GS1_LINTER_INVALID_MEDIA_TYPE", start, end);
    }

    private static LintError oneOf(CharSequence d, int start, int end, String allowed, String code) {
        return end - start == 1 && allowed.indexOf(d.charAt(start)) >= 0 ? null : new LintError(code, start, end);
    }
}
