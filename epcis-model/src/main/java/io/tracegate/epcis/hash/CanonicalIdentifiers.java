package io.tracegate.epcis.hash;

import io.tracegate.gs1.CheckDigit;

/**
 * Rewrites identifiers into the form CBV 2.0 event hashing compares: every EPC URN (instance, class, GTIN pattern)
 * and every GS1 Digital Link URI on any domain becomes the canonical Digital Link on {@code https://id.gs1.org} with
 * only the most fine-grained key (01, 01+21, 01+10, 01+235, 00, 414(+254), 417, 253, 255, 401, 402, 8003, 8004,
 * 8006(+21|+10), 8010(+8011), 8013, 8017, 8018); query strings are dropped. Anything else is kept as written.
 *
 * <p>Hand-written string work rather than {@code Epc.parse} + {@code toDigitalLink()}: hashing runs once per EPC
 * of every event and must not allocate more than the result. Well-formedness is checked only as far as needed to
 * build the key (digits where digits go, key lengths); identifier validation belongs to the validation layers.
 */
final class CanonicalIdentifiers {

    static final String STEM = "https://id.gs1.org/";
    private static final String SGTIN = "urn:epc:id:sgtin:";

    private CanonicalIdentifiers() {
    }

    /** Appends the canonical form of {@code id} (already trimmed) to {@code out}. */
    static void append(String id, StringBuilder out) {
        int mark = out.length();
        boolean done;
        if (id.startsWith("urn:epc:")) {
            done = appendUrn(id, out);
        } else if (id.startsWith("https://") || id.startsWith("http://")) {
            done = appendDigitalLink(id, out);
        } else {
            done = false;
        }
        if (!done) {
            out.setLength(mark);
            out.append(id);
        }
    }

    // ---- EPC URNs (GS1 Tag Data Standard pure identities, classes, GTIN patterns) ----

    private static boolean appendUrn(String urn, StringBuilder out) {
        if (urn.startsWith(SGTIN)) { // most EPCs of a DSCSA event: no scheme lookup
            return appendGtinKey(urn, SGTIN.length(), "/21/", out);
        }
        int colon = urn.indexOf(':', 8);
        if (colon < 0) {
            return false;
        }
        int schemeEnd = urn.indexOf(':', colon + 1);
        if (schemeEnd < 0) {
            return false;
        }
        String kind = urn.substring(8, colon);
        String scheme = urn.substring(colon + 1, schemeEnd);
        int body = schemeEnd + 1;
        return switch (kind) {
            case "id" -> appendInstance(scheme, urn, body, out);
            case "class" -> scheme.equals("lgtin") && appendGtinKey(urn, body, "/10/", out);
            case "idpat" -> scheme.equals("sgtin") && urn.endsWith(".*") && urn.indexOf('*') == urn.length() - 1
                    && appendGtinPattern(urn, body, out);
            default -> false;
        };
    }

    private static boolean appendInstance(String scheme, String urn, int body, StringBuilder out) {
        return switch (scheme) {
            case "sgtin" -> appendGtinKey(urn, body, "/21/", out);
            case "sscc" -> appendSscc(urn, body, out);
            case "sgln" -> appendSgln(urn, body, out);
            case "grai" -> appendKeyWithSerial(urn, body, "8003/0", 12, true, "", out);
            case "giai" -> appendKeyWithAlpha(urn, body, "8004/", out);
            case "gsrn" -> appendNumericKey(urn, body, "8018/", 17, out);
            case "gsrnp" -> appendNumericKey(urn, body, "8017/", 17, out);
            case "gdti" -> appendKeyWithSerial(urn, body, "253/", 12, true, "", out);
            case "sgcn" -> appendKeyWithSerial(urn, body, "255/", 12, true, "", out);
            case "cpi" -> appendKeyWithSerial(urn, body, "8010/", -1, false, "/8011/", out);
            case "ginc" -> appendKeyWithAlpha(urn, body, "401/", out);
            case "gsin" -> appendNumericKey(urn, body, "402/", 16, out);
            case "pgln" -> appendNumericKey(urn, body, "417/", 12, out);
            case "upui" -> appendGtinKey(urn, body, "/235/", out);
            case "itip" -> appendItip(urn, body, out);
            default -> false;
        };
    }

