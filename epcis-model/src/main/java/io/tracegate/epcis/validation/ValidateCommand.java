package io.tracegate.epcis.validation;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The {@code validate FILE} command: prints one finding per line,
 * {@code LEVEL<TAB>EVENT_INDEX<TAB>PATH<TAB>RULE<TAB>MESSAGE}, as the layers find them. {@code -} reads standard
 * input (spooled to a temporary file, because validation makes two passes).
 */
public final class ValidateCommand {

    public static final String USAGE = """
            usage: validate FILE
              Validates an EPCIS 1.2/2.0 XML or 2.0 JSON-LD document (- reads standard input): schema, GS1
              identifiers, DSCSA shipment rules. One finding per line:
                LEVEL<TAB>EVENT_INDEX<TAB>PATH<TAB>RULE<TAB>MESSAGE
              EVENT_INDEX is 0-based in document order, -1 for the header or the document as a whole.
            exit code: 0 no ERROR finding, 1 some ERROR finding, 2 unreadable file or bad usage
            """;

    public static final int OK = 0;
    public static final int INVALID = 1;
    public static final int UNREADABLE = 2;

    private ValidateCommand() {
    }

    /**
     * Runs the command.
     *
     * @param args the arguments after the command word: exactly one file name or {@code -}
     * @return the exit code
     */
    public static int run(List<String> args, InputStream stdin, OutputStream stdout, PrintStream stderr) {
        if (args.size() != 1 || args.get(0).isEmpty()) {
            stderr.print("validate takes exactly one FILE (or - for standard input)\n" + USAGE);
            return UNREADABLE;
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
                    stderr.println("cannot read " + name + ": " + (Files.exists(file) ? "not a readable file"
                            : "no such file"));
                    return UNREADABLE;
                }
            }
            return validate(file, stdout);
        } catch (IOException | UncheckedIOException e) {
            stderr.println("cannot read " + name + ": " + e.getMessage());
            return UNREADABLE;
        } finally {
            deleteQuietly(spooled);
        }
    }

    private static int validate(Path file, OutputStream stdout) throws IOException {
        Writer out = new BufferedWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), 1 << 16);
        boolean[] errors = {false};
        Validator.bundled().validate(file, finding -> {
            errors[0] |= finding.isError();
            try {
                out.write(finding.toTabSeparatedLine());
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        out.flush();
        return errors[0] ? INVALID : OK;
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
