package io.tracegate.benchmarks.epcis;

import io.tracegate.epcis.io.EpcisReader;
import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.epcis.validation.IdentifierLayer;
import io.tracegate.epcis.validation.ValidationFinding;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reads a generated 100,000-event DSCSA shipment document (EPCIS 1.2 XML; commissioning, packing and shipping of
 * 10-case pallets of 12 units, about 8.7 EPCs per event) from a file, streaming, with and without the identifier
 * validation layer (every EPC, GLN and date checked through gs1-parser). Scores are events per second. Target: the
 * validated read at 200,000 events/s on one thread.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Threads(1)
public class EpcisReadBenchmark {

    static final int EVENTS = 100_000;

    private Path document;

    @Setup
    public void setUp() {
        document = DscsaShipmentEvents.writeDocument(EVENTS, 20260115);
        int[] errors = {0};
        if (readValidated(f -> errors[0]++) != EVENTS || errors[0] != 0) {
            throw new IllegalStateException("the generated document must read back whole and valid, found "
                    + errors[0] + " identifier errors");
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public int readWithIdentifierValidation() {
        int[] findings = {0};
        return readValidated(f -> findings[0]++) + findings[0];
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long readOnly() {
        long epcs = 0;
        try (InputStream in = Files.newInputStream(document); EpcisReader reader = EpcisReader.open(in)) {
            while (reader.hasNext()) {
                epcs += reader.next().epcList().size();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return epcs;
    }

    private int readValidated(Consumer<ValidationFinding> sink) {
        try (InputStream in = Files.newInputStream(document); EpcisReader reader = EpcisReader.open(in)) {
            IdentifierLayer identifiers = new IdentifierLayer(reader.format());
            identifiers.header(reader.header(), sink);
            int index = 0;
            while (reader.hasNext()) {
                EpcisEvent event = reader.next();
                identifiers.event(index, "/EPCISDocument/EPCISBody/EventList/*", event, sink);
                index++;
            }
            identifiers.end(sink);
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
