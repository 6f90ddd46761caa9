package io.tracegate.epcis.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegate.epcis.convert.ConversionOptions;
import io.tracegate.epcis.convert.EpcisConverter;
import io.tracegate.epcis.model.Action;
import io.tracegate.epcis.model.CbvValue;
import io.tracegate.epcis.model.CbvVocabulary;
import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.epcis.model.EpcisHeader;
import io.tracegate.epcis.model.EventType;
import io.tracegate.epcis.model.LocationRef;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A document of 1,000,000 EPCs is written, read, converted to JSON-LD and read again in a JVM limited to 64 MB of
 * heap (the target is 256 MB; 64 MB makes the test fail if anything holds the whole document, whose EPC strings alone
 * take about 100 MB): the forked JVM runs {@link #main} and exits non-zero on OutOfMemoryError.
 */
class LargeDocumentTest {

    static final int EVENTS = 10_000;
    static final int EPCS_PER_EVENT = 100;

    @Test
    void millionEpcsStreamThroughFarLessThan256MbOfHeap(@TempDir Path dir) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xmx64m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), LargeDocumentTest.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        String output;
        try (InputStream out = p.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the forked JVM did not finish");
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("xml=1000000 jsonld=1000000"), output);
    }

    /** Runs in the forked JVM: writes, reads, converts and reads again, printing the EPC counts. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Path xml = dir.resolve("large.xml");
        Path json = dir.resolve("large.jsonld");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(xml));
             EpcisWriter w = EpcisWriter.create(EpcisFormat.XML_1_2, out)) {
            w.writeHeader(EpcisHeader.minimal("1.2", OffsetDateTime.parse("2023-04-01T08:45:16Z")));
            for (int i = 0; i < EVENTS; i++) {
                w.write(event(i));
            }
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(xml));
             OutputStream out = new BufferedOutputStream(Files.newOutputStream(json))) {
            new EpcisConverter().convert(in, out, ConversionOptions.to(EpcisFormat.JSON_LD_2_0));
        }
        System.out.println("xml=" + countEpcs(xml) + " jsonld=" + countEpcs(json));
    }

    private static EpcisEvent event(int i) {
        EpcisEvent.Builder b = EpcisEvent.builder(EventType.OBJECT_EVENT)
                .eventTime(OffsetDateTime.parse("2023-03-27T06:45:16Z").plusSeconds(i))
                .eventTimeZoneOffset("-05:00")
                .action(Action.ADD)
                .bizStep(CbvValue.standard(CbvVocabulary.BIZ_STEP, "commissioning"))
                .disposition(CbvValue.standard(CbvVocabulary.DISPOSITION, "active"))
                .readPoint(LocationRef.of("urn:epc:id:sgln:030001.111111.0"));
        for (int k = 0; k < EPCS_PER_EVENT; k++) {
            b.addEpc("urn:epc:id:sgtin:030001.0012345." + (i * EPCS_PER_EVENT + k));
        }
        return b.build();
    }

    private static long countEpcs(Path file) throws IOException {
        long n = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file));
             EpcisReader r = EpcisReader.open(in)) {
            while (r.hasNext()) {
                n += r.next().epcList().size();
            }
        }
        return n;
    }
}
