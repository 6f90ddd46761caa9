package io.tracegate.benchmarks.epcis;

import io.tracegate.epcis.hash.EventHash;
import io.tracegate.epcis.io.EpcisReader;
import io.tracegate.epcis.model.EpcisEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * CBV 2.0 event hash IDs of DSCSA events (the generated shipment mix: commissioning with ILMD, packing, shipping;
 * about 8.7 EPCs per event), computed from the model: one operation is one event hashed. 9,999 distinct events in
 * rotation. Target: 150,000 events/s on one thread (OpenEPCIS's generator does about 30,000/s).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Threads(1)
public class EventHashBenchmark {

    private static final int EVENTS = 9_999;

    private EpcisEvent[] events;
    private int next;

    @Setup
    public void setUp() {
        Path document = DscsaShipmentEvents.writeDocument(EVENTS, 20260115);
        try (InputStream in = Files.newInputStream(document); EpcisReader reader = EpcisReader.open(in)) {
            events = reader.readAll().events().toArray(EpcisEvent[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Benchmark
    public String hashDscsaEvent() {
        EpcisEvent e = events[next];
        next = next + 1 == events.length ? 0 : next + 1;
        return EventHash.of(e);
    }
}
