package io.tracegate.epcis.validation;

import io.tracegate.epcis.cli.Command;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * {@code validate FILE|-}: validates an EPCIS 1.2/2.0 XML or 2.0 JSON-LD document (schema, GS1 identifiers, CBV
 * vocabularies, DSCSA shipment rules) and prints one finding per line as the layers find them,
 * {@code LEVEL<TAB>EVENT_INDEX<TAB>PATH<TAB>RULE<TAB>MESSAGE} (event index 0-based, -1 for the header or the document
 * as a whole). Exit 0 when no finding is an ERROR, 1 otherwise, 2 when the file cannot be read, 64 for a usage
 * error. {@code -} reads standard input, spooled to a temporary file because validation makes two passes.
 */
public final class ValidateCommand implements Command {

    public static final int VALID = 0;
    public static final int INVALID = 1;
    public static final int UNREADABLE = 2;

    @Override
    public String usage() {
        return "FILE|-";
    }

    @Override
    public int run(List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
        if (args.size() != 1 || args.get(0).isEmpty() || args.get(0).startsWith("--")) {
            err.println("validate: expected exactly one FILE (or - for standard input), got " + args);
            err.println("usage: validate " + usage());
            return USAGE;
        }
        String name = args.get(0);
        Path spooled = null;
        try {
            Path file;
            if (name.equals("-")) {
                spooled = Files.createTempFile("tracegate-validate-", ".epcis");
                Files.copy(stdin, spooled, StandardCopyOption.REPLACE_EXISTING);
                file = spooled;
            } else {
                file = Path.of(name);
                if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                    err.println("validate: cannot read " + name + ": "
                            + (Files.exists(file) ? "not a readable file" : "no such file"));
                    return UNREADABLE;
                }
            }
            return validate(file, out);
        } catch (IOException | UncheckedIOException e) {
            err.println("validate: cannot read " + name + ": " + e.getMessage());
            return UNREADABLE;
        } finally {
            out.flush();
            deleteQuietly(spooled);
        }
    }

    private static int validate(Path file, PrintStream out) throws IOException {
        boolean[] errors = {false};
        Validator.bundled().validate(file, finding -> {
            errors[0] |= finding.isError();
            out.print(finding.toTabSeparatedLine() + "\n");
        });
        return errors[0] ? INVALID : VALID;
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a leftover temporary file is not worth failing the command for
            }
        }
    }
}
