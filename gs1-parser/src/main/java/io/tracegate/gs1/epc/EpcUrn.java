package io.tracegate.gs1.epc;

import io.tracegate.gs1.CheckDigit;
import io.tracegate.gs1.Gln;
import io.tracegate.gs1.Gs1Exception;
import io.tracegate.gs1.Gtin;
import io.tracegate.gs1.Sscc;
import io.tracegate.gs1.ai.AiTable;
import io.tracegate.gs1.lint.LintError;
import io.tracegate.gs1.lint.Linter;
import io.tracegate.gs1.lint.Linters;
import java.nio.charset.StandardCharsets;

/**
 * EPC pure identity URNs as the GS1 Tag Data Standard writes them: reading them into {@link Epc} values, splitting
 * keys at the company prefix, and the escaping of serials, lots and extensions.
 *
 * <p>Reading runs for every EPC of every event of a document, so it scans the URN in place: fields are found with
 * {@code indexOf}, characters checked against a table, and a serial is copied out as it stands unless it holds a
 * {@code %} escape. The rule codes are those listed on {@link Epc}.
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

    /** The characters of GS1 character set 82 that an EPC URN writes as %XX (TDS Table A-1). */
    private static final String ESCAPED = "\"%&/<>?";
    /** Which ASCII characters stand for themselves in an EPC URN: the rest of character set 82 (TDS Table A-1). */
    private static final boolean[] URN_SAFE = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            URN_SAFE[c] = true;
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            URN_SAFE[c] = true;
            URN_SAFE[c + ('a' - 'A')] = true;
        }
        for (char c : "!'()*+,-.:;=_".toCharArray()) {
            URN_SAFE[c] = true;
        }
    }

    private static final Linter CSET82 = Linters.standard().get("cset82");

    /** A serial, lot or GLN extension: the AI it stands for and the length the AI allows. */
    enum Component {
        SERIAL("21", "serial"), LOT("10", "lot"), EXTENSION("254", "GLN extension");

        final String ai;
        final String what;
        final int maxLength;

        Component(String ai, String what) {
            this.ai = ai;
            this.what = what;
            this.maxLength = AiTable.standard().get(ai).maxLength();
        }

        /** Checks a value given as such (not URN-escaped): 1 to the AI's maximum characters of set 82. */
        String check(String value) {
            if (value == null) {
                throw new Gs1Exception(ai, "EPC_COMPONENT_EMPTY", null, -1, -1, "the " + what + " is required");
            }
            if (value.isEmpty() || value.length() > maxLength) {
                throw new Gs1Exception(ai, "EPC_LENGTH", value, Math.min(maxLength, value.length()), value.length(),
                        lengthMessage(value.length()));
            }
            LintError bad = CSET82.lint(value, 0, value.length());
            if (bad != null) {
                throw new Gs1Exception(ai, "EPC_CSET", value, bad.start(), bad.end(), "the " + what
                        + " contains a character outside GS1 character set 82 at position " + bad.start());
            }
            return value;
        }

        String lengthMessage(int length) {
            return "the " + what + " has " + length + " characters; AI (" + ai + ") allows 1 to " + maxLength;
        }
    }

    private EpcUrn() {
    }

    static Epc parse(String urn) {
        if (urn.startsWith(SGTIN)) {
            String form = "CompanyPrefix.IndicatorItemReference.Serial";
            int dot1 = dot(urn, SGTIN.length(), SGTIN, form);
            int dot2 = dot(urn, dot1 + 1, SGTIN, form);
            Gtin gtin = new Gtin(key(urn, SGTIN.length(), dot1, dot2, true, 13, "GTIN"));
            return new Sgtin(gtin, component(urn, dot2 + 1, Component.SERIAL));
        }
        if (urn.startsWith(SSCC)) {
            int dot1 = dot(urn, SSCC.length(), SSCC, "CompanyPrefix.ExtensionSerialReference");
            int extra = urn.indexOf('.', dot1 + 1);
            if (extra >= 0) {
                throw error("EPC_SYNTAX", urn, extra, urn.length(),
                        "expected " + SSCC + "CompanyPrefix.ExtensionSerialReference, with no further field");
            }
            return new SsccEpc(new Sscc(key(urn, SSCC.length(), dot1, urn.length(), true, 17, "SSCC")));
        }
        if (urn.startsWith(SGLN)) {
            String form = "CompanyPrefix.LocationReference.Extension";
            int dot1 = dot(urn, SGLN.length(), SGLN, form);
            int dot2 = dot(urn, dot1 + 1, SGLN, form);
            Gln gln = new Gln(key(urn, SGLN.length(), dot1, dot2, false, 12, "GLN"));
            // TDS: extension 0 stands for "no GLN extension (AI 254)"
            String extension = component(urn, dot2 + 1, Component.EXTENSION);
            return new Sgln(gln, extension.equals("0") ? null : extension);
        }
        if (urn.startsWith(LGTIN)) {
            String form = "CompanyPrefix.IndicatorItemReference.Lot";
            int dot1 = dot(urn, LGTIN.length(), LGTIN, form);
            int dot2 = dot(urn, dot1 + 1, LGTIN, form);
            Gtin gtin = new Gtin(key(urn, LGTIN.length(), dot1, dot2, true, 13, "GTIN"));
            return new Lgtin(gtin, component(urn, dot2 + 1, Component.LOT));
        }
        if (urn.startsWith(SGTIN_PATTERN)) {
            String form = "CompanyPrefix.IndicatorItemReference.*";
            int dot1 = dot(urn, SGTIN_PATTERN.length(), SGTIN_PATTERN, form);
            int dot2 = dot(urn, dot1 + 1, SGTIN_PATTERN, form);
            int star = urn.indexOf('*', SGTIN_PATTERN.length());
            if (star != dot2 + 1 || star + 1 != urn.length()) {
                int at = star >= 0 && star < dot2 ? star : dot2 + 1;
                throw error("EPC_SCHEME", urn, at, urn.length(),
                        "only the GTIN-level pattern " + SGTIN_PATTERN + form + " is supported");
            }
            return new SgtinPattern(new Gtin(key(urn, SGTIN_PATTERN.length(), dot1, dot2, true, 13, "GTIN")));
        }
        int scheme = urn.startsWith("urn:epc:") ? urn.indexOf(':', urn.indexOf(':', 8) + 1) + 1 : 0;
        throw error("EPC_SCHEME", urn, 0, scheme > 0 ? scheme : Math.min(urn.length(), 8),
                "unsupported EPC URN scheme (supported: sgtin, sscc, sgln, lgtin class, sgtin idpat)");
    }

    /** The dot that ends the field starting at {@code from}; a syntax error naming the URN's form if none does. */
    private static int dot(String urn, int from, String prefix, String form) {
        int dot = urn.indexOf('.', from);
        if (dot < 0) {
            throw error("EPC_SYNTAX", urn, prefix.length(), urn.length(), "expected " + prefix + form);
        }
        return dot;
    }

    /**
     * The key (GTIN, SSCC or GLN, check digit computed) of the company prefix field {@code [gcp, dot)} and the
     * reference field {@code (dot, end)}: digits only, a prefix of 6 to 12 digits, and together the key's
     * {@code digits} without its check digit. With {@code leadingDigit}, the reference's first digit (indicator or
     * extension digit) leads the key.
     */
    private static String key(String urn, int gcp, int dot, int end, boolean leadingDigit, int digits, String key) {
        int gcpLength = dot - gcp;
        int total = gcpLength + end - dot - 1;
        if (gcpLength < MIN_GCP_LENGTH || gcpLength > MAX_GCP_LENGTH || total != digits) {
            for (int i = gcp; i < end; i++) {
                if (i != dot) {
                    digit(urn, i, key); // a stray character is the first thing to point out
                }
            }
            if (gcpLength < MIN_GCP_LENGTH || gcpLength > MAX_GCP_LENGTH) {
                throw error("EPC_GCP_LENGTH", urn, gcp, dot, "company prefix must have " + MIN_GCP_LENGTH + " to "
                        + MAX_GCP_LENGTH + " digits, not " + gcpLength);
            }
            throw error("EPC_LENGTH", urn, gcp, end, "company prefix and reference must have " + digits
                    + " digits together for an " + key + ", not " + total);
        }
        // one pass copies the digits into key order (leading digit first) and checks them
        byte[] k = new byte[digits + 1];
        int at = leadingDigit ? 1 : 0;
        for (int i = gcp; i < dot; i++) {
            k[at++] = digit(urn, i, key);
        }
        int reference = dot + 1;
        if (leadingDigit) {
            k[0] = digit(urn, reference++, key);
        }
        for (int i = reference; i < end; i++) {
            k[at++] = digit(urn, i, key);
        }
        k[digits] = (byte) ('0' + CheckDigit.compute(new AsciiDigits(k), 0, digits));
        return new String(k, StandardCharsets.ISO_8859_1);
    }

    private static byte digit(String urn, int i, String key) {
        char c = urn.charAt(i);
        if (c < '0' || c > '9') {
            throw error("EPC_CSET", urn, i, i + 1, "non-digit '" + c + "' in the " + key + " fields at position " + i);
        }
        return (byte) c;
    }

    /** A key's digits as they are assembled, for {@link CheckDigit}; short-lived, so the JIT need not allocate it. */
    private static final class AsciiDigits implements CharSequence {

        private final byte[] digits;

        AsciiDigits(byte[] digits) {
            this.digits = digits;
        }

        @Override
        public int length() {
            return digits.length;
        }

        @Override
        public char charAt(int index) {
            return (char) digits[index];
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new String(digits, start, end - start, StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * The serial, lot or extension that ends the URN from {@code start}: unescaped when it holds a %XX escape (only
     * then is a new string built), checked for length and character set 82 with errors at URN positions.
     */
    private static String component(String urn, int start, Component c) {
        int end = urn.length();
        int escapes = 0;
        for (int i = start; i < end; i++) {
            char ch = urn.charAt(i);
            if (ch < 128 && URN_SAFE[ch]) {
                continue;
            }
            if (ch == '%') {
                if (i + 2 >= end || Character.digit(urn.charAt(i + 1), 16) < 0
                        || Character.digit(urn.charAt(i + 2), 16) < 0) {
                    throw error(c, "EPC_SYNTAX", urn, i, Math.min(end, i + 3), "bad escape in the " + c.what
                            + " at position " + i + " (must be %XX)");
                }
                escapes++;
                i += 2;
            } else {
                throw error(c, "EPC_CSET", urn, i, i + 1, "character '" + ch + "' in the " + c.what + " at position "
                        + i + (ESCAPED.indexOf(ch) >= 0 ? " must be %-escaped in an EPC URN"
                                : " is not in GS1 character set 82"));
            }
        }
        int length = end - start - 2 * escapes;
        if (length == 0 || length > c.maxLength) {
            int at = length == 0 ? start : urnPosition(urn, start, c.maxLength);
            throw error(c, "EPC_LENGTH", urn, at, end, c.lengthMessage(length) + " (URN position " + at + ")");
        }
        return escapes == 0 ? urn.substring(start, end) : unescape(urn, start, c);
    }

    /** Decodes a component known to be well-formed; an escape that stands for a character outside set 82 fails. */
    private static String unescape(String urn, int start, Component c) {
        StringBuilder b = new StringBuilder(urn.length() - start);
        for (int i = start; i < urn.length(); i++) {
            char ch = urn.charAt(i);
            if (ch == '%') {
                b.append((char) (Character.digit(urn.charAt(i + 1), 16) * 16 + Character.digit(urn.charAt(i + 2), 16)));
                if (CSET82.lint(b, b.length() - 1, b.length()) != null) {
                    throw error(c, "EPC_CSET", urn, i, i + 3, "escape " + urn.substring(i, i + 3) + " in the " + c.what
                            + " at position " + i + " stands for a character outside GS1 character set 82");
                }
                i += 2;
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }

    /** The URN position of the component's {@code decoded}-th character. */
    private static int urnPosition(String urn, int start, int decoded) {
        int at = start;
        for (int k = 0; k < decoded; k++) {
            at += urn.charAt(at) == '%' ? 3 : 1;
        }
        return at;
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

    private static Gs1Exception error(String rule, String urn, int start, int end, String detail) {
        return new Gs1Exception(null, rule, urn, start, end, detail + ": " + urn);
    }

    private static Gs1Exception error(Component c, String rule, String urn, int start, int end, String detail) {
        return new Gs1Exception(c.ai, rule, urn, start, end, detail + ": " + urn);
    }
}
