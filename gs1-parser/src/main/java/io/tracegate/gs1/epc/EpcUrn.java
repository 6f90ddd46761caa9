package io.tracegate.gs1.epc;

import io.tracegate.gs1.Gln;
import io.tracegate.gs1.Gs1Exception;
import io.tracegate.gs1.Gtin;
import io.tracegate.gs1.Sscc;
import io.tracegate.gs1.ai.AiTable;
import io.tracegate.gs1.lint.LintError;
import io.tracegate.gs1.lint.Linter;
import io.tracegate.gs1.lint.Linters;

/**
 * EPC pure identity URNs as the GS1 Tag Data Standard writes them: reading them into {@link Epc} values, splitting
 * keys at the company prefix, and the escaping of serials, lots and extensions.
 */
final class EpcUrn {

    /** Company prefix lengths the TDS partition tables allow. */
    static final int MIN_GCP_LENGTH = 6;
    static final int MAX_GCP_LENGTH = 12;

    static final String SGTIN = "urn:epc:id:sgtin:";
    static final String SSCC = "urn:epc:id:sscc:";
    static final String SGLN = "urn:epc:id:sgln:";
    static final String LGTIN = "urn:epc:class:lgtin:";
    static final String SGTIN_PATTERN = "urn:epc:idpat:sgtin:";

    /** GS1 AI encodable character set 82 characters that stand for themselves in an EPC URI (TDS Table A-1). */
    private static final String URI_SAFE = "!'()*+,-.:;=_";
    /** The rest of character set 82, which an EPC URI writes as %XX. */
    private static final String ESCAPED = "\"%&/<>?";

    private static final Linter CSET82 = Linters.standard().get("cset82");

    private EpcUrn() {
    }

    static Epc parse(String urn) {
        if (urn.startsWith(SGTIN)) {
            String[] f = fields(urn, SGTIN, 3, "CompanyPrefix.IndicatorItemReference.Serial");
            return new Sgtin(gtin(urn, SGTIN, f), unescape(urn, lastFieldAt(SGTIN, f), "21", "serial"));
        }
        if (urn.startsWith(LGTIN)) {
            String[] f = fields(urn, LGTIN, 3, "CompanyPrefix.IndicatorItemReference.Lot");
            return new Lgtin(gtin(urn, LGTIN, f), unescape(urn, lastFieldAt(LGTIN, f), "10", "lot"));
        }
        if (urn.startsWith(SGTIN_PATTERN)) {
            String[] f = fields(urn, SGTIN_PATTERN, 3, "CompanyPrefix.IndicatorItemReference.*");
            if (!f[2].equals("*")) {
                throw error(urn, lastFieldAt(SGTIN_PATTERN, f), urn.length(),
                        "only the GTIN-level pattern CompanyPrefix.IndicatorItemReference.* is supported");
            }
            return new SgtinPattern(gtin(urn, SGTIN_PATTERN, f));
        }
        if (urn.startsWith(SSCC)) {
            String[] f = fields(urn, SSCC, 2, "CompanyPrefix.ExtensionSerialReference");
            checkDigits(urn, SSCC, f, 17, "SSCC");
            return new SsccEpc(Sscc.withCheckDigit(f[1].charAt(0) + f[0] + f[1].substring(1)));
        }
        if (urn.startsWith(SGLN)) {
            String[] f = fields(urn, SGLN, 3, "CompanyPrefix.LocationReference.Extension");
            checkDigits(urn, SGLN, f, 12, "SGLN");
            String ext = unescape(urn, lastFieldAt(SGLN, f), "254", "extension");
            // TDS: extension 0 stands for "no GLN extension (AI 254)"
            return new Sgln(Gln.withCheckDigit(f[0] + f[1]), ext.equals("0") ? null : ext);
        }
        int scheme = urn.startsWith("urn:epc:") ? urn.indexOf(':', urn.indexOf(':', 8) + 1) + 1 : 0;
        throw error(urn, 0, scheme > 0 ? scheme : Math.min(urn.length(), 8),
                "unsupported EPC URN scheme (supported: sgtin, sscc, sgln, lgtin class, sgtin idpat)");
    }

    /** The body's dot-separated fields; the last one may itself contain dots (serials may). */
    private static String[] fields(String urn, String prefix, int count, String form) {
        String[] f = urn.substring(prefix.length()).split("\\.", count);
        if (f.length != count) {
            throw error(urn, prefix.length(), urn.length(), "expected " + prefix + form);
        }
        return f;
    }

    private static int lastFieldAt(String prefix, String[] f) {
        return prefix.length() + f[0].length() + f[1].length() + 2;
    }

    private static Gtin gtin(String urn, String prefix, String[] f) {
        checkDigits(urn, prefix, f, 13, "GTIN");
        return Gtin.withCheckDigit(f[1].charAt(0) + f[0] + f[1].substring(1));
    }

