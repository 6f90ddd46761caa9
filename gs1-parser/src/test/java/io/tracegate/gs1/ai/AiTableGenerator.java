package io.tracegate.gs1.ai;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Regenerates {@code ai-table.tsv} from a new Syntax Dictionary release:
 * {@code java ... AiTableGenerator ../shared/oracles/gs1/gs1-syntax-dictionary.txt src/main/resources/io/tracegate/gs1/ai/ai-table.tsv}.
 */
public final class AiTableGenerator {

    static final String HEADER = """
            # Tracegate AI table, generated from the GS1 Barcode Syntax Dictionary (Apache-2.0, GS1 AISBL).
            # Regenerate with AiTableGenerator (gs1-parser tests); AiTableDictionaryTest keeps the two in step.
            # Columns: ai, flags (* predefined length, ? DL data attribute), components (?=optional, type, length
            # n or min-max, :linters), req= groups, ex= list, dlpkey, title. '-' marks an empty field.
            """;

    private AiTableGenerator() {
    }

    public static void main(String[] args) throws Exception {
        Path dictionary = Path.of(args[0]);
        Path out = Path.of(args[1]);
        String release = Files.readAllLines(dictionary, StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("# Release:")).findFirst().orElse("# Release: unknown");
        Files.writeString(out, HEADER + release.replace("# Release:", "# Dictionary release:") + "\n"
                + AiTable.format(SyntaxDictionary.read(dictionary)), StandardCharsets.UTF_8);
    }
}