    /** {@code GCP.IndicatorItemRef.Rest} (SGTIN, LGTIN, UPUI): {@code 01/<GTIN-14><qualifier><Rest>}. */
    private static boolean appendGtinKey(String urn, int body, String qualifier, StringBuilder out) {
        int dot1 = urn.indexOf('.', body);
        int dot2 = dot1 < 0 ? -1 : urn.indexOf('.', dot1 + 1);
        if (dot2 < 0 || dot2 == urn.length() - 1) {
            return false;
        }
        out.append(STEM).append("01/");
        if (!appendGtin(urn, body, dot1, dot2, out)) {
            return false;
        }
        out.append(qualifier);
        return appendDecodedUrnPart(urn, dot2 + 1, urn.length(), out);
    }

    private static boolean appendGtinPattern(String urn, int body, StringBuilder out) {
        int dot1 = urn.indexOf('.', body);
        int dot2 = dot1 < 0 ? -1 : urn.indexOf('.', dot1 + 1);
        if (dot2 != urn.length() - 2) {
            return false;
        }
        out.append(STEM).append("01/");
        return appendGtin(urn, body, dot1, dot2, out);
    }

    /** GTIN-14 from {@code GCP} = urn[body, dot1) and {@code IndicatorItemRef} = urn[dot1+1, dot2). */
    private static boolean appendGtin(String urn, int body, int dot1, int dot2, StringBuilder out) {
        if (dot1 <= body || dot2 - dot1 < 2 || (dot1 - body) + (dot2 - dot1 - 1) != 13) {
            return false;
        }
        int start = out.length();
        out.append(urn.charAt(dot1 + 1)).append(urn, body, dot1).append(urn, dot1 + 2, dot2);
        return appendCheckDigit(out, start);
    }

    /** {@code GCP.ExtensionSerialRef}: {@code 00/<ext><GCP><serialRef><check>}. */
    private static boolean appendSscc(String urn, int body, StringBuilder out) {
        int dot = urn.indexOf('.', body);
        if (dot <= body || dot == urn.length() - 1 || urn.length() - body - 1 != 17) {
            return false;
        }
        out.append(STEM).append("00/");
        int start = out.length();
        out.append(urn.charAt(dot + 1)).append(urn, body, dot).append(urn, dot + 2, urn.length());
        return appendCheckDigit(out, start);
    }

    /** {@code GCP.LocationRef.Extension}: {@code 414/<GLN>} plus {@code /254/<ext>} unless the extension is 0. */
    private static boolean appendSgln(String urn, int body, StringBuilder out) {
        int dot1 = urn.indexOf('.', body);
        int dot2 = dot1 < 0 ? -1 : urn.indexOf('.', dot1 + 1);
        if (dot2 < 0 || dot2 == urn.length() - 1 || dot2 - body - 1 != 12) {
            return false;
        }
        out.append(STEM).append("414/");
        int start = out.length();
        out.append(urn, body, dot1).append(urn, dot1 + 1, dot2);
        if (!appendCheckDigit(out, start)) {
            return false;
        }
        if (urn.length() - dot2 == 2 && urn.charAt(dot2 + 1) == '0') {
            return true;
        }
        out.append("/254/");
        return appendDecodedUrnPart(urn, dot2 + 1, urn.length(), out);
    }

    /**
     * {@code GCP.Ref.Serial} (GRAI, GDTI, SGCN, CPI): the key {@code GCP+Ref} (numeric with a check digit over
     * {@code digits} digits, or CPI's free text), then the serial directly or after a qualifier.
     */
    private static boolean appendKeyWithSerial(String urn, int body, String ai, int digits, boolean checkDigit,
                                               String serialQualifier, StringBuilder out) {
        int dot1 = urn.indexOf('.', body);
        int dot2 = dot1 < 0 ? -1 : urn.indexOf('.', dot1 + 1);
        if (dot1 <= body || dot2 < 0) {
            return false;
        }
        out.append(STEM).append(ai);
        int start = out.length();
        out.append(urn, body, dot1);
        if (checkDigit) {
            if (dot2 - body - 1 != digits) {
                return false;
            }
            out.append(urn, dot1 + 1, dot2);
            if (!appendCheckDigit(out, start)) {
                return false;
            }
        } else if (!appendDecodedUrnPart(urn, dot1 + 1, dot2, out)) {
            return false;
        }
        out.append(serialQualifier);
        return dot2 == urn.length() - 1 ? serialQualifier.isEmpty() : appendDecodedUrnPart(urn, dot2 + 1,
                urn.length(), out);
    }

