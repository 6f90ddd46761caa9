package io.tracegate.epcis.xml;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegate.epcis.io.EpcisReadException;
import io.tracegate.epcis.io.EpcisReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile documents fail fast with a clear error and without reading more than a bounded amount. */
class HostileInputTest {

    private static final String ROOT = "<epcis:EPCISDocument xmlns:epcis=\"urn:epcglobal:epcis:xsd:1\" "
            + "schemaVersion=\"1.2\" creationDate=\"2023-04-01T08:45:16Z\">";
    private static final String EVENT_START = ROOT + "<EPCISBody><EventList><ObjectEvent>"
            + "<eventTime>2023-04-01T08:45:16Z</eventTime><eventTimeZoneOffset>+00:00</eventTimeZoneOffset>";

    @Test
    void externalEntityIsNeverResolved(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET");
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                + EVENT_START + "<epcList><epc>&xxe;</epc></epcList><action>ADD</action></ObjectEvent>"
                + "</EventList></EPCISBody></epcis:EPCISDocument>";
        EpcisReadException e = assertThrows(EpcisReadException.class, () -> readAll(xml));
        assertTrue(e.getMessage().contains("xxe"), e.getMessage());
        assertTrue(!e.getMessage().contains("TOP-SECRET"));
    }

    @Test
    void billionLaughsIsRejected() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"");
            dtd.append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        dtd.append("]>");
        String xml = dtd + EVENT_START + "<epcList><epc>&lol9;</epc></epcList><action>ADD</action></ObjectEvent>"
                + "</EventList></EPCISBody></epcis:EPCISDocument>";
        EpcisReadException e = assertThrows(EpcisReadException.class, () -> readAll(xml));
        assertTrue(e.getMessage().contains("lol9"), e.getMessage());
    }

    @Test
    void deepNestingIsRejectedAtTheDepthLimit() {
        int depth = 200;
        String xml = EVENT_START + "<epcList/><action>ADD</action>"
                + "<x:a xmlns:x=\"urn:x\">".repeat(depth) + "</x:a>".repeat(depth)
                + "</ObjectEvent></EventList></EPCISBody></epcis:EPCISDocument>";
        EpcisReadException e = assertThrows(EpcisReadException.class, () -> readAll(xml));
        assertTrue(e.getMessage().toLowerCase().contains("depth"), e.getMessage());
    }

    @Test
    void endlessTextIsCutOffAtTheTextLimit() {
        CountingEndlessStream in = new CountingEndlessStream(EVENT_START + "<epcList><epc>", 2L << 30);
        EpcisReadException e = assertThrows(EpcisReadException.class, () -> readAll(in));
        assertTrue(e.getMessage().toLowerCase().contains("length") || e.getMessage().contains("limit"),
                e.getMessage());
        assertTrue(in.served < 16L << 20, "read " + in.served + " bytes of a 2 GB stream");
    }

    @Test
    void endlessJsonStringIsCutOffAtTheStringLimit() {
        CountingEndlessStream in = new CountingEndlessStream("{\"type\":\"EPCISDocument\",\"x:y\":\"", 2L << 30);
        EpcisReadException e = assertThrows(EpcisReadException.class, () -> readAll(in));
        assertTrue(e.getMessage().contains("length"), e.getMessage());
        assertTrue(in.served < 16L << 20, "read " + in.served + " bytes of a 2 GB stream");
    }

    @Test
    void documentSizeLimitStopsAnOtherwiseValidStream() {
        CountingEndlessStream in = new CountingEndlessStream(EVENT_START + "<epcList>",
                2L << 30, "<epc>urn:epc:id:sgtin:030001.0012345.1</epc>");
        DocumentLimits limits = DocumentLimits.DEFAULT.withMaxDocumentBytes(1 << 20);
        EpcisReadException e = assertThrows(EpcisReadException.class, () -> {
            try (EpcisReader r = EpcisReader.open(in, limits)) {
                r.readAll();
            }
        });
        assertTrue(e.getMessage().contains("size limit"), e.getMessage());
        assertTrue(in.served < 2 << 20, "read " + in.served + " bytes");
    }

    private static void readAll(String xml) {
        readAll(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static void readAll(InputStream in) {
        try (EpcisReader r = EpcisReader.open(in)) {
            r.readAll();
        }
    }

    /** A prefix, then one repeated unit (default 'a') up to a total length, counting the bytes handed out. */
    private static final class CountingEndlessStream extends InputStream {
        private final byte[] prefix;
        private final byte[] unit;
        private final long length;
        private long served;

        CountingEndlessStream(String prefix, long length) {
            this(prefix, length, "a");
        }

        CountingEndlessStream(String prefix, long length, String unit) {
            this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
            this.unit = unit.getBytes(StandardCharsets.UTF_8);
            this.length = length;
        }

        @Override
        public int read() {
            if (served >= length) {
                return -1;
            }
            long i = served++;
            return i < prefix.length ? prefix[(int) i] : unit[(int) ((i - prefix.length) % unit.length)];
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (served >= length) {
                return -1;
            }
            int n = (int) Math.min(len, length - served);
            for (int k = 0; k < n; k++) {
                b[off + k] = (byte) read();
            }
            return n;
        }
    }
}
