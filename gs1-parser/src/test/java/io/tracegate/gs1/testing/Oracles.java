package io.tracegate.gs1.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Locates the standards bodies' data in {@code ../shared/oracles}. The folder exists in the development workspace
 * and in CI but not in a user's clone. There, a test suite that needs it is skipped, and says so in one line per
 * suite; with the environment variable {@code CI=true} it fails instead, so that CI never passes without them.
 */
public final class Oracles {

    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

    private Oracles() {
    }

    /**
     * The oracles folder, or null when absent: the system property {@code tracegate.oracles} when set (the build
     * sets it to {@code ../shared/oracles}; {@code -Dtracegate.oracles=/nonexistent} runs the build as a plain clone
     * would), else {@code ../shared/oracles} up the tree (a test run from an IDE).
     */
    public static Path root() {
        String configured = System.getProperty("tracegate.oracles");
        if (configured != null) {
            Path dir = Path.of(configured);
            return Files.isDirectory(dir) ? dir.normalize() : null;
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

    /**
     * The oracle file at this path below the oracles folder. When the folder is absent the calling test is skipped
     * (one line per suite says so), or fails when {@code CI=true}; when only the file is absent it is skipped.
     */
    public static Path require(String relative) {
        Path root = root();
        if (root == null) {
            String suite = callingSuite();
            String message = "../shared/oracles is absent, so " + suite + " (which needs " + relative + ") cannot run";
            if ("true".equals(System.getenv("CI"))) {
                fail(message + ": CI=true requires the oracle suites (check out the shared workspace beside the"
                        + " repository, or set -Dtracegate.oracles=DIR)");
            }
            if (REPORTED.add(suite)) {
                System.out.println("[oracles] " + suite + ": its oracle tests are skipped, ../shared/oracles is"
                        + " absent (a plain clone); -Dtracegate.oracles=DIR runs them");
            }
            assumeTrue(false, message);
        }
        Path file = root.resolve(relative);
        assumeTrue(Files.exists(file), "oracle file " + file + " is absent: skipping");
        return file;
    }

    /** The test class that asked (through any helpers): the first caller named like a test class. */
    private static String callingSuite() {
        return StackWalker.getInstance().walk(frames -> frames
                .map(StackWalker.StackFrame::getClassName)
                .map(c -> c.contains("$") ? c.substring(0, c.indexOf('$')) : c)
                .filter(c -> c.endsWith("Test") || c.endsWith("IT"))
                .findFirst().orElse("a test suite"));
    }
}
