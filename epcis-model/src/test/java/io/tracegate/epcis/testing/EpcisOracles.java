package io.tracegate.epcis.testing;

import io.tracegate.gs1.testing.Oracles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Locates the EPCIS oracle documents in {@code ../shared/oracles/epcis} and reads their {@code MANIFEST.tsv}. The
 * folder exists in the development workspace and in CI but not in a user's clone, where tests that need it are
 * skipped with a message.
 */
public final class EpcisOracles {

    private EpcisOracles() {
    }

    /** One row of MANIFEST.tsv. */
    public record Row(String path, String fmt, String version, String root, String events, String ilmdNamespace,
                      boolean intendedInvalid, String schemaJdk, String jsonSchema) {

        /** Whether the manifest records the document as valid against its XSD or JSON Schema. */
        public boolean schemaValid() {
            return !intendedInvalid && (schemaJdk.equals("valid") || jsonSchema.equals("valid"));
        }

        @Override
        public String toString() {
            return path;
        }
    }

    /** The oracles folder, or null when absent. */
    public static Path root() {
        return Oracles.root();
    }

    /**
     * The EPCIS oracle file at this path below {@code oracles/epcis}; when absent the calling test is skipped (or
     * fails with {@code CI=true}), see {@link Oracles#require}.
     */
    public static Path require(String relative) {
        return Oracles.require("epcis/" + relative);
    }

    /**
     * The manifest rows. When the oracles are absent the calling test (or parameterised test, when called from its
     * argument source) is skipped with a message rather than run with no cases.
     */
    public static List<Row> manifest() {
        Path manifest = require("MANIFEST.tsv");
        try {
            List<Row> rows = new ArrayList<>();
            List<String> lines = Files.readAllLines(manifest);
            for (String line : lines.subList(1, lines.size())) {
                String[] c = line.split("\t", -1);
                rows.add(new Row(c[0], c[1], c[2], c[3], c[4], c[7], c[10].equals("yes"), c[11], c[13]));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file of a manifest row. */
    public static Path file(Row row) {
        return root().resolve("epcis").resolve(row.path());
    }
}
