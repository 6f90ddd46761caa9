package io.tracegate.gs1.ai;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the GS1 Barcode Syntax Dictionary text format into {@link AiDefinition}s, ranges expanded. Test scope only:
 * the runtime reads the project's own {@code ai-table.tsv}, which {@link AiTableGenerator} writes from this.
 */
final class SyntaxDictionary {

    private static final String FLAG_CHARS = "*!?\"$%&'()+,-./:;<=>@[\\]^_`{|}~";

    private SyntaxDictionary() {
    }

    static List<AiDefinition> read(Path file) throws IOException {
        List<AiDefinition> out = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            try {
                out.addAll(parseEntry(line));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("dictionary line " + n + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    static List<AiDefinition> parseEntry(String line) {
        int hash = line.indexOf('#');
        String title = hash < 0 ? "" : line.substring(hash + 1).trim();
        String[] tokens = (hash < 0 ? line : line.substring(0, hash)).trim().split("\\s+");
        int i = 0;
        String range = tokens[i++];
        String flags = "";
        if (i < tokens.length && tokens[i].chars().allMatch(c -> FLAG_CHARS.indexOf(c) >= 0)) {
            flags = tokens[i++];
        }
        List<AiComponent> components = new ArrayList<>();
        while (i < tokens.length && isComponent(tokens[i])) {
            components.add(component(tokens[i++]));
        }
        List<String> requires = new ArrayList<>();
        List<String> excludes = new ArrayList<>();
        boolean key = false;
        List<List<String>> paths = new ArrayList<>();
        for (; i < tokens.length; i++) {
            String t = tokens[i];
            if (t.startsWith("req=")) {
                requires.add(t.substring(4));
            } else if (t.startsWith("ex=")) {
                excludes.addAll(List.of(t.substring(3).split(",")));
            } else if (t.equals("dlpkey")) {
                key = true;
            } else if (t.startsWith("dlpkey=")) {
                key = true;
                for (String alt : t.substring(7).split("\\|", -1)) {
                    paths.add(alt.isEmpty() ? List.of() : List.of(alt.split(",")));
                }
            } else {
                throw new IllegalArgumentException("unknown attribute '" + t + "'");
            }
        }
        String from = range;
        String to = range;
        int dash = range.indexOf('-');
        if (dash > 0) {
            from = range.substring(0, dash);
            to = range.substring(dash + 1);
        }
        List<AiDefinition> out = new ArrayList<>();
        for (int ai = Integer.parseInt(from); ai <= Integer.parseInt(to); ai++) {
            String code = String.format("%0" + from.length() + "d", ai);
            out.add(new AiDefinition(code, flags.contains("*"), flags.contains("?"), components, requires, excludes,
                    key, paths, title));
        }
        return out;
    }

    private static boolean isComponent(String t) {
        char c = t.charAt(0);
        return c == '[' || ((c == 'N' || c == 'X' || c == 'Y' || c == 'Z') && t.length() > 1
                && (Character.isDigit(t.charAt(1)) || t.charAt(1) == '.'));
    }

    private static AiComponent component(String t) {
        boolean optional = t.startsWith("[");
        String spec;
        String linters;
        if (optional) {
            int close = t.indexOf(']');
            spec = t.substring(1, close);
            linters = t.substring(close + 1);
        } else {
            int comma = t.indexOf(',');
            spec = comma < 0 ? t : t.substring(0, comma);
            linters = comma < 0 ? "" : t.substring(comma);
        }
        List<String> names = linters.isEmpty() ? List.of() : List.of(linters.substring(1).split(","));
        CharacterSet cs = CharacterSet.ofLetter(spec.charAt(0));
        String len = spec.substring(1);
        int min;
        int max;
        if (len.startsWith("..")) {
            min = 1;
            max = Integer.parseInt(len.substring(2));
        } else {
            min = max = Integer.parseInt(len);
        }
        return new AiComponent(cs, min, max, optional, names);
    }
}
