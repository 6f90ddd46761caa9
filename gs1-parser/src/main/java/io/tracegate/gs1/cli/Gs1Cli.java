package io.tracegate.gs1.cli;

import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@code java -jar gs1-parser.jar parse [options]}: parses one input per line from stdin, writes one result per
 * line to stdout. Exit code 0 when every line parsed, 1 when any line did not, 2 for a bad command line.
 */
public final class Gs1Cli {

    static final String USAGE = """
            usage: java -jar gs1-parser.jar parse [options] < inputs
              Reads one input per line: scan data (]d2..., GS as separator), bracketed (01)..., unbracketed ^01...,
              a GS1 Digital Link URI (http(s)://...) or an EPC URN (urn:epc:...). Writes one line per input:
                OK<TAB><bracketed form>[<TAB>AMBIGUOUS<TAB><alternative>...]  or  ERR<TAB><message>
              Error positions are 0-based offsets into the input line.
            options:
              --escapes          decode \\x1D and \\u001D style escapes in the input (and show GS as \\x1D in output)
              --json             one JSON object per line with the elements and typed fields
              --to FORM          output dl, scan, hri, urn, bracketed (default) or unbracketed
              --separator S      also accept S as a substitute for GS (repeatable), e.g. --separator '|'
              --permit-unknown   accept AIs missing from the GS1 Syntax Dictionary
              --strict           reject strings that can be split into elements in more than one way
              --today YYYY-MM-DD the date that decides the century of YYMMDD dates (default: today, UTC)
            exit code: 0 all lines parsed, 1 some line did not, 2 bad usage
            """;

    /** Far beyond any GS1 symbol or Digital Link URI; longer lines are reported, not buffered. */
    static final int MAX_LINE_BYTES = 1 << 16;

    private Gs1Cli() {
    }

    public static void main(String[] args) {
        int code = run(args, System.in, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /** Runs the command line with the given streams; returns the exit code. */
    static int run(String[] args, InputStream stdin, OutputStream stdout, PrintStream stderr) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help"))) {
            writeQuietly(stdout, USAGE);
            return 0;
        }
        if (args.length == 0 || !args[0].equals("parse")) {
            stderr.print((args.length == 0 ? "missing command" : "unknown command " + args[0]) + "\n" + USAGE);
            return 2;
        }
        ParseCommand command;
        try {
            command = ParseCommand.fromArgs(Arrays.asList(args).subList(1, args.length));
        } catch (UsageException e) {
            stderr.print(e.getMessage() + "\n" + USAGE);
            return 2;
        }
        try {
            return parseLines(command, stdin, stdout);
        } catch (IOException e) {
            stderr.println("I/O error: " + e.getMessage());
            return 1;
        }
    }

    private static int parseLines(ParseCommand command, InputStream stdin, OutputStream stdout) throws IOException {
        BufferedInputStream in = new BufferedInputStream(stdin, 1 << 16);
        Writer out = new BufferedWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), 1 << 16);
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        boolean tooLong = false;
        boolean failed = false;
        int b;
        do {
            b = in.read();
            if (b >= 0 && b != '\n') {
                if (line.size() < MAX_LINE_BYTES) {
                    line.write(b);
                } else {
                    tooLong = true; // memory stays bounded whatever arrives on stdin
                }
                continue;
            }
            if (b < 0 && line.size() == 0) {
                break; // a final line terminator does not start another input
            }
            String result = tooLong
                    ? "ERR\tinput line longer than " + MAX_LINE_BYTES + " bytes (rule LINE_TOO_LONG)"
                    : handleSafely(command, decode(line));
            tooLong = false;
            failed |= result.startsWith("ERR");
            out.write(result);
            out.write('\n');
            line.reset();
            if (in.available() == 0) {
                out.flush(); // interactive use: answer each line as it is typed
            }
        } while (b >= 0);
        out.flush();
        return failed ? 1 : 0;
    }

    /** The line without its terminator ({@code \n} or {@code \r\n}); UTF-8 when it is valid, else ISO-8859-1. */
    private static String decode(ByteArrayOutputStream line) {
        byte[] bytes = line.toByteArray();
        int n = bytes.length;
        if (n > 0 && bytes[n - 1] == '\r') {
            n--;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, n)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
        }
    }

    /** A parser defect must not end the run or print a stack trace; it becomes this line's error. */
    private static String handleSafely(ParseCommand command, String line) {
        try {
            return command.handle(line);
        } catch (RuntimeException e) {
            return "ERR\tinternal error (please report): " + Escapes.encodeControls(String.valueOf(e));
        }
    }

    private static void writeQuietly(OutputStream out, String s) {
        try {
            out.write(s.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
