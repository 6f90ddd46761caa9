package io.tracegate.benchmarks.gs1;

import io.tracegate.benchmarks.RandomText;
import io.tracegate.gs1.Gs1Exception;
import io.tracegate.gs1.epc.Epc;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
 * Reads EPCs as a DSCSA document carries them, with full validation: {@link #parseUrn} a mix of EPC URNs in about
 * the proportions of a shipment document (unit and case SGTINs with 12-character serials, one in 16 with a
 * %-escaped character, SSCCs, SGLNs, LGTIN classes and SGTIN patterns), in runs of 12 of one product as a packing
 * line commissions them; {@link #parseUrnShuffled} the same URNs in random order (every product differs from the
 * one before); {@link #parseDigitalLink} the same EPCs as GS1 Digital Link URIs (EPCIS 2.0). 4096 distinct strings,
 * so that no branch predictor learns a single input. The validated EPCIS read (about 8.3 EPCs per event at 200,000
 * events/s) needs well over 1,700,000 URNs/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Threads(1)
public class EpcParseBenchmark {

    private static final int COUNT = 4096;
    private static final String SERIAL_CHARACTERS = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    private String[] urns;
    private String[] shuffledUrns;
    private String[] digitalLinks;
    private int next;

    @Setup
    public void setUp() {
        Random random = new Random(20261122);
        urns = new String[COUNT];
        digitalLinks = new String[COUNT];
        String labeler = null;
        String product = null;
        for (int i = 0; i < COUNT; i++) {
            if (i % 12 == 0) {
                labeler = "03" + RandomText.digits(random, 4);
                product = RandomText.digits(random, 6);
            }
            urns[i] = urn(i, labeler, product, random);
            try {
                digitalLinks[i] = Epc.parse(urns[i]).toDigitalLink(); // the mix must be all valid
            } catch (Gs1Exception e) {
                throw new IllegalStateException("benchmark input does not parse: " + urns[i], e);
            }
        }
        List<String> shuffled = new ArrayList<>(List.of(urns));
        Collections.shuffle(shuffled, random);
        shuffledUrns = shuffled.toArray(String[]::new);
    }

    @Benchmark
    public Epc parseUrn() {
        String urn = urns[next];
        next = (next + 1) & (COUNT - 1);
        return Epc.parse(urn);
    }

    @Benchmark
    public Epc parseUrnShuffled() {
        String urn = shuffledUrns[next];
        next = (next + 1) & (COUNT - 1);
        return Epc.parse(urn);
    }

    @Benchmark
    public Epc parseDigitalLink() {
        String uri = digitalLinks[next];
        next = (next + 1) & (COUNT - 1);
        return Epc.parse(uri);
    }

    private static String urn(int i, String labeler, String product, Random random) {
        return switch (i % 32) {
            case 0, 1 -> "urn:epc:id:sscc:" + labeler + "." + (1 + random.nextInt(8)) + RandomText.digits(random, 10);
            case 2 -> "urn:epc:id:sgln:" + labeler + "." + RandomText.digits(random, 6) + ".0";
            case 3 -> "urn:epc:class:lgtin:" + labeler + ".0" + product + "." + serial(random, 6);
            case 4 -> "urn:epc:idpat:sgtin:" + labeler + ".0" + product + ".*";
            // a serial with a character the URN escapes
            case 5, 21 -> "urn:epc:id:sgtin:" + labeler + ".0" + product + "." + serial(random, 5) + "%2F"
                    + serial(random, 6);
            case 6, 7, 8 -> "urn:epc:id:sgtin:" + labeler + ".1" + product + "." + serial(random, 12);
            default -> "urn:epc:id:sgtin:" + labeler + ".0" + product + "." + serial(random, 12);
        };
    }

    private static String serial(Random random, int n) {
        return RandomText.of(random, SERIAL_CHARACTERS, n);
    }
}