    /** {@code GCP.Ref} with a numeric key of {@code digits} digits before its check digit (GSRN, GSIN, PGLN). */
    private static boolean appendNumericKey(String urn, int body, String ai, int digits, StringBuilder out) {
        int dot = urn.indexOf('.', body);
        if (dot <= body || urn.indexOf('.', dot + 1) >= 0 || urn.length() - body - 1 != digits) {
            return false;
        }
        out.append(STEM).append(ai);
        int start = out.length();
        out.append(urn, body, dot).append(urn, dot + 1, urn.length());
        return appendCheckDigit(out, start);
    }

    /** {@code GCP.Ref} with a free-text reference (GIAI, GINC). */
    private static boolean appendKeyWithAlpha(String urn, int body, String ai, StringBuilder out) {
        int dot = urn.indexOf('.', body);
        if (dot <= body || dot == urn.length() - 1 || !allDigits(urn, body, dot)) {
            return false;
        }
        out.append(STEM).append(ai).append(urn, body, dot);
        return appendDecodedUrnPart(urn, dot + 1, urn.length(), out);
    }

    /** {@code GCP.IndicatorItemRef.Piece.Total.Serial}: {@code 8006/<GTIN-14><piece><total>/21/<serial>}. */
    private static boolean appendItip(String urn, int body, StringBuilder out) {
        int dot1 = urn.indexOf('.', body);
        int dot2 = dot1 < 0 ? -1 : urn.indexOf('.', dot1 + 1);
        int dot3 = dot2 < 0 ? -1 : urn.indexOf('.', dot2 + 1);
        int dot4 = dot3 < 0 ? -1 : urn.indexOf('.', dot3 + 1);
        if (dot4 < 0 || dot3 - dot2 != 3 || dot4 - dot3 != 3 || !allDigits(urn, dot2 + 1, dot3)
                || !allDigits(urn, dot3 + 1, dot4) || dot4 == urn.length() - 1) {
            return false;
        }
        out.append(STEM).append("8006/");
        if (!appendGtin(urn, body, dot1, dot2, out)) {
            return false;
        }
        out.append(urn, dot2 + 1, dot3).append(urn, dot3 + 1, dot4).append("/21/");
        return appendDecodedUrnPart(urn, dot4 + 1, urn.length(), out);
    }

    /** Appends the check digit of the digits written from {@code start}; false when one is not a digit. */
    private static boolean appendCheckDigit(StringBuilder out, int start) {
        int check = CheckDigit.compute(out, start, out.length());
        if (check < 0) {
            return false;
        }
        out.append((char) ('0' + check));
        return true;
    }

    /** A URN field ({@code %XX} escapes) re-encoded for a Digital Link path. */
    private static boolean appendDecodedUrnPart(String urn, int from, int to, StringBuilder out) {
        for (int i = from; i < to; i++) {
            char c = urn.charAt(i);
            if (c == '%') {
                int hi = i + 2 < to ? Character.digit(urn.charAt(i + 1), 16) : -1;
                int lo = hi < 0 ? -1 : Character.digit(urn.charAt(i + 2), 16);
                if (lo < 0) {
                    return false;
                }
                appendPathChar((char) (hi * 16 + lo), out);
                i += 2;
            } else {
                appendPathChar(c, out);
            }
        }
        return true;
    }

    // ---- GS1 Digital Link URIs on any domain ----

