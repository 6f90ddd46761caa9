package io.tracegate.epcis.cli;

import io.tracegate.epcis.convert.ConversionOptions;
import io.tracegate.epcis.convert.DscsaRelease;
import io.tracegate.epcis.convert.EpcFormat;
import io.tracegate.epcis.convert.EpcisConverter;
import io.tracegate.epcis.io.CbvXmlFormat;
import io.tracegate.epcis.io.EpcisFormat;
import io.tracegate.epcis.io.EpcisReadException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code convert --to 1.2-xml|2.0-xml|2.0-jsonld [--release R1.2|R1.3] [--epc-format F] [--cbv-format F] FILE}:
 * writes the document in the target format to standard output, streaming. Exit 0 on success, 2 when the input
 * cannot be read or is not an EPCIS document, 64 for a usage error.
 */
final class ConvertCommand implements Command {

    static final int UNREADABLE = 2;

    @Override
    public String usage() {
        return "--to 1.2-xml|2.0-xml|2.0-jsonld [--release R1.2|R1.3] "
                + "[--epc-format No_Preference|Always_GS1_Digital_Link|Always_EPC_URN|Never_Translates] "
                + "[--cbv-format No_Preference|Always_Web_URI|Always_URN] FILE|-";
    }

    @Override
    public int run(List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
        ConversionOptions options;
        String file = null;
        try {
            EpcisFormat target = null;
            EpcFormat epcFormat = EpcFormat.NO_PREFERENCE;
            CbvXmlFormat cbvFormat = CbvXmlFormat.NO_PREFERENCE;
            DscsaRelease release = null;
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "--to" -> target = EpcisFormat.fromLabel(value(args, ++i, a));
                    case "--release" -> release = DscsaRelease.fromLabel(value(args, ++i, a));
                    case "--epc-format" -> epcFormat = EpcFormat.fromHeader(value(args, ++i, a));
                    case "--cbv-format" -> cbvFormat = CbvXmlFormat.fromHeader(value(args, ++i, a));
                    default -> {
                        if (a.startsWith("--") || file != null) {
                            throw new IllegalArgumentException("unexpected argument '" + a + "'");
                        }
                        file = a;
                    }
                }
            }
            if (target == null || file == null) {
                throw new IllegalArgumentException("--to and a FILE (or - for standard input) are required");
            }
            options = new ConversionOptions(target, epcFormat, cbvFormat, release);
        } catch (IllegalArgumentException e) {
            err.println("convert: " + e.getMessage());
            err.println("usage: convert " + usage());
            return USAGE;
        }
        try (InputStream in = file.equals("-") ? stdin : Files.newInputStream(Path.of(file))) {
            new EpcisConverter().convert(new BufferedInputStream(in, 1 << 16), out, options);
            out.flush();
            return 0;
        } catch (NoSuchFileException e) {
            err.println("convert: no such file: " + file);
        } catch (IOException | UncheckedIOException e) {
            err.println("convert: cannot read " + file + ": " + e.getMessage());
        } catch (EpcisReadException e) {
            err.println("convert: " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            err.println("convert: " + file + ": " + e.getMessage());
        }
        out.flush();
        return UNREADABLE;
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }
}
