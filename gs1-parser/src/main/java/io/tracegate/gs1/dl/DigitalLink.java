package io.tracegate.gs1.dl;

import io.tracegate.gs1.AiElement;
import io.tracegate.gs1.ElementString;
import io.tracegate.gs1.Gs1Exception;
import io.tracegate.gs1.Gs1Parser;
import io.tracegate.gs1.ai.AiDefinition;
import io.tracegate.gs1.ai.AiTable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * GS1 Digital Link URIs: parsing into element strings and generating from them, following the GS1 Digital Link
 * standard as the GS1 Syntax Engine implements it (any domain and path prefix; primary key and key qualifiers in
 * the path in {@code dlpkey} order; data attributes in the query).
 */
public final class DigitalLink {

    /** The canonical stem for generated URIs. */
    public static final String CANONICAL_STEM = "https://id.gs1.org";

    private static final String URI_CHARACTERS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%";
    private static final String BAD_DOMAIN_CHARACTERS = "_~?#@!$&'()*+,;=%";
    private static final String[] SCHEMES = {"https://", "HTTPS://", "http://", "HTTP://"};

    private DigitalLink() {
    }

    /** An AI and its decoded value, with the span of the encoded value in the URI (for error positions). */
    private record Part(AiDefinition definition, String value, int start, int end) {

        String ai() {
            return definition.ai();
        }
    }

    /**
     * Parses a GS1 Digital Link URI on any domain: path primary key and qualifiers, query data attributes,
     * percent-decoding. Element values are validated through {@link Gs1Parser#validate}; DL rules (qualifier order,
     * attributes allowed in the query) are checked here. The elements come out in URI order: path, then query.
     */
    public static ElementString parse(String uri, Gs1Parser parser) {
        if (uri == null) {
            throw new Gs1Exception(null, "DL_EMPTY", null, -1, -1, "no Digital Link URI given");
        }
        for (int i = 0; i < uri.length(); i++) {
            if (URI_CHARACTERS.indexOf(uri.charAt(i)) < 0) {
                throw error(uri, i, i + 1, "DL_ILLEGAL_CHARACTER",
                        "URI contains an illegal character " + describe(uri.charAt(i)) + " at position " + i);
            }
        }
        int domainStart = -1;
        for (String scheme : SCHEMES) {
            if (uri.startsWith(scheme)) {
                domainStart = scheme.length();
                break;
            }
        }
        if (domainStart < 0) {
            throw error(uri, 0, Math.min(uri.length(), uri.indexOf(':') + 1), "DL_SCHEME",
                    "URI scheme must be http:// or https:// (all lowercase or all uppercase)");
        }
        int slash = uri.indexOf('/', domainStart);
        int domainEnd = firstOf(uri, domainStart, "/?#");
        if (slash < 0 || slash != domainEnd || slash == domainStart) {
            throw error(uri, domainStart, domainEnd, "DL_NO_DOMAIN_OR_PATH",
                    "URI must contain a domain and path info after the scheme (position " + domainStart + ")");
        }
        for (int i = domainStart; i < domainEnd; i++) {
            if (BAD_DOMAIN_CHARACTERS.indexOf(uri.charAt(i)) >= 0) {
                throw error(uri, i, i + 1, "DL_DOMAIN_CHARACTER",
                        "domain contains an illegal character '" + uri.charAt(i) + "' at position " + i);
            }
        }
        int fragment = uri.indexOf('#', domainEnd);
        int end = fragment < 0 ? uri.length() : fragment;
        int query = uri.indexOf('?', domainEnd);
        int pathEnd = query < 0 || query > end ? end : query;

        List<Part> parts = parsePath(uri, domainEnd, pathEnd, parser);
        int pathCount = parts.size();
        if (pathEnd < end) {
            parseQuery(uri, pathEnd + 1, end, parser, parts);
        }
        checkKeyQualifiers(uri, parts, pathCount);
        checkAttributes(uri, parts, pathCount);

        List<AiElement> elements = new ArrayList<>(parts.size());
        for (Part p : parts) {
            elements.add(new AiElement(p.ai(), p.value()));
        }
        try {
            return parser.validate(elements);
        } catch (Gs1Exception e) {
            throw locate(uri, parts, e);
        }
    }

