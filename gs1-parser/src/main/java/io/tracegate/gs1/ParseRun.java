package io.tracegate.gs1;

import io.tracegate.gs1.ai.AiTable;
import io.tracegate.gs1.lint.LintError;
import io.tracegate.gs1.lint.Linter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One parse: the working text (the input with keyboard-wedge damage repaired), the elements found in it as
 * {@code [start, end)} regions, and, when something is wrong, the failure. Rules are checked without throwing, so
 * that trial parses (ambiguity detection) cost no exceptions; the entry points turn a failure into
 * {@link Gs1Exception}. One instance per call; not thread-safe.
 */
final class ParseRun {

    static final char GS = '\u001D';
    /** The most element strings one message may hold (the GS1 Syntax Engine's limit). */
    static final int MAX_ELEMENTS = 64;
    /** At most this many alternative readings are reported for one input. */

    AiRules rules;
    ParseOptions options;
    /** The input as given to the entry point: spans in errors refer to it. */
    String input;
    /** The text parsed: {@link #input} minus stray characters, substitutes replaced by the separator. */
    String w;
    /** Index in {@link #input} of each index of {@link #w} (one extra entry for the end); null when they agree. */
    int[] map;
    /** False for trial parses, whose failures are never shown: no message text is built. */
    private final boolean explain;
    /** The trial runs of {@link #alternatives}, kept for the next parse with this run. */
    private ParseRun tail;
    private ParseRun probe;
    /** Room for the characters of the value {@link #alternatives} examines, kept for the next parse. */
    private char[] chars;
    /** Whether a parse is using this run (a reused one: see {@link #reusable}). */
    private boolean inUse;

    int count;
    /** Room for the four elements of a DSCSA carrier before growing. */
    AiSpec[] specs = new AiSpec[4];
    /**
     * The text of each value that does not lie in {@link #w} (an unescaped bracketed value, an EAN/UPC primary
     * made a GTIN-14); null, as is the whole array until needed, for values in {@link #w}.
     */
    private String[] ownTexts;
    /**
     * Four numbers per element: where its value starts and ends in its text, and where the whole element string
     * (AI and value) starts and ends in {@link #input}, for cross-AI errors. One array: one allocation per parse.
     */
    int[] pos = new int[16];
    /** Whether AI (8030) is among the elements. */
    private boolean digitalSignature;
    /** Bit {@code key mod 64} set for each element's AI key: a quick "certainly absent" for single AIs. */
    private long present;
    /** Whether two elements share a {@link #present} bit: only then can an AI be repeated. */
    private boolean presentTwice;
    /** The {@link AiSpec#requiredAs} bits of all elements: which of the table's required patterns are present. */
    private long requiredPresent;

    /** Where in {@link #w} the escaped bracketed value being checked starts (its text is an unescaped copy). */
    int escapedValueStart = -1;

    String rule;
    String failAi;
    String message;
    int failStart = -1;
    int failEnd = -1;

    ParseRun(AiRules rules, ParseOptions options, String input, String w, int[] map, boolean explain) {
        this.explain = explain;
        start(rules, options, input, w, map);
    }

    /** This run, emptied, for another parse. */
    private ParseRun start(AiRules rules, ParseOptions options, String input, String w, int[] map) {
        this.rules = rules;
        this.options = options;
        this.input = input;
        this.w = w;
        this.map = map;
        reset();
        ownTexts = null;
        escapedValueStart = -1;
        rule = null;
        failAi = null;
        message = null;
        failStart = -1;
        failEnd = -1;
        return this;
    }

    /**
     * This thread's run for the scan-data hot path, ready for a parse of {@code w} (the input as given), or a new
     * one should this thread already be in a parse (a linter or lookup that parses). Reusing it, its arrays and its
     * trial runs leaves the parse nothing to allocate but its result; {@link #release} hands it back. The run must
     * not escape the parse: results copy what they keep.
     */
    static ParseRun reusable(AiRules rules, ParseOptions options, String w) {
        ParseRun run = SPARE.get();
        if (run == null || run.inUse) {
            run = new ParseRun(rules, options, w, w, null, true);
            SPARE.set(run);
        } else {
            run.start(rules, options, w, w, null);
        }
        run.inUse = true;
        return run;
    }

