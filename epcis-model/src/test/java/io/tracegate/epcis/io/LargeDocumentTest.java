package io.tracegate.epcis.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.util.TokenBuffer;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A document of 1,000,000 EPCs is written, read, converted to JSON-LD and read again in a JVM limited to 64 MB of
 * heap (the target is 256 MB; 64 MB makes the test fail if anything holds the whole document, whose EPC strings alone
 * take about 100 MB): the forked JVM runs {@link #main} and exits non-zero on OutOfMemoryError. The JSON-LD is then
 * rewritten with its {@code @context} after the body, which the reader spools to a temporary file before it reads
 * the events: still in bounded memory, and the file is gone once the reader is closed (the forked JVM's temporary
 * directory is checked empty).
 */
class LargeDocumentTest {

    static final int EVENTS = 10_000;
    static final int EPCS_PER_EVENT = 100;

    @Test
    void millionEpcsStreamThroughFarLessThan256MbOfHeap(@TempDir Path dir) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Process p = new ProcessBuilder(java.toString(), "-Xmx64m", "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + tmp,
                "-cp", System.getProperty("java.class.path"), LargeDocumentTest.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        String output;
        try (InputStream out = p.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the forked JVM did not finish");
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("xml=1000000 jsonld=1000000 context-last=1000000 spooled=true"), output);
        try (var left = Files.list(tmp)) {
            assertEquals(List.of(), left.toList(), "the spool is deleted on close");
        }
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
        Path late = dir.resolve("context-last.jsonld");
        contextLast(json, late);
        long lateEpcs;
        boolean spooled;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(late));
             EpcisReader r = EpcisReader.open(in)) {
            lateEpcs = 0;
            while (r.hasNext()) {
                lateEpcs += r.next().epcList().size();
            }
            try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
                spooled = files.anyMatch(f -> f.getFileName().toString().startsWith("tracegate-epcis-body-"));
            }
        }
        System.out.println("xml=" + countEpcs(xml) + " jsonld=" + countEpcs(json) + " context-last=" + lateEpcs
                + " spooled=" + spooled);
    }

    /** The JSON-LD document with its {@code @context} moved after the body, streamed token by token. */
    private static void contextLast(Path in, Path out) throws IOException {
        JsonFactory factory = new JsonFactory();
        try (JsonParser p = factory.createParser(in.toFile()); JsonGenerator g = factory.createGenerator(out.toFile(),
                JsonEncoding.UTF8)) {
            p.nextToken();
            g.writeStartObject();
            TokenBuffer context = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (name.equals("@context")) {
                    context = new TokenBuffer(p);
                    context.copyCurrentStructure(p);
                } else {
                    g.writeFieldName(name);
                    g.copyCurrentStructure(p);
                }
            }
            g.writeFieldName("@context");
            try (JsonParser c = context.asParser()) {
                c.nextToken();
                g.copyCurrentStructure(c);
            }
            g.writeEndObject();
        }
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
