package io.tracegate.benchmarks.epcis;

import io.tracegate.epcis.io.EpcisFormat;
import io.tracegate.epcis.io.EpcisReader;
import io.tracegate.epcis.io.EpcisWriter;
import io.tracegate.epcis.model.EpcisEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Memory check: writes a DSCSA shipment document of at least 1,000,000 EPCs (1.2 XML, streaming), reads it back
 * event by event and writes it again as 2.0 JSON-LD and as 1.2 XML, and prints the peak heap use. Run it under the
 * limit it is meant to prove:
 * {@code java -Xmx256m -cp benchmarks/target/benchmarks.jar io.tracegate.benchmarks.epcis.LargeDocumentMemoryCheck}.
 */
public final class LargeDocumentMemoryCheck {

    private static final long EPCS = 1_000_000;

    private LargeDocumentMemoryCheck() {
    }

    public static void main(String[] args) throws IOException {
        long start = System.nanoTime();
        int events = eventsFor(EPCS);
        Path document = DscsaShipmentEvents.writeDocument(events, 20260115);
        long epcs = 0;
        long[] written = new long[2];
        EpcisFormat[] targets = {EpcisFormat.JSON_LD_2_0, EpcisFormat.XML_1_2};
        for (int t = 0; t < targets.length; t++) {
            CountingSink sink = new CountingSink();
            epcs = 0;
            try (InputStream in = Files.newInputStream(document); EpcisReader reader = EpcisReader.open(in);
                 EpcisWriter writer = EpcisWriter.create(targets[t], sink)) {
                writer.writeHeader(reader.header());
                while (reader.hasNext()) {
                    EpcisEvent e = reader.next();
                    epcs += e.allEpcs().size();
                    writer.write(e);
                }
            }
            written[t] = sink.count;
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("document: %d events, %d EPCs, %d MB of 1.2 XML; rewritten as 2.0 JSON-LD (%d MB) and "
                        + "1.2 XML (%d MB)%n", events, epcs, Files.size(document) >> 20, written[0] >> 20,
                written[1] >> 20);
        System.out.printf("max heap %d MB, peak heap used %d MB (sum of heap pool peaks), %.1f s%n",
                Runtime.getRuntime().maxMemory() >> 20, peak >> 20, (System.nanoTime() - start) / 1e9);
        Files.delete(document);
    }

    /** Events of the generated mix that hold at least this many EPCs (parent, epcList, childEPCs). */
    private static int eventsFor(long epcs) {
        DscsaShipmentEvents source = new DscsaShipmentEvents(20260115);
        long seen = 0;
        int events = 0;
        while (seen < epcs) {
            seen += source.next().allEpcs().size();
            events++;
        }
        return events;
    }

    /** Discards the bytes, counting them. */
    private static final class CountingSink extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