    /** Ends the parse that {@link #reusable} began, dropping its references to the input. */
    void release() {
        input = null;
        w = null;
        inUse = false;
    }

    private static final ThreadLocal<ParseRun> SPARE = new ThreadLocal<>();

    // ---- text repair ----

    /** Repaired text and the index in the original of each of its characters (null when nothing changed). */
    record Repaired(String text, int[] map) {
    }

    /**
     * The text to parse and its index map: CR, LF, NUL and BOM dropped, each substitute separator replaced by
     * {@code sep}; in the unbracketed form GS also stands for FNC1 and a {@code |} before {@code ^} (the boundary
     * of a composite component) is dropped.
     */
    static Repaired repair(String s, char sep, List<String> substitutes, boolean unbracketed) {
        if (!needsRepair(s, substitutes, unbracketed)) {
            return new Repaired(s, null);
        }
        int n = s.length();
        StringBuilder b = new StringBuilder(n);
        int[] map = new int[n + 1];
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n' || c == 0 || c == '\uFEFF'
                    || (unbracketed && c == '|' && i + 1 < n && s.charAt(i + 1) == '^')) {
                i++;
                continue;
            }
            int sub = substituteLength(s, i, substitutes);
            if (sub > 0) {
                map[b.length()] = i;
                b.append(sep);
                i += sub;
                continue;
            }
            map[b.length()] = i;
            b.append(unbracketed && c == GS ? '^' : c);
            i++;
        }
        map[b.length()] = n;
        return new Repaired(b.toString(), map);
    }

    /**
     * Whether {@link #repair} would change anything. Almost all input is clean: a few vectorised
     * {@link String#indexOf} scans (a Latin-1 string answers for the BOM at once) cost less than one loop testing
     * every character against every case.
     */
    private static boolean needsRepair(String s, List<String> substitutes, boolean unbracketed) {
        if (s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0 || s.indexOf(0) >= 0 || s.indexOf('\uFEFF') >= 0
                || (unbracketed && (s.indexOf(GS) >= 0 || s.indexOf('|') >= 0))) {
            return true;
        }
        for (int k = 0; k < substitutes.size(); k++) {
            if (s.contains(substitutes.get(k))) {
                return true;
            }
        }
        return false;
    }

    private static int substituteLength(String s, int i, List<String> substitutes) {
        for (int k = 0; k < substitutes.size(); k++) {
            String sub = substitutes.get(k);
            if (s.startsWith(sub, i)) {
                return sub.length();
            }
        }
        return 0;
    }

    int toInput(int wIndex) {
        return map == null ? wIndex : map[wIndex];
    }

    // ---- element strings without brackets (scan data, ^ form) ----

    /**
     * Reads element strings from {@code w[from, to)}, {@code sep} standing for FNC1, as the GS1 General
     * Specifications define: the AI is the known AI the digits start with; a predefined-length AI is followed
     * directly by the next AI, any other runs to the next separator; a separator after a predefined-length
     * element, and one at the end, are tolerated.
     */
    boolean scan(int from, int to, char sep) {
        int p = from;
        // the first separator at or after p (MAX_VALUE: none), looked up again only once p has passed it
        int nextSep = -1;
        while (p < to) {
            AiSpec spec = rules.match(w, p);
            if (spec == null) {
                spec = unknownAt(p, to);
                if (spec == null) {
                    int e = Math.min(p + 4, to);
                    return fail("NO_AI_FOR_PREFIX", null, toInput(p), toInput(e),
                            explain ? "No known AI is a prefix of: " + w.substring(p, e).replace(GS, '^') + "..."
                                    : null);
                }
            }
            int aiStart = p;
            p += spec.aiLength;
            // a predefined-length value never reaches past its length, so the separator search stops there
            int limit = spec.fnc1Required ? to : Math.min(to, p + spec.maxLength);
            if (nextSep < p) {
                nextSep = w.indexOf(sep, p); // String.indexOf is vectorised: faster than a loop over charAt
                if (nextSep < 0) {
                    nextSep = Integer.MAX_VALUE;
                }
            }
            int r = Math.min(nextSep, limit);
            int used = validateValue(spec, w, p, r, aiStart);
            if (used < 0) {
                return false;
            }
            if (!add(spec, w, p, p + used, toInput(aiStart), toInput(p + used))) {
                return false;
            }
            p += used;
            if (spec.fnc1Required && p != r) {
                return fail("DATA_TOO_LONG", spec.ai, toInput(p), toInput(r),
                        explain ? "AI (" + spec.ai + ") data is too long" : null);
            }
            if (p < to && w.charAt(p) == sep) {
                p++;
            }
        }
        return true;
    }

    private AiSpec unknownAt(int p, int to) {
        if (!options.permitUnknownAis()) {
            return null;
        }
        int len = rules.aiLengthByPrefix(w, p);
        if (len == 0 && p + 1 < to && AiTable.predefinedDataLength(w.charAt(p), w.charAt(p + 1)) > 0) {
            // predefined-length prefixes without an allocated AI (04, 14, 18, 19) are all two-digit AIs
            len = 2;
        }
        if (len == 0 || p + len >= to || !digits(p, p + len)) {
            return null;
        }
        return rules.unknown(w.substring(p, p + len));
    }

    // ---- one value ----

    /**
     * Checks the value {@code src[start, end)} component by component (length, then the character-set linter and
     * the component's linters) and returns how much of it the components consume, or -1 after recording the
     * failure. {@code aiStart} is where the AI starts in {@code src} when src is {@link #w}, else -1.
     */
    int validateValue(AiSpec spec, String src, int start, int end, int aiStart) {
        if (start == end) {
            fail("DATA_EMPTY", spec.ai, aiStart < 0 ? -1 : toInput(aiStart), inputPos(src, start),
                    explain ? "AI (" + spec.ai + ") data is empty" : null);
            return -1;
        }
        int p = start;
        for (AiSpec.Component c : spec.components) {
            int len = Math.min(end - p, c.max());
            if (c.optional() && len == 0) {
                continue;
            }
            if (len < c.min()) {
                fail("INCORRECT_LENGTH", spec.ai, inputPos(src, start), inputPos(src, end),
                        explain ? "AI (" + spec.ai + ") data has incorrect length" : null);
                return -1;
            }
            for (Linter l : c.linters()) {
                LintError e = l.lint(src, p, p + len);
                if (e != null) {
                    fail(e.code(), spec.ai, inputPos(src, e.start()), inputPos(src, e.end()),
                            explain ? "AI (" + spec.ai + "): " + LintText.describe(e.code()) : null);
                    return -1;
                }
            }
            p += len;
        }
        return p - start;
    }

    /** Where {@code pos} of {@code src} lies in the input; unescaped bracketed values are mapped back. */
    private int inputPos(String src, int pos) {
        if (src == w) {
            return toInput(pos);
        }
        return unescapedPos(pos);
    }

    private int unescapedPos(int pos) {
        if (escapedValueStart < 0) {
            return -1; // a value made up by the parser (EAN/UPC primary as GTIN-14): the caller names the span
        }
        int in = escapedValueStart;
        for (int k = 0; k < pos; k++) {
            if (w.charAt(in) == '\\' && in + 1 < w.length() && w.charAt(in + 1) == '(') {
                in++;
            }
            in++;
        }
        return toInput(in);
    }

    boolean add(AiSpec spec, String src, int start, int end, int inStart, int inEnd) {
        if (count == MAX_ELEMENTS) {
            return fail("TOO_MANY_AIS", spec.ai, inStart, inEnd, "Too many AIs");
        }
        if (count == specs.length) {
            int n = count * 2;
            specs = Arrays.copyOf(specs, n);
            if (ownTexts != null) {
                ownTexts = Arrays.copyOf(ownTexts, n);
            }
            pos = Arrays.copyOf(pos, 4 * n);
        }
        digitalSignature |= spec.digitalSignature;
        presentTwice |= (present & (1L << spec.key)) != 0;
        present |= 1L << spec.key;
        requiredPresent |= spec.requiredAs;
        specs[count] = spec;
        if (src != w) {
            if (ownTexts == null) {
                ownTexts = new String[specs.length];
            }
            ownTexts[count] = src;
        } else if (ownTexts != null) {
            ownTexts[count] = null;
        }
        int at = 4 * count;
        pos[at] = start;
        pos[at + 1] = end;
        pos[at + 2] = inStart;
        pos[at + 3] = inEnd;
        count++;
        return true;
    }

    /** The text value {@code i} lies in. */
    String src(int i) {
        String own = ownTexts == null ? null : ownTexts[i];
        return own == null ? w : own;
    }

    int start(int i) {
        return pos[4 * i];
    }

    int end(int i) {
        return pos[4 * i + 1];
    }

    int inStart(int i) {
        return pos[4 * i + 2];
    }

    int inEnd(int i) {
        return pos[4 * i + 3];
    }

    private void reset() {
        count = 0;
        digitalSignature = false;
        present = 0;
        presentTwice = false;
        requiredPresent = 0;
    }

    boolean fail(String rule, String ai, int start, int end, String message) {
        this.rule = rule;
        this.failAi = ai;
        this.failStart = start;
        this.failEnd = end;
        this.message = message;
        return false;
    }

    Gs1Exception failure() {
        return new Gs1Exception(failAi, rule, input, failStart, failEnd, message);
    }

    // ---- cross-AI rules ----

    /**
     * Mutually exclusive AIs, mandatory associations, repeated AIs and the digital-signature serial rule, in the
     * GS1 Syntax Engine's order. Valid data is checked in carried order; when a rule fails, the AIs are visited
     * again in lexical order so that the error reported for data breaking several rules is the engine's (a trial
     * parse, whose error is never shown, skips that).
     */
    boolean checkAssociations() {
        if (associationsHold(null)) {
            return true;
        }
        if (!explain) {
            return false;
        }
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            int k = i;
            while (k > 0 && specs[order[k - 1]].ai.compareTo(specs[i].ai) > 0) {
                order[k] = order[k - 1];
                k--;
            }
            order[k] = i;
        }
        return associationsHold(order);
    }

    /** Whether the cross-AI rules hold, visiting the elements in {@code order} (null: as carried). */
    private boolean associationsHold(int[] order) {
        for (int x = 0; x < count; x++) {
            int i = order == null ? x : order[x];
            AiSpec s = specs[i];
            if ((present & s.excludedBits) == 0) {
                continue;
            }
            for (AiSpec.Pattern p : s.excludes) {
                int j = find(p, s);
                if (j >= 0) {
                    return fail("MUTUALLY_EXCLUSIVE", s.ai, inStart(i), inEnd(i),
                            explain ? "It is invalid to pair AI (" + s.ai + ") with AI (" + specs[j].ai + ")"
                                    : null);
                }
            }
        }
        for (int x = 0; x < count; x++) {
            int i = order == null ? x : order[x];
            AiSpec s = specs[i];
            for (AiSpec.Requirement r : s.requires) {
                if (!satisfied(r, s)) {
                    return fail("REQUIRED_AIS", s.ai, inStart(i), inEnd(i),
                            explain ? "Required AIs for AI (" + s.ai + ") are not satisfied: " + r.text() : null);
                }
            }
        }
        for (int x = 0; presentTwice && x < count; x++) {
            int i = order == null ? x : order[x];
            for (int y = order == null ? 0 : x + 1; y < count; y++) {
                int j = order == null ? y : order[y];
                if (j != i && sameAi(specs[j], specs[i]) && !sameValue(i, j)) {
                    return fail("REPEATED_AI", specs[i].ai, inStart(j), inEnd(j),
                            explain ? "Multiple instances of AI (" + specs[i].ai + ") have different values" : null);
                }
            }
        }
        if (digitalSignature) {
            for (String key : DIGSIG_KEYS) {
                int i = indexOf(key);
                if (i >= 0 && end(i) - start(i) == specs[i].minLength) {
                    return fail("DIGSIG_SERIAL", key, inStart(i), inEnd(i),
                            explain ? "Serial component must be present for AI (" + key + ") when used with AI (8030)"
                                    : null);
                }
            }
        }
        return true;
    }

    /** Keys whose serial component must be present when a digital signature, AI (8030), is carried. */
    private static final String[] DIGSIG_KEYS = {"253", "255", "8003"};

    private boolean satisfied(AiSpec.Requirement r, AiSpec self) {
        for (int a = 0; a < r.masks().length; a++) {
            long mask = r.masks()[a];
            if ((mask & self.requiredAs) == 0) {
                // the AI itself stands for none of the patterns, so the mask of what is present answers exactly
                if ((requiredPresent & mask) == mask) {
                    return true;
                }
                continue;
            }
            boolean ok = true;
            for (AiSpec.Pattern p : r.alternatives()[a]) {
                if (find(p, self) < 0) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                return true;
            }
        }
        return false;
    }

    /** The first element matching the pattern other than {@code self} itself, or -1. */
    private int find(AiSpec.Pattern p, AiSpec self) {
        if (p.low() == p.high() && (present & (1L << p.low())) == 0) {
            return -1;
        }
        for (int j = 0; j < count; j++) {
            AiSpec s = specs[j];
            if (p.matches(s) && !sameAi(s, self)) {
                return j;
            }
        }
        return -1;
    }

    private static boolean sameAi(AiSpec a, AiSpec b) {
        return a.key == b.key;
    }

    private int indexOf(String ai) {
        for (int j = 0; j < count; j++) {
            if (specs[j].ai.equals(ai)) {
                return j;
            }
        }
        return -1;
    }

    private boolean sameValue(int i, int j) {
        int len = end(i) - start(i);
        return len == end(j) - start(j) && src(i).regionMatches(start(i), src(j), start(j), len);
    }

    // ---- results ----

    String value(int i) {
        String src = src(i);
        return start(i) == 0 && end(i) == src.length() ? src : src.substring(start(i), end(i));
    }

    /** The elements read, as a fresh array. */
    AiElement[] elementArray() {
        return elementArray(null, 0);
    }

    /** The elements read, the first {@code shared} of them taken from {@code same} (the same elements, made before). */
    private AiElement[] elementArray(AiElement[] same, int shared) {
        AiElement[] out = new AiElement[count];
        for (int i = 0; i < count; i++) {
            out[i] = i < shared ? same[i] : new AiElement(specs[i].ai, value(i));
        }
        return out;
    }

    // ---- ambiguity ----

    /**
     * The other valid readings of this (valid) run. A value can only have swallowed further element strings when
     * no separator ended it, so the value examined is the last one, when it is of variable length and runs to the
     * end of the data: each position inside it where a known AI starts is tried as a cut, and the cut reading is
     * kept when the shortened value is valid, the rest reads as complete element strings and the whole passes the
     * cross-AI rules. (A value ended by a separator was terminated by the encoder; a separator lost inside an
     * earlier value cannot be told from the data and is not reported.)
     *
     * <p>Bound: a value of n characters (n at most 90) gives at most n cuts, each re-reading at most n characters,
     * so at most n^2 character steps; at most {@link Ambiguity#MAX_ALTERNATIVES} readings are kept. A position costs a
     * few operations without branches unless a digit pair stands there. The readings share their elements before the
     * cut one with {@code elements}, this run's own.
     */
    List<List<AiElement>> alternatives(char sep, AiElement[] elements) {
        int i = count - 1;
        if (i < 0 || !specs[i].fnc1Required || src(i) != w || end(i) != w.length()) {
            return null;
        }
        List<List<AiElement>> found = null;
        int start = start(i);
        int end = end(i);
        // the value's characters copied once (a vectorised copy) and read from the array: String.charAt checks the
        // string's encoding and bounds on every call
        if (chars == null || chars.length < end - start) {
            chars = new char[Math.max(end - start, 90)];
        }
        w.getChars(start, end, chars, 0);
        // cuts at k in (start, end - 2), 64 at a time: first, without branches, a bit for each k where two digits
        // stand (whether a character is a digit is a coin toss in a serial, which the branch predictor loses), then
        // the few such k in order
        for (int from = start + 1; from + 2 < end; from += 64) {
            long pairs = digitPairs(from - start, Math.min(64, end - 2 - from));
            while (pairs != 0) {
                int k = from + Long.numberOfTrailingZeros(pairs);
                pairs &= pairs - 1;
                List<AiElement> alternative = cutReading(sep, elements, i, k);
                if (alternative == null) {
                    continue;
                }
                if (found == null) {
                    found = new ArrayList<>();
                }
                found.add(alternative);
                if (found.size() == Ambiguity.MAX_ALTERNATIVES) {
                    return found;
                }
            }
        }
        return found;
    }

    /** Bit j set when {@code chars[at + j]} and {@code chars[at + j + 1]} are both digits, for j below n. */
    private long digitPairs(int at, int n) {
        long pairs = 0;
        for (int j = 0; j < n; j++) {
            int d0 = chars[at + j] - '0';
            int d1 = chars[at + j + 1] - '0';
            // negative when either is outside 0..9
            long outside = (d0 | (9 - d0) | d1 | (9 - d1)) >>> 31;
            pairs |= (outside ^ 1) << j;
        }
        return pairs;
    }

    /**
     * The reading with this run's last value, {@code i}, cut at {@code k} (where two digits stand), its elements
     * before the cut one taken from {@code elements}; null when it is not valid.
     */
    private List<AiElement> cutReading(char sep, AiElement[] elements, int i, int k) {
        AiSpec embedded = rules.match(w, k);
        if (embedded == null) {
            return null;
        }
        int end = end(i);
        // cheap tests before a trial read: room for the embedded AI's data, and digits where it needs them
        int data = k + embedded.aiLength;
        if (data + embedded.minLength > end || !digits(data, data + embedded.leadingDigits)) {
            return null;
        }
        ParseRun tail = trial(this.tail);
        this.tail = tail;
        if (!readsAsTail(tail, i, k, sep)) {
            return null;
        }
        // most cuts fail in the tail: the whole reading is only made for the few that pass
        ParseRun probe = trial(this.probe);
        this.probe = probe;
        // the elements before the cut one are those of this reading
        return cutAt(tail, probe, i, k) ? List.of(probe.elementArray(elements, i)) : null;
    }

    /** A trial run over this run's text: {@code kept} emptied, or a new one. */
    private ParseRun trial(ParseRun kept) {
        return kept == null ? new ParseRun(rules, options, input, w, map, false)
                : kept.start(rules, options, input, w, map);
    }

    /** Whether {@code w[from, to)} is all digits. */
    private boolean digits(int from, int to) {
        for (int i = from; i < to; i++) {
            char c = w.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether this run's last value, {@code i}, cut at {@code k} is still valid and the rest of it reads as complete
     * element strings (into {@code tail}).
     */
    private boolean readsAsTail(ParseRun tail, int i, int k, char sep) {
        tail.reset();
        return tail.scan(k, end(i), sep) && tail.validateValue(specs[i], w, start(i), k, -1) == k - start(i);
    }

    /**
     * Reads this run with its last value, {@code i}, cut at {@code k}, and the rest of it already read into
     * {@code tail}, into {@code alt}; true when the whole reading passes the cross-AI rules.
     */
    private boolean cutAt(ParseRun tail, ParseRun alt, int i, int k) {
        AiSpec spec = specs[i];
        alt.reset();
        for (int j = 0; j < i; j++) {
            alt.add(specs[j], src(j), start(j), end(j), inStart(j), inEnd(j));
        }
        alt.add(spec, w, start(i), k, inStart(i), toInput(k));
        for (int j = 0; j < tail.count; j++) {
            if (!alt.add(tail.specs[j], w, tail.start(j), tail.end(j), tail.inStart(j), tail.inEnd(j))) {
                return false;
            }
        }
        return alt.checkAssociations();
    }
}
