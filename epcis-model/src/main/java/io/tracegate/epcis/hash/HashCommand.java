package io.tracegate.epcis.hash;

import io.tracegate.epcis.cli.Command;
import io.tracegate.epcis.io.EpcisReadException;
import io.tracegate.epcis.io.EpcisReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code hash FILE|-}: prints the CBV 2.0 event hash ID of every event, one per line in document order, streaming
 * (one event in memory at a time). Exit 0 on success, 2 when the input cannot be read or is not an EPCIS document
 * (the IDs of the events before the failure are printed), 64 for a usage error.
 */
public final class HashCommand implements Command {

    static final int UNREADABLE = 2;

    @Override
    public String usage() {
        return "FILE|-";
    }

    @Override
    public int run(List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
        if (args.size() != 1 || args.get(0).startsWith("--")) {
            err.println("hash: expected exactly one FILE (or - for standard input), got " + args);
            err.println("usage: hash " + usage());
            return USAGE;
        }
        String file = args.get(0);
        try (InputStream in = file.equals("-") ? stdin : Files.newInputStream(Path.of(file));
             EpcisReader reader = EpcisReader.open(in)) {
            while (reader.hasNext()) {
                out.println(EventHash.of(reader.next()));
            }
            out.flush();
            return 0;
        } catch (NoSuchFileException e) {
            err.println("hash: no such file: " + file);
        } catch (IOException | UncheckedIOException e) {
            err.println("hash: cannot read " + file + ": " + e.getMessage());
        } catch (EpcisReadException | IllegalArgumentException e) {
            err.println("hash: " + file + ": " + e.getMessage());
        }
        out.flush();
        return UNREADABLE;
    }
}
