package io.tracegate.gs1.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the standards bodies' data in {@code ../shared/oracles}. The folder exists in the development workspace
 * and in CI but not in a user's clone, where tests that need it are skipped with a message.
 */
public final class Oracles {

    private Oracles() {
    }

    /** The oracles folder: system property {@code tracegate.oracles}, else {@code ../shared/oracles} up the tree. */
    public static Path root() {
        String configured = System.getProperty("tracegate.oracles");
        if (configured != null && Files.isDirectory(Path.of(configured))) {
            return Path.of(configured).normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("../shared/oracles").normalize();
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        return null;
    }

    /** The oracle file at this path below the oracles folder; skips the calling test when it is absent. */
    public static Path require(String relative) {
        Path root = root();
        assumeTrue(root != null, "../shared/oracles is absent (a plain clone): skipping the test that needs " + relative);
        Path file = root.resolve(relative);
        assumeTrue(Files.exists(file), "oracle file " + file + " is absent: skipping");
        return file;
    }
}
