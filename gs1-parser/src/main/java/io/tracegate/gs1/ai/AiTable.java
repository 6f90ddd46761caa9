package io.tracegate.gs1.ai;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The table of known Application Identifiers, loaded from the project's own tab-separated format
 * ({@code ai-table.tsv}, one line per AI). {@code AiTableDictionaryTest} proves it equal, entry by entry, to the
 * GS1 Barcode Syntax Dictionary it was generated from.
 *
 * <p>Line format: {@code ai TAB flags TAB components TAB requires TAB excludes TAB dlpkey TAB title}, where
 * flags is {@code *}, {@code ?}, {@code *?} or {@code -}; components are space separated {@link AiComponent#notation()};
 * requires is space separated {@code req=} values; excludes a comma list; dlpkey is {@code -} (not a key),
 * {@code key} (no qualifiers) or {@code key=22,10,21|235}; empty lists are written {@code -}.
 */
public final class AiTable {

    private static final String RESOURCE = "ai-table.tsv";

    /** Data length after a predefined-length AI, indexed by the AI's first two digits; 0 = variable. */
    private static final int[] PREDEFINED_DATA_LENGTH = new int[100];

    static {
        PREDEFINED_DATA_LENGTH[0] = 18;
        PREDEFINED_DATA_LENGTH[1] = 14;
        PREDEFINED_DATA_LENGTH[2] = 14;
        PREDEFINED_DATA_LENGTH[3] = 14;
        PREDEFINED_DATA_LENGTH[4] = 16;
        for (int p = 11; p <= 19; p++) {
            PREDEFINED_DATA_LENGTH[p] = 6;
        }
        PREDEFINED_DATA_LENGTH[20] = 2;
        for (int p = 31; p <= 36; p++) {
            PREDEFINED_DATA_LENGTH[p] = 6;
        }
        PREDEFINED_DATA_LENGTH[41] = 13;
    }

    // Indexed by the numeric value of the AI, one array per AI length (AIs are prefix-free, so at most one hits).
    private final AiDefinition[] twoDigit = new AiDefinition[100];
    private final AiDefinition[] threeDigit = new AiDefinition[1000];
    private final AiDefinition[] fourDigit = new AiDefinition[10000];
    private final List<AiDefinition> all;

    private AiTable(List<AiDefinition> definitions) {
        for (AiDefinition d : definitions) {
            AiDefinition[] slot = switch (d.ai().length()) {
                case 2 -> twoDigit;
                case 3 -> threeDigit;
                default -> fourDigit;
            };
            int i = Integer.parseInt(d.ai());
            if (slot[i] != null) {
                throw new IllegalStateException("AI " + d.ai() + " defined twice");
            }
            slot[i] = d;
        }
        this.all = List.copyOf(definitions);
    }

    /** The table generated from the GS1 Barcode Syntax Dictionary. */
    public static AiTable standard() {
        return Standard.TABLE;
    }

    /** Loaded on first use, so that tools working on the format need not have the resource. */
    private static final class Standard {
        static final AiTable TABLE = load();
    }

    public static AiTable of(List<AiDefinition> definitions) {
        return new AiTable(definitions);
    }

    /** Every AI in table order (lexical AI order, as in the dictionary). */
    public List<AiDefinition> all() {
        return all;
    }

    /** The definition of exactly this AI, or null when the AI is unknown. */
    public AiDefinition get(String ai) {
        int n = ai.length();
        if (n < 2 || n > 4) {
            return null;
        }
        int v = 0;
        for (int i = 0; i < n; i++) {
            char c = ai.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            v = v * 10 + (c - '0');
        }
        return switch (n) {
            case 2 -> twoDigit[v];
            case 3 -> threeDigit[v];
            default -> fourDigit[v];
        };
    }

    /**
     * The known AI that starts at {@code offset} in {@code s}, or null when the digits there begin no known AI.
     * Known AIs are prefix-free, so the first hit is the only one.
     */
    public AiDefinition match(CharSequence s, int offset) {
        int len = s.length();
        int v = 0;
        for (int i = 0; i < 4 && offset + i < len; i++) {
            char c = s.charAt(offset + i);
            if (c < '0' || c > '9') {
                return null;
            }
            v = v * 10 + (c - '0');
            AiDefinition d = switch (i) {
                case 0 -> null;
                case 1 -> twoDigit[v];
                case 2 -> threeDigit[v];
                default -> fourDigit[v];
            };
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    /**
     * Length of the data that follows an AI starting with these two digits when that prefix is of predefined
     * length (GS1 General Specifications figure 5.10.1-2), or 0 when elements with this prefix are variable length.
     * Used for AIs that are not in the table.
     */
    public static int predefinedDataLength(char d1, char d2) {
        if (d1 < '0' || d1 > '9' || d2 < '0' || d2 > '9') {
            return 0;
        }
        return PREDEFINED_DATA_LENGTH[(d1 - '0') * 10 + (d2 - '0')];
    }

    // ---- the project's tab-separated format ----

    /** Writes definitions in the table format (what {@code ai-table.tsv} holds, after its comment header). */
    public static String format(List<AiDefinition> definitions) {
        StringBuilder b = new StringBuilder();
        for (AiDefinition d : definitions) {
            String flags = (d.predefinedLength() ? "*" : "") + (d.dlDataAttribute() ? "?" : "");
            b.append(d.ai()).append('\t')
                    .append(flags.isEmpty() ? "-" : flags).append('\t')
                    .append(String.join(" ", d.components().stream().map(AiComponent::notation).toList())).append('\t')
                    .append(orDash(String.join(" ", d.requires()))).append('\t')
                    .append(orDash(String.join(",", d.excludes()))).append('\t')
                    .append(dlpkey(d)).append('\t')
                    .append(d.title()).append('\n');
        }
        return b.toString();
    }

    private static String dlpkey(AiDefinition d) {
        if (!d.dlPrimaryKey()) {
            return "-";
        }
        if (d.dlQualifierPaths().isEmpty()) {
            return "key";
        }
        return "key=" + String.join("|", d.dlQualifierPaths().stream().map(p -> String.join(",", p)).toList());
    }

    private static String orDash(String s) {
        return s.isEmpty() ? "-" : s;
    }

    static AiDefinition parseLine(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 7) {
            throw new IllegalArgumentException("expected 7 tab-separated fields: " + line);
        }
        List<AiComponent> components = new ArrayList<>();
        for (String c : f[2].split(" ")) {
            components.add(AiComponent.parseNotation(c));
        }
        List<String> requires = f[3].equals("-") ? List.of() : Arrays.asList(f[3].split(" "));
        List<String> excludes = f[4].equals("-") ? List.of() : Arrays.asList(f[4].split(","));
        boolean key = !f[5].equals("-");
        List<List<String>> paths = new ArrayList<>();
        if (f[5].startsWith("key=")) {
            for (String alt : f[5].substring(4).split("\\|", -1)) {
                paths.add(alt.isEmpty() ? List.of() : Arrays.asList(alt.split(",")));
            }
        }
        return new AiDefinition(f[0], f[1].contains("*"), f[1].contains("?"), components, requires, excludes, key,
                paths, f[6]);
    }

    /** Reads the table format; lines starting with {@code #} and blank lines are ignored. */
    public static List<AiDefinition> parse(BufferedReader in) throws IOException {
        List<AiDefinition> out = new ArrayList<>();
        String line;
        int n = 0;
        while ((line = in.readLine()) != null) {
            n++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            try {
                out.add(parseLine(line));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("ai-table line " + n + ": " + e.getMessage(), e);
            }
        }
        return Collections.unmodifiableList(out);
    }

    private static AiTable load() {
        try (InputStream in = AiTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " missing from the gs1-parser jar");
            }
            return new AiTable(parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