    private static boolean appendDigitalLink(String uri, StringBuilder out) {
        int pathStart = uri.indexOf('/', uri.indexOf("//") + 2);
        if (pathStart < 0) {
            return false;
        }
        int end = uri.length();
        for (int i = pathStart; i < end; i++) {
            char c = uri.charAt(i);
            if (c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        // The primary key is the first "/<key AI>/<value>" pair; a custom domain may put a path prefix before it.
        int seg = pathStart;
        while (seg < end) {
            int aiEnd = uri.indexOf('/', seg + 1);
            if (aiEnd < 0 || aiEnd >= end) {
                return false;
            }
            String qualifiers = qualifiersOf(uri, seg + 1, aiEnd);
            if (qualifiers != null) {
                int valueEnd = segmentEnd(uri, aiEnd + 1, end);
                if (valueEnd == aiEnd + 1 || numericKey(uri, seg + 1, aiEnd) && !allDigits(uri, aiEnd + 1, valueEnd)) {
                    return false;
                }
                out.append(STEM).append(uri, seg + 1, aiEnd).append('/');
                appendKeyValue(uri, seg + 1, aiEnd, aiEnd + 1, valueEnd, out);
                return appendQualifiers(uri, valueEnd, end, qualifiers, out);
            }
            seg = aiEnd;
        }
        return false;
    }

    /**
     * For a primary key AI, the qualifier AIs the canonical form keeps, most fine-grained first, space-separated
     * ("" for none); null when {@code uri[from, to)} is not a primary key AI.
     */
    private static String qualifiersOf(String uri, int from, int to) {
        return switch (to - from) {
            case 2 -> uri.startsWith("01", from) ? "21 235 10" : uri.startsWith("00", from) ? "" : null;
            case 3 -> {
                if (uri.startsWith("414", from)) {
                    yield "254";
                }
                yield uri.startsWith("417", from) || uri.startsWith("253", from) || uri.startsWith("255", from)
                        || uri.startsWith("401", from) || uri.startsWith("402", from) ? "" : null;
            }
            case 4 -> {
                if (uri.startsWith("8006", from)) {
                    yield "21 10";
                }
                if (uri.startsWith("8010", from)) {
                    yield "8011";
                }
                yield uri.startsWith("8003", from) || uri.startsWith("8004", from) || uri.startsWith("8013", from)
                        || uri.startsWith("8017", from) || uri.startsWith("8018", from) ? "" : null;
            }
            default -> null;
        };
    }

    /** Keys that are digits only (GTIN, SSCC, GLN, PGLN, GSIN, GSRN): a path with other characters is no key. */
    private static boolean numericKey(String uri, int from, int to) {
        return switch (to - from) {
            case 2 -> true; // 00, 01
            case 3 -> uri.startsWith("414", from) || uri.startsWith("417", from) || uri.startsWith("402", from);
            case 4 -> uri.startsWith("8017", from) || uri.startsWith("8018", from);
            default -> false;
        };
    }

    /** The key value; a GTIN shorter than 14 digits (GTIN-8/12/13) is zero-padded as the canonical form is. */
    private static void appendKeyValue(String uri, int aiFrom, int aiTo, int from, int to, StringBuilder out) {
        if (aiTo - aiFrom == 2 && uri.startsWith("01", aiFrom) && to - from < 14 && to - from >= 8) {
            for (int i = to - from; i < 14; i++) {
                out.append('0');
            }
        }
        appendDecodedPathPart(uri, from, to, out);
    }

    /** Keeps the first of the wanted qualifiers present among the path pairs in {@code uri[from, end)}. */
    private static boolean appendQualifiers(String uri, int from, int end, String wanted, StringBuilder out) {
        if (wanted.isEmpty()) {
            return true;
        }
        int start = 0;
        while (start < wanted.length()) {
            int space = wanted.indexOf(' ', start);
            int stop = space < 0 ? wanted.length() : space;
            int pos = from;
            while (pos < end) {
                int aiEnd = segmentEnd(uri, pos + 1, end);
                int valueEnd = aiEnd >= end ? end : segmentEnd(uri, aiEnd + 1, end);
                if (aiEnd - pos - 1 == stop - start && uri.regionMatches(pos + 1, wanted, start, stop - start)) {
                    out.append('/').append(wanted, start, stop).append('/');
                    appendDecodedPathPart(uri, aiEnd + 1, valueEnd, out);
                    return true;
                }
                pos = valueEnd;
            }
            start = stop + 1;
        }
        return true;
    }

    private static int segmentEnd(String uri, int from, int end) {
        int slash = uri.indexOf('/', from);
        return slash < 0 || slash > end ? end : slash;
    }

    /** A Digital Link path segment, percent-decoded and re-encoded canonically. */
    private static void appendDecodedPathPart(String uri, int from, int to, StringBuilder out) {
        for (int i = from; i < to; i++) {
            char c = uri.charAt(i);
            if (c == '%' && i + 2 < to) {
                int hi = Character.digit(uri.charAt(i + 1), 16);
                int lo = Character.digit(uri.charAt(i + 2), 16);
                if (hi >= 0 && lo >= 0) {
                    appendPathChar((char) (hi * 16 + lo), out);
                    i += 2;
                    continue;
                }
            }
            appendPathChar(c, out);
        }
    }

    /** Writes one (ASCII, GS1 character set 82) character as a Digital Link path does: unreserved as is. */
    private static void appendPathChar(char c, StringBuilder out) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~') {
            out.append(c);
        } else {
            out.append('%').append(HEX_UPPER[(c >> 4) & 0xF]).append(HEX_UPPER[c & 0xF]);
        }
    }

    private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();

    private static boolean allDigits(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