    /**
     * Finds the primary key by walking {@code /AI/value} pairs back from the end of the path (so that a stem may
     * itself contain AI-like segments) and decodes the key and every pair after it.
     */
    private static List<Part> parsePath(String uri, int start, int end, Gs1Parser parser) {
        List<Integer> bounds = new ArrayList<>(); // start offset of each segment (just after its '/')
        for (int i = start; i < end; i++) {
            if (uri.charAt(i) == '/') {
                bounds.add(i + 1);
            }
        }
        int n = bounds.size();
        AiTable table = AiTable.standard();
        int keyIndex = -1;
        for (int i = n - 2; i >= 0; i -= 2) {
            AiDefinition d = table.get(segment(uri, bounds, i, end));
            if (d == null) {
                break;
            }
            if (d.dlPrimaryKey()) {
                keyIndex = i;
                break;
            }
        }
        if (keyIndex < 0) {
            throw error(uri, start, end, "DL_NO_KEY", "no GS1 Digital Link primary key found in the path info");
        }
        List<Part> parts = new ArrayList<>();
        for (int i = keyIndex; i < n; i += 2) {
            AiDefinition d = table.get(segment(uri, bounds, i, end));
            int vs = bounds.get(i + 1);
            int ve = i + 2 < n ? bounds.get(i + 2) - 1 : end;
            if (vs == ve) {
                throw error(uri, vs, ve, d.ai(), "DL_EMPTY_VALUE",
                        "AI (" + d.ai() + ") value path element is empty at position " + vs);
            }
            String value = decode(uri, vs, ve, false, d.ai(), "path info");
            parts.add(new Part(d, zeroPad(d, value, parser), vs, ve));
        }
        return parts;
    }

    private static void parseQuery(String uri, int start, int end, Gs1Parser parser, List<Part> parts) {
        AiTable table = AiTable.standard();
        int p = start;
        while (p < end) {
            int amp = uri.indexOf('&', p);
            int pe = amp < 0 || amp > end ? end : amp;
            int eq = uri.indexOf('=', p);
            // Parameters that are not numeric (or have no value) are not AI data: the standard says to ignore them.
            if (pe > p && eq >= 0 && eq < pe && eq > p && allDigits(uri, p, eq)) {
                String ai = uri.substring(p, eq);
                AiDefinition d = table.get(ai);
                if (d == null) {
                    if (parser.options().permitUnknownAis() && ai.length() >= 2 && ai.length() <= 4) {
                        throw error(uri, p, eq, ai, "DL_NOT_DATA_ATTRIBUTE",
                                "AI (" + ai + ") is not a valid Digital Link data attribute (position " + p + ")");
                    }
                    throw error(uri, p, eq, ai, "DL_UNKNOWN_AI",
                            "unknown AI (" + ai + ") in query parameters at position " + p);
                }
                if (eq + 1 == pe) {
                    throw error(uri, p, pe, ai, "DL_EMPTY_VALUE",
                            "AI (" + ai + ") value query element is empty at position " + (eq + 1));
                }
                String value = decode(uri, eq + 1, pe, true, ai, "query params");
                parts.add(new Part(d, zeroPad(d, value, parser), eq + 1, pe));
            }
            p = pe + 1;
        }
    }

    /** The path AIs must be the key followed by qualifiers in one of its {@code dlpkey} orders (each optional). */
    private static void checkKeyQualifiers(String uri, List<Part> parts, int pathCount) {
        List<String> qualifiers = new ArrayList<>();
        for (int i = 1; i < pathCount; i++) {
            qualifiers.add(parts.get(i).ai());
        }
        if (qualifiers.isEmpty()) {
            return;
        }
        for (List<String> path : parts.get(0).definition().dlQualifierPaths()) {
            if (isOrderedSubset(qualifiers, path)) {
                return;
            }
        }
        Part first = parts.get(1);
        throw error(uri, first.start(), parts.get(pathCount - 1).end(), first.ai(), "DL_KEY_QUALIFIER_SEQUENCE",
                "the AIs in the path " + qualifiers + " are not a valid key-qualifier sequence for key ("
                        + parts.get(0).ai() + "), which allows " + describePaths(parts.get(0).definition()));
    }

