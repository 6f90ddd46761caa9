package io.tracegate.epcis.validation;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The standards bodies' EPCIS artefacts in {@code ../shared/oracles/epcis} (absent in a user's clone: tests that need
 * them are skipped with a message).
 */
final class OracleFiles {

    private OracleFiles() {
    }

    /** The oracles' {@code epcis} folder; skips the calling test when it is absent. */
    static Path epcis() {
        Path root = root();
        assumeTrue(root != null && Files.isDirectory(root.resolve("epcis")),
                "../shared/oracles/epcis is absent (a plain clone): skipping");
        return root.resolve("epcis");
    }

    /** One row of {@code epcis/MANIFEST.tsv}. */
    record ManifestRow(Path file, String relative, String format, String intendedInvalid, String schemaJdk,
            String jsonSchema) {
    }

    static List<ManifestRow> manifest() {
        Path epcis = epcis();
        try {
            List<String> lines = Files.readAllLines(epcis.resolve("MANIFEST.tsv"));
            List<String> header = List.of(lines.get(0).split("\t", -1));
            List<ManifestRow> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split("\t", -1);
                rows.add(new ManifestRow(epcis.resolve(cells[header.indexOf("path")]), cells[header.indexOf("path")],
                        cells[header.indexOf("fmt")], cells[header.indexOf("intended_invalid")],
                        cells[header.indexOf("schema_jdk")], cells[header.indexOf("json_schema")]));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // System property tracegate.oracles (set by the root pom), else ../shared/oracles walking up from here.
    private static Path root() {
        String configured = System.getProperty("tracegate.oracles");
        if (configured != null && Files.isDirectory(Path.of(configured))) {
            return Path.of(configured).normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("../shared/oracles").normalize();
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
