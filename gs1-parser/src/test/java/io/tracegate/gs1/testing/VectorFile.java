package io.tracegate.gs1.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A tab-separated vector file from ../shared/oracles/gs1 with a header row; rows keep their file line numbers. */
public final class VectorFile {

    /** One data row: its 1-based line number in the file and its cells by column name. */
    public record Row(int line, Map<String, String> cells) {

        public String get(String column) {
            String v = cells.get(column);
            if (v == null) {
                throw new IllegalArgumentException("no column '" + column + "' (line " + line + ")");
            }
            return v;
        }
    }

    private VectorFile() {
    }

    public static List<Row> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String[] header = lines.get(0).split("\t", -1);
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isEmpty()) {
                continue;
            }
            String[] f = lines.get(i).split("\t", -1);
            Map<String, String> cells = new HashMap<>();
            for (int c = 0; c < header.length; c++) {
                cells.put(header[c], c < f.length ? f[c] : "");
            }
            rows.add(new Row(i + 1, cells));
        }
        return rows;
    }

    /**
     * Decodes the files' escape for non-printable bytes: {@code \xNN} (two hex digits) becomes that character;
     * every other backslash is literal, as the oracles' README says.
     */
    public static String unescape(String s) {
        if (s.indexOf("\\x") < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() && s.charAt(i + 1) == 'x' && isHex(s.charAt(i + 2))
                    && isHex(s.charAt(i + 3))) {
                b.append((char) Integer.parseInt(s.substring(i + 2, i + 4), 16));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
