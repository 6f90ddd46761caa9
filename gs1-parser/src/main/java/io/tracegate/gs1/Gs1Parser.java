package io.tracegate.gs1;

import io.tracegate.gs1.ai.AiTable;
import io.tracegate.gs1.dl.DigitalLink;
import io.tracegate.gs1.lint.Linters;
import java.util.List;

/**
 * Entry points for every input form. Thread-safe and reusable (keep one: construction compiles the AI table and
 * resolves every linter, though parsers made in a row with the same clock share that work); all bad input raises
 * {@link Gs1Exception}, naming the AI, the rule and the offending span of the input as given.
 *
 * <p>Keyboard-wedge damage is repaired before parsing scan data and the unbracketed form: CR, LF, NUL and byte
 * order marks are dropped, the substitute separators of {@link ParseOptions#separators()} stand for GS, and a
 * separator at the end is tolerated.
 */
public final class Gs1Parser {

    /** The rules compiled last: parsers made with an equal clock share them (compiling takes milliseconds). */
    private static volatile AiRules lastRules;

    private final ParseOptions options;
    private final AiRules rules;

    public Gs1Parser(ParseOptions options) {
        this.options = options;
        AiRules last = lastRules;
        if (last == null || !last.clock.equals(options.clock())) {
            last = new AiRules(AiTable.standard(), Linters.withClock(options.clock()));
            lastRules = last;
        }
        this.rules = last;
    }

    public Gs1Parser() {
        this(ParseOptions.defaults());
    }

    public ParseOptions options() {
        return options;
    }

    /**
     * Raw scanner output with an AIM symbology identifier: GS1 data after {@code ]d2} (DataMatrix), {@code ]Q3}
     * (QR Code), {@code ]J1} (DotCode), {@code ]C1} (GS1-128) or {@code ]e0} (DataBar and composites), with GS
     * (0x1D) as the FNC1 separator; EAN/UPC after {@code ]E0}/{@code ]E4} (read as AI (01), with an optional
     * {@code |]e0} composite component). Plain data ({@code ]d1}, {@code ]Q1}, {@code ]J0}) is rejected unless it
     * is a GS1 Digital Link URI.
     */
    public ElementString parseScanData(String scanData) {
        ElementString clean = cleanGs1Data(scanData);
        if (clean != null) {
            return clean;
        }
        ParseRun.Repaired r = ParseRun.repair(scanData, ParseRun.GS, options.separators(), false);
        ParseRun run = new ParseRun(rules, options, scanData, r.text(), r.map(), true);
        String w = run.w;
        if (w.length() < 3 || w.charAt(0) != ']') {
            throw fail(run, "MISSING_SYMBOLOGY_IDENTIFIER", 0, Math.min(3, w.length()),
                    "Missing symbology identifier");
        }
        if (isGs1Data(w)) {
            gs1Data(run, 3);
            return finish(run, true, ParseRun.GS);
        }
        String id = w.substring(1, 3);
        switch (id) {
            case "E0" -> eanUpc(run, 13);
            case "E4" -> eanUpc(run, 8);
            case "d1", "Q1", "J0" -> {
                String data = w.substring(3);
                if (data.startsWith("https://") || data.startsWith("http://") || data.startsWith("HTTPS://")
                        || data.startsWith("HTTP://")) {
                    return DigitalLink.parse(data, this);
                }
                throw fail(run, "PLAIN_DATA", 0, 3, "Symbology identifier ]" + id
                        + " marks plain data, not GS1 element strings (GS1 data is ]d2, ]Q3, ]J1, ]C1 or ]e0)");
            }
            default -> throw fail(run, "UNSUPPORTED_SYMBOLOGY_IDENTIFIER", 0, 3,
                    "Unsupported symbology identifier");
        }
        return finish(run, true, ParseRun.GS);
    }

    /** Whether the symbology identifier at the start of {@code w} (three characters, {@code ]} first) marks GS1 data. */
    private static boolean isGs1Data(String w) {
        char c = w.charAt(1);
        char m = w.charAt(2);
        return (c == 'd' && m == '2') || (c == 'Q' && m == '3') || (c == 'J' && m == '1') || (c == 'C' && m == '1')
                || (c == 'e' && m == '0');
    }

    /**
     * Scan data as almost every scanner delivers it, read as given: GS1 data with no substitute separators
     * configured. Looking first for keyboard-wedge damage and carets costs a pass over the input per character
     * sought, a tenth of the parse; a successful read proves there were none (each character was checked as part
     * of the symbology identifier, an AI, a GS or a value of a character set without them), so its result is the one
     * the full path gives. Returns null when the read fails or does not apply: the full path then reads the input
     * and reports the failure.
     */
    private ElementString cleanGs1Data(String scanData) {
        if (!options.separators().isEmpty() || scanData.length() < 4 || scanData.charAt(0) != ']'
                || !isGs1Data(scanData) || scanData.charAt(3) == ParseRun.GS) {
            return null;
        }
        ParseRun run = ParseRun.reusable(rules, options, scanData);
        try {
            return run.scan(3, scanData.length(), ParseRun.GS) ? finish(run, true, ParseRun.GS) : null;
        } finally {
            run.release();
        }
    }