    /**
     * Checks the company prefix and reference fields: digits only, a prefix of 6 to 12 digits, and together the
     * key's length without its check digit (indicator or extension digit included).
     */
    private static void checkDigits(String urn, String prefix, String[] f, int total, String key) {
        int at = prefix.length();
        checkAllDigits(urn, at, f[0], key);
        checkAllDigits(urn, at + f[0].length() + 1, f[1], key);
        if (f[0].length() < MIN_GCP_LENGTH || f[0].length() > MAX_GCP_LENGTH) {
            throw error(urn, at, at + f[0].length(), "company prefix must have " + MIN_GCP_LENGTH + " to "
                    + MAX_GCP_LENGTH + " digits, not " + f[0].length());
        }
        if (f[0].length() + f[1].length() != total) {
            throw error(urn, at, at + f[0].length() + 1 + f[1].length(), "company prefix and reference must have "
                    + total + " digits together for an " + key + ", not " + (f[0].length() + f[1].length()));
        }
    }

    private static void checkAllDigits(String urn, int at, String field, String key) {
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c < '0' || c > '9') {
                throw error(urn, at + i, at + i + 1, "non-digit '" + c + "' in the " + key + " fields at position "
                        + (at + i));
            }
        }
    }

    // ---- splitting keys at the company prefix ----

    /** The company prefix length of {@code key} from {@code gcpPosition}, which must leave room for the rest. */
    static int gcpLength(GcpLengthResolver resolver, String key, int gcpPosition) {
        int len = resolver.gcpLength(key.substring(gcpPosition));
        if (len == GcpLengthResolver.UNKNOWN) {
            throw new Gs1Exception(null, "GCP_LENGTH_UNKNOWN", key, gcpPosition, key.length() - 1,
                    "GS1 Company Prefix length unknown for key " + key + "; configure it as a prefix override");
        }
        if (len < MIN_GCP_LENGTH || len > MAX_GCP_LENGTH || gcpPosition + len > key.length() - 1) {
            throw new Gs1Exception(null, "GCP_LENGTH_INVALID", key, gcpPosition, key.length() - 1,
                    "GS1 Company Prefix length " + len + " does not fit key " + key);
        }
        return len;
    }

    /** {@code CompanyPrefix.IndicatorItemReference} of a GTIN (also the SSCC's prefix.extension-serial form). */
    static String splitWithLeadingDigit(String key, GcpLengthResolver resolver) {
        int len = gcpLength(resolver, key, 1);
        return key.substring(1, 1 + len) + "." + key.charAt(0) + key.substring(1 + len, key.length() - 1);
    }

    /** {@code CompanyPrefix.LocationReference} of a GLN. */
    static String splitGln(String gln, GcpLengthResolver resolver) {
        int len = gcpLength(resolver, gln, 0);
        return gln.substring(0, len) + "." + gln.substring(len, 12);
    }

    // ---- serial / lot / extension components ----

    /** Checks a serial, lot or extension: 1 to the AI's maximum characters of GS1 character set 82. */
    static String checkComponent(String value, String ai, String what) {
        if (value == null || value.isEmpty()) {
            throw new Gs1Exception(ai, "EPC_COMPONENT_EMPTY", value, -1, -1, "the " + what + " is required");
        }
        int max = AiTable.standard().get(ai).maxLength();
        if (value.length() > max) {
            throw new Gs1Exception(ai, "EPC_COMPONENT_TOO_LONG", value, max, value.length(),
                    "the " + what + " has " + value.length() + " characters; AI (" + ai + ") allows " + max);
        }
        LintError bad = CSET82.lint(value, 0, value.length());
        if (bad != null) {
            throw new Gs1Exception(ai, bad.code(), value, bad.start(), bad.end(), "the " + what
                    + " contains a character outside GS1 character set 82 at position " + bad.start());
        }
        return value;
    }

    static String escape(String value) {
        StringBuilder b = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (ESCAPED.indexOf(c) >= 0) {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Reads the escaped last field of a URN from {@code start}; errors point at the URN position. */
    private static String unescape(String urn, int start, String ai, String what) {
        int end = urn.length();
        StringBuilder b = new StringBuilder(end - start);
        int[] from = new int[end - start + 1]; // URN position of each decoded character, then the end
        for (int i = start; i < end; i++) {
            char c = urn.charAt(i);
            from[b.length()] = i;
            if (c == '%') {
                int hi = i + 2 < end ? Character.digit(urn.charAt(i + 1), 16) : -1;
                int lo = i + 2 < end ? Character.digit(urn.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0) {
                    throw error(urn, i, Math.min(end, i + 3), "bad escape in the " + what + " at position " + i
                            + " (must be %XX)");
                }
                b.append((char) (hi * 16 + lo));
                i += 2;
            } else if (isUriSafe(c)) {
                b.append(c);
            } else {
                throw error(urn, i, i + 1, "character '" + c + "' in the " + what + " at position " + i
                        + " must be %-escaped in an EPC URN");
            }
        }
        from[b.length()] = end;
        String value = b.toString();
        try {
            return checkComponent(value, ai, what);
        } catch (Gs1Exception e) {
            int s = e.start() < 0 ? start : from[e.start()];
            int t = e.start() < 0 ? end : from[e.end()];
            throw new Gs1Exception(ai, e.rule(), urn, s, t, e.getMessage() + " (URN position " + s + "): " + urn);
        }
    }

    private static boolean isUriSafe(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || URI_SAFE.indexOf(c) >= 0;
    }

    private static Gs1Exception error(String urn, int start, int end, String detail) {
        return new Gs1Exception(null, "EPC_URN", urn, start, end, detail + ": " + urn);
    }
}