    /** Query AIs: no repeats, only data attributes, and none that would fit the path as a qualifier. */
    private static void checkAttributes(String uri, List<Part> parts, int pathCount) {
        Part key = parts.get(0);
        List<String> pathQualifiers = new ArrayList<>();
        for (int i = 1; i < pathCount; i++) {
            pathQualifiers.add(parts.get(i).ai());
        }
        for (int i = pathCount; i < parts.size(); i++) {
            Part q = parts.get(i);
            for (int j = 0; j < i; j++) {
                if (parts.get(j).ai().equals(q.ai())) {
                    throw error(uri, q.start(), q.end(), q.ai(), "DL_DUPLICATE_AI",
                            "AI (" + q.ai() + ") is duplicated (query parameter at position " + q.start() + ")");
                }
            }
            if (!q.definition().dlDataAttribute()) {
                throw error(uri, q.start(), q.end(), q.ai(), "DL_NOT_DATA_ATTRIBUTE",
                        "AI (" + q.ai() + ") is not a valid Digital Link data attribute (position " + q.start() + ")");
            }
            for (List<String> path : key.definition().dlQualifierPaths()) {
                if (path.contains(q.ai()) && isOrderedSubset(pathQualifiers, path)) {
                    throw error(uri, q.start(), q.end(), q.ai(), "DL_ATTRIBUTE_BELONGS_IN_PATH",
                            "AI (" + q.ai() + ") from the query params should be in the path info as a qualifier"
                                    + " of key (" + key.ai() + ") (position " + q.start() + ")");
                }
            }
        }
    }

    /**
     * Generates the URI for these elements on the given stem ({@link #CANONICAL_STEM} when null): the first
     * primary key AI and the key qualifiers present (choosing the {@code dlpkey} order that carries most of them)
     * in the path, every other AI as a query attribute, predefined-length AIs first and otherwise in the given
     * order (as the GS1 Syntax Engine does). Repeated AIs are written once.
     */
    public static String generate(ElementString elements, String stem) {
        List<AiElement> all = elements.elements();
        AiTable table = AiTable.standard();
        AiDefinition key = null;
        for (AiElement e : all) {
            AiDefinition d = table.get(e.ai());
            if (d != null && d.dlPrimaryKey()) {
                key = d;
                break;
            }
        }
        if (key == null) {
            throw new Gs1Exception(null, "DL_NO_PRIMARY_KEY", elements.toString(), -1, -1,
                    "cannot create a Digital Link URI without a primary key AI");
        }
        List<String> path = new ArrayList<>();
        path.add(key.ai());
        List<String> best = List.of();
        for (List<String> alternative : key.dlQualifierPaths()) {
            List<String> present = alternative.stream().filter(q -> elements.get(q) != null).toList();
            if (present.size() > best.size()) {
                best = present;
            }
        }
        path.addAll(best);

        String base = stem == null ? CANONICAL_STEM : stem;
        StringBuilder b = new StringBuilder(base.length() + 64);
        b.append(base, 0, base.endsWith("/") ? base.length() - 1 : base.length());
        for (String ai : path) {
            b.append('/').append(ai).append('/');
            encode(elements.get(ai), b);
        }
        List<String> emitted = new ArrayList<>(path);
        char sep = '?';
        for (boolean fixedPass : new boolean[] {true, false}) {
            for (AiElement e : all) {
                AiDefinition d = table.get(e.ai());
                boolean fixed = d != null && d.predefinedLength();
                if (fixed != fixedPass || emitted.contains(e.ai())) {
                    continue;
                }
                if (d == null || !d.dlDataAttribute()) {
                    throw new Gs1Exception(e.ai(), "DL_NOT_DATA_ATTRIBUTE", elements.toString(), -1, -1,
                            "cannot create a Digital Link URI: AI (" + e.ai() + ") is not a valid data attribute");
                }
                emitted.add(e.ai());
                b.append(sep).append(e.ai()).append('=');
                encode(e.value(), b);
                sep = '&';
            }
        }
        return b.toString();
    }

    /**
     * The canonical Digital Link of a primary key with at most one key qualifier: what {@link #generate} makes of
     * those elements on {@link #CANONICAL_STEM}, built directly (a capture makes one for every EPC it names).
     *
     * @param qualifierAi null for a key without a qualifier
     */
    public static String canonical(String keyAi, String key, String qualifierAi, String qualifier) {
        StringBuilder b = new StringBuilder(CANONICAL_STEM.length() + 48);
        b.append(CANONICAL_STEM).append('/').append(keyAi).append('/');
        encode(key, b);
        if (qualifierAi != null) {
            b.append('/').append(qualifierAi).append('/');
            encode(qualifier, b);
        }
        return b.toString();
    }

    // ---- helpers ----