    private void gs1Data(ParseRun run, int from) {
        String w = run.w;
        if (from == w.length()) {
            throw fail(run, "EMPTY", 0, from, "The AI data is empty");
        }
        if (w.charAt(from) == ParseRun.GS) {
            throw fail(run, "LEADING_SEPARATOR", from, from + 1,
                    "GS must not follow the symbology identifier: FNC1 in first position is implied by it");
        }
        int caret = w.indexOf('^', from);
        if (caret >= 0) {
            throw fail(run, "ILLEGAL_CARET", caret, caret + 1, "Scan data contains illegal ^ character");
        }
        if (!run.scan(from, w.length(), ParseRun.GS)) {
            throw run.failure();
        }
    }

    /** EAN-13/UPC-A/UPC-E ({@code ]E0}) or EAN-8 ({@code ]E4}): the primary number is the GTIN, AI (01). */
    private void eanUpc(ParseRun run, int primaryLength) {
        String w = run.w;
        int end = 3 + primaryLength;
        if (w.length() < end) {
            throw fail(run, "PRIMARY_TOO_SHORT", 3, w.length(), "Primary scan data is too short");
        }
        // "|" before the composite's identifier; a GS when "|" is configured as a substitute separator
        boolean composite = w.startsWith("]e0", end + 1) && (w.charAt(end) == '|' || w.charAt(end) == ParseRun.GS);
        if (!composite && w.length() > end) {
            throw fail(run, "PRIMARY_TOO_LONG", end, w.length(), "Primary message is too long");
        }
        for (int i = 3; i < end; i++) {
            char c = w.charAt(i);
            if (c < '0' || c > '9') {
                throw fail(run, "PRIMARY_NOT_DIGITS", i, i + 1, "Primary message may only contain digits");
            }
        }
        if (!CheckDigit.isValid(w, 3, end)) {
            throw fail(run, "PRIMARY_CHECK_DIGIT", end - 1, end, "Primary message check digit is incorrect");
        }
        String gtin = "0".repeat(14 - primaryLength) + w.substring(3, end);
        AiSpec gtinSpec = rules.known("01", 0, 2);
        if (run.validateValue(gtinSpec, gtin, 0, 14, -1) < 0) {
            throw new Gs1Exception("01", run.rule, run.input, run.toInput(3), run.toInput(end), run.message);
        }
        run.add(gtinSpec, gtin, 0, 14, run.toInput(3), run.toInput(end));
        if (composite) {
            gs1Data(run, end + 4);
        }
    }

    /** Unbracketed element strings with {@code ^} as FNC1, which must come first ({@code ^0100300010123455...}). */
    public ElementString parseUnbracketed(String data) {
        ParseRun.Repaired r = ParseRun.repair(data, '^', options.separators(), true);
        ParseRun run = new ParseRun(rules, options, data, r.text(), r.map(), true);
        String w = run.w;
        if (w.isEmpty() || w.charAt(0) != '^') {
            throw fail(run, "PLAIN_DATA", 0, Math.min(1, w.length()),
                    "Not GS1 element strings: the unbracketed form starts with ^ (FNC1 in first position)");
        }
        if (w.length() == 1) {
            throw fail(run, "EMPTY", 0, 1, "The AI data is empty");
        }
        if (!run.scan(1, w.length(), '^')) {
            throw run.failure();
        }
        return finish(run, true, '^');
    }

    /** Bracketed human-readable form {@code (01)...(21)...}, with {@code \(} escaping a literal bracket. */
    public ElementString parseBracketed(String data) {
        ParseRun.Repaired r = ParseRun.repair(data, '^', List.of(), false);
        ParseRun run = new ParseRun(rules, options, data, r.text(), r.map(), true);
        String w = run.w;
        int n = w.length();
        if (n == 0) {
            throw fail(run, "EMPTY", 0, 0, "The AI data is empty");
        }
        int p = 0;
        while (p < n) {
            int close = w.charAt(p) == '(' ? w.indexOf(')', p + 1) : -1;
            if (close < 0 || close + 1 == n) {
                throw fail(run, "PARSE_FAILED", p, n, "Failed to parse AI data");
            }
            AiSpec spec = rules.exact(w, p + 1, close, options.permitUnknownAis());
            if (spec == null) {
                throw fail(run, "UNRECOGNISED_AI", p, close + 1, "Unrecognised AI: " + w.substring(p + 1, close));
            }
            int v = close + 1;
            boolean escaped = false;
            int e = w.indexOf('(', v);
            while (e > v && w.charAt(e - 1) == '\\') {
                escaped = true;
                e = w.indexOf('(', e + 1);
            }
            if (e < 0) {
                e = n;
            }
            String src = w;
            int vs = v;
            int ve = e;
            if (escaped) {
                src = w.substring(v, e).replace("\\(", "(");
                vs = 0;
                ve = src.length();
                run.escapedValueStart = v;
            }
            int len = ve - vs;
            if (len < spec.minLength) {
                throw fail(run, spec.ai, "VALUE_TOO_SHORT", p, e, "AI (" + spec.ai + ") value is too short");
            }
            if (len > spec.maxLength) {
                throw fail(run, spec.ai, "VALUE_TOO_LONG", p, e, "AI (" + spec.ai + ") value is too long");
            }
            int caret = src.indexOf('^', vs);
            if (caret >= 0 && caret < ve) {
                throw fail(run, spec.ai, "ILLEGAL_CARET", p, e, "AI (" + spec.ai + ") contains illegal ^ character");
            }
            if (run.validateValue(spec, src, vs, ve, escaped ? -1 : p + 1) < 0
                    || !run.add(spec, src, vs, ve, run.toInput(p), run.toInput(e))) {
                throw run.failure();
            }
            p = e;
        }
        return finish(run, false, '^');
    }

