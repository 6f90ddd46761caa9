package io.tracegate.benchmarks.gs1;

import io.tracegate.benchmarks.RandomText;
import io.tracegate.gs1.CheckDigit;
import io.tracegate.gs1.ElementString;
import io.tracegate.gs1.Gs1Exception;
import io.tracegate.gs1.Gs1Parser;
import io.tracegate.gs1.ParseOptions;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parses DSCSA DataMatrix scans ({@code ]d2} + GTIN, expiry, lot, 20-character serial) with full validation, as a
 * pharmacy or packaging-line scanner delivers them: the element orders seen in practice, GS only where needed or
 * also after fixed-length fields, sometimes a trailing GS. 4096 distinct strings, so that no branch predictor or
 * cache learns a single input. Target: 2,000,000 parses/s on one thread (the GS1 C engine does about 840,000).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Threads(1)
public class Gs1ParseBenchmark {

    private static final int COUNT = 4096;
    private static final char GS = '\u001D';
    private static final String ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final LocalDate TODAY = LocalDate.of(2026, 1, 15);
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");

    private Gs1Parser parser;
    private String[] scans;
    private int next;

    @Setup
    public void setUp() {
        parser = new Gs1Parser(ParseOptions.defaults()
                .withClock(Clock.fixed(TODAY.atStartOfDay(ZoneOffset.UTC).toInstant(), ZoneOffset.UTC)));
        scans = dscsaScans(COUNT, new Random(20261115));
        for (String s : scans) {
            try {
                parser.parseScanData(s); // the mix must be all valid: errors are a different benchmark
            } catch (Gs1Exception e) {
                throw new IllegalStateException("benchmark input does not parse: " + s.replace(GS, '~') + ": "
                        + e.getMessage(), e);
            }
        }
    }

    @Benchmark
    public ElementString parseDscsaScan() {
        String scan = scans[next];
        next = (next + 1) & (COUNT - 1);
        return parser.parseScanData(scan);
    }

    static String[] dscsaScans(int count, Random random) {
        String[] out = new String[count];
        for (int i = 0; i < count; i++) {
            String gtin = "01" + CheckDigit.append(random.nextInt(4) + "03" + RandomText.digits(random, 10));
            String expiry = "17" + expiry(random);
            String lot = "10" + RandomText.of(random, ALPHANUMERIC, 4 + random.nextInt(7));
            String serial = "21" + RandomText.of(random, ALPHANUMERIC, 20);
            String scan = switch (i % 6) {
                // GS1 US guidance: key, fixed-length fields, then the variable ones
                case 0 -> gtin + expiry + lot + GS + serial;
                case 1 -> gtin + expiry + serial + GS + lot;
                // the common alternative with the serial first
                case 2 -> gtin + serial + GS + expiry + lot;
                case 3 -> gtin + lot + GS + expiry + serial;
                // a (tolerated) GS after fixed-length fields, as some printers send
                case 4 -> gtin + GS + expiry + GS + lot + GS + serial;
                // a trailing GS, as some scanners deliver
                default -> gtin + expiry + lot + GS + serial + GS;
            };
            out[i] = "]d2" + scan;
        }
        return out;
    }

    private static String expiry(Random random) {
        LocalDate date = TODAY.plusDays(random.nextInt(3 * 365));
        String yymmdd = date.format(YYMMDD);
        // a quarter of labels give only the month (day 00)
        return random.nextInt(4) == 0 ? yymmdd.substring(0, 4) + "00" : yymmdd;
    }
}