    /** Percent-encodes everything but the URI unreserved characters (so {@code +} is always {@code %2B}). */
    private static void encode(String value, StringBuilder out) {
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append(c);
            } else {
                // the rest byte by byte (keys and serials are ASCII: this is the rare path)
                encodeBytes(value.substring(i), out);
                return;
            }
        }
    }

    private static void encodeBytes(String value, StringBuilder out) {
        for (byte x : value.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
    }

    /**
     * Reverses percent-encoding of {@code uri[start, end)}; in the query {@code +} means space, in the path it is a
     * literal plus. A {@code %} not followed by two hex digits stays literal. An encoded NUL is an error.
     */
    private static String decode(String uri, int start, int end, boolean query, String ai, String where) {
        StringBuilder b = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            char c = uri.charAt(i);
            int hi = i + 2 < end ? Character.digit(uri.charAt(i + 1), 16) : -1;
            int lo = i + 2 < end ? Character.digit(uri.charAt(i + 2), 16) : -1;
            if (c == '%' && hi >= 0 && lo >= 0) {
                int v = hi * 16 + lo;
                if (v == 0) {
                    throw error(uri, i, i + 3, ai, "DL_NULL_CHARACTER",
                            "decoded AI (" + ai + ") value from the " + where + " contains an illegal NUL"
                                    + " character (%00 at position " + i + ")");
                }
                b.append((char) v);
                i += 2;
            } else if (c == '+' && query) {
                b.append(' ');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** The legacy rule (engine option {@code zs}): a GTIN-8/12/13 under AI (01) is padded to 14 digits. */
    private static String zeroPad(AiDefinition d, String value, Gs1Parser parser) {
        int n = value.length();
        if (parser.options().permitZeroSuppressedGtin() && d.ai().equals("01") && (n == 8 || n == 12 || n == 13)) {
            return "0".repeat(14 - n) + value;
        }
        return value;
    }

    /**
     * Re-anchors a validation error on the URI. {@link Gs1Parser#validate} reports spans in the elements written as
     * {@code (AI)value...}; a span inside a value that decoding left the same length maps character for character,
     * any other span becomes the whole encoded value of the element concerned.
     */
    private static Gs1Exception locate(String uri, List<Part> parts, Gs1Exception e) {
        int text = 0; // where the current part's value starts in the validator's text
        Part byAi = null;
        for (Part p : parts) {
            text += p.ai().length() + 2;
            int offset = e.start() - text;
            boolean verbatim = p.end() - p.start() == p.value().length();
            if (verbatim && offset >= 0 && e.end() <= text + p.value().length() && e.end() >= e.start()
                    && offset < p.value().length()) {
                int at = p.start() + offset;
                return new Gs1Exception(e.ai(), e.rule(), uri, at, p.start() + (e.end() - text),
                        e.getMessage() + " (URI position " + at + ")");
            }
            if (byAi == null && p.ai().equals(e.ai())) {
                byAi = p;
            }
            text += p.value().length();
        }
        if (byAi != null) {
            return new Gs1Exception(e.ai(), e.rule(), uri, byAi.start(), byAi.end(),
                    e.getMessage() + " (Digital Link value at URI position " + byAi.start() + ")");
        }
        return new Gs1Exception(e.ai(), e.rule(), uri, -1, -1, e.getMessage());
    }

    private static boolean isOrderedSubset(List<String> items, List<String> order) {
        int k = 0;
        for (String item : items) {
            while (k < order.size() && !order.get(k).equals(item)) {
                k++;
            }
            if (k == order.size()) {
                return false;
            }
            k++;
        }
        return true;
    }

    private static String describePaths(AiDefinition key) {
        if (key.dlQualifierPaths().isEmpty()) {
            return "no qualifiers";
        }
        return String.join(" or ", key.dlQualifierPaths().stream().map(p -> String.join(",", p)).toList())
                + " (in that order, each optional)";
    }

    private static String segment(String uri, List<Integer> bounds, int i, int end) {
        int s = bounds.get(i);
        int e = i + 1 < bounds.size() ? bounds.get(i + 1) - 1 : end;
        return uri.substring(s, e);
    }

    private static int firstOf(String s, int from, String chars) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }

    private static boolean allDigits(String s, int start, int end) {
        for (int i = start; i < end; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static String describe(char c) {
        return c >= 0x20 && c < 0x7F ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    private static Gs1Exception error(String uri, int start, int end, String rule, String detail) {
        return error(uri, start, end, null, rule, detail);
    }

    private static Gs1Exception error(String uri, int start, int end, String ai, String rule, String detail) {
        return new Gs1Exception(ai, rule, uri, start, end, detail);
    }
}