    /** A GS1 Digital Link URI on any domain. */
    public ElementString parseDigitalLink(String uri) {
        return DigitalLink.parse(uri, this);
    }

    /**
     * Checks already-separated elements (per-AI syntax and linters, then the cross-AI rules the options enable)
     * and returns them as an element string. Error spans refer to the elements written as
     * {@code (AI)value(AI)value...}, which is what {@link Gs1Exception#input()} then holds.
     */
    public ElementString validate(List<AiElement> elements) {
        StringBuilder b = new StringBuilder();
        for (AiElement e : elements) {
            b.append('(').append(e.ai()).append(')').append(e.value());
        }
        String text = b.toString();
        ParseRun run = new ParseRun(rules, options, text, text, null, true);
        int p = 0;
        for (AiElement e : elements) {
            int aiEnd = p + 1 + e.ai().length();
            int vs = aiEnd + 1;
            int ve = vs + e.value().length();
            AiSpec spec = rules.exact(text, p + 1, aiEnd, options.permitUnknownAis());
            if (spec == null) {
                throw fail(run, "UNRECOGNISED_AI", p, vs, "Unrecognised AI: " + e.ai());
            }
            if (ve - vs < spec.minLength) {
                throw fail(run, spec.ai, "VALUE_TOO_SHORT", p, ve, "AI (" + spec.ai + ") value is too short");
            }
            if (ve - vs > spec.maxLength) {
                throw fail(run, spec.ai, "VALUE_TOO_LONG", p, ve, "AI (" + spec.ai + ") value is too long");
            }
            if (run.validateValue(spec, text, vs, ve, p + 1) < 0 || !run.add(spec, text, vs, ve, p, ve)) {
                throw run.failure();
            }
            p = ve;
        }
        if (run.count == 0) {
            throw fail(run, "EMPTY", 0, 0, "The AI data is empty");
        }
        if (options.validateAssociations() && !run.checkAssociations()) {
            throw run.failure();
        }
        return new ElementString(elements, null, options.clock());
    }

    private ElementString finish(ParseRun run, boolean splittable, char sep) {
        if (options.validateAssociations() && !run.checkAssociations()) {
            throw run.failure();
        }
        AiElement[] elements = run.elementArray();
        Ambiguity ambiguity = null;
        if (splittable) {
            List<List<AiElement>> alternatives = run.alternatives(sep, elements);
            if (alternatives != null) {
                ambiguity = new Ambiguity(alternatives);
                if (options.strictAmbiguity()) {
                    throw ambiguous(run, alternatives.get(0));
                }
            }
        }
        return new ElementString(elements, ambiguity, options.clock());
    }

    private static Gs1Exception ambiguous(ParseRun run, List<AiElement> alternative) {
        // the first element whose value differs is the one that swallowed the rest
        int i = 0;
        while (i < run.count && run.specs[i].ai.equals(alternative.get(i).ai())
                && run.value(i).equals(alternative.get(i).value())) {
            i++;
        }
        StringBuilder alt = new StringBuilder();
        alternative.forEach(alt::append);
        return new Gs1Exception(run.specs[i].ai, "AMBIGUOUS", run.input, run.inStart(i), run.inEnd(i),
                "AI (" + run.specs[i].ai + ") value '" + run.value(i)
                        + "' also reads as further element strings (a separator may have been lost): "
                        + "the data also parses as " + alt);
    }

    private static Gs1Exception fail(ParseRun run, String rule, int wStart, int wEnd, String message) {
        return fail(run, null, rule, wStart, wEnd, message);
    }

    private static Gs1Exception fail(ParseRun run, String ai, String rule, int wStart, int wEnd, String message) {
        return new Gs1Exception(ai, rule, run.input, run.toInput(wStart), run.toInput(wEnd), message);
    }
}
