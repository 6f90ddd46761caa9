package io.tracegate.epcis.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegate.epcis.hash.EventHash;
import io.tracegate.epcis.model.Action;
import io.tracegate.epcis.model.Decimals;
import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.epcis.model.EventType;
import io.tracegate.epcis.model.LocationRef;
import io.tracegate.epcis.model.NamedValue;
import io.tracegate.epcis.model.QuantityElement;
import io.tracegate.epcis.model.SensorElement;
import io.tracegate.epcis.xml.StrictUtf8InputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Values that would cost memory or time out of proportion to their size, or that the model could not carry honestly,
 * are refused by the readers with an error that says which field and where: numbers out of range, characters XML
 * forbids, malformed UTF-8 and duplicate JSON members.
 */
class HostileValuesTest {

    private static final String CONTEXT = "\"@context\":\"" + Namespaces.EPCIS_CONTEXT + "\"";
    private static final String XML_EVENT = "<epcis:EPCISDocument xmlns:epcis=\"urn:epcglobal:epcis:xsd:2\""
            + " schemaVersion=\"2.0\" creationDate=\"2023-04-01T08:45:16Z\"><EPCISBody><EventList><ObjectEvent>"
            + "<eventTime>2023-04-01T08:45:16Z</eventTime><eventTimeZoneOffset>+00:00</eventTimeZoneOffset>"
            + "<epcList/><action>OBSERVE</action>%s</ObjectEvent></EventList></EPCISBody></epcis:EPCISDocument>";

    private static String jsonEvent(String members) {
        return "{" + CONTEXT + ",\"type\":\"EPCISDocument\",\"schemaVersion\":\"2.0\",\"creationDate\":"
                + "\"2023-04-01T08:45:16Z\",\"epcisBody\":{\"eventList\":[{\"type\":\"ObjectEvent\",\"eventTime\":"
                + "\"2023-04-01T08:45:16Z\",\"eventTimeZoneOffset\":\"+00:00\",\"action\":\"OBSERVE\"" + members
                + "}]}}";
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e99999999", "-1E+99999999", "1e-99999999", "12345678901234567890123456789012345678901"})
    void aQuantityOutOfRangeIsRefusedBeforeItIsWrittenOut(String quantity) {
        String json = jsonEvent(",\"quantityList\":[{\"epcClass\":\"urn:epc:class:lgtin:030001.0012345.L1\","
                + "\"quantity\":" + quantity + "}]");
        assertRefused(json.getBytes(StandardCharsets.UTF_8), "quantityList quantity", "out of range");
        String xml = XML_EVENT.formatted("<quantityList><quantityElement><epcClass>urn:epc:class:lgtin:030001."
                + "0012345.L1</epcClass><quantity>" + quantity + "</quantity></quantityElement></quantityList>");
        assertRefused(xml.getBytes(StandardCharsets.UTF_8), "quantity", "out of range");
    }

    @Test
    void theReportedFiveHundredByteDocumentIsRefusedNotExpanded() {
        String json = jsonEvent(",\"epcList\":[],\"quantityList\":[{\"epcClass\":\"urn:epc:class:lgtin:4012345"
                + ".012345.998877\",\"quantity\":1e99999999,\"uom\":\"KGM\"}]");
        assertTrue(json.length() < 600, "the document is small: " + json.length());
        assertRefused(json.getBytes(StandardCharsets.UTF_8), "1E+99999999 is out of range");
    }

    @Test
    void numbersInRangeAreKeptAsWritten() {
        String json = jsonEvent(",\"quantityList\":[{\"epcClass\":\"urn:epc:class:lgtin:030001.0012345.L1\","
                + "\"quantity\":2.50E+3},{\"epcClass\":\"urn:epc:class:lgtin:030001.0012345.L2\","
                + "\"quantity\":0e9999}]");
        List<QuantityElement> q = read(json.getBytes(StandardCharsets.UTF_8)).quantityList();
        assertEquals(new BigDecimal("2.50E+3"), q.get(0).quantity());
        assertEquals(BigDecimal.ZERO, q.get(1).quantity(), "a zero of any exponent is plain 0");
        assertEquals(new BigDecimal("1E+40").subtract(BigDecimal.ONE),
                Decimals.parse("9999999999999999999999999999999999999999"));
        assertThrows(IllegalArgumentException.class, () -> new QuantityElement("c", new BigDecimal("1E+41"), null));
    }

    @Test
    void aSensorValueOutOfRangeIsRefusedInBothFormats() {
        String json = jsonEvent(",\"epcList\":[],\"readPoint\":{\"id\":\"urn:epc:id:sgln:030001.111111.0\"},"
                + "\"sensorElementList\":[{\"sensorReport\":[{\"type\":\"Temperature\",\"value\":1e99999999}]}]");
        assertRefused(json.getBytes(StandardCharsets.UTF_8), "sensorReport value", "out of range");
        String xml = XML_EVENT.formatted("<sensorElementList><sensorElement><sensorReport type=\"gs1:Temperature\""
                + " value=\"1e99999999\"/></sensorElement></sensorElementList>");
        assertRefused(xml.getBytes(StandardCharsets.UTF_8), "sensorReport value", "out of range");
    }

    @Test
    void charactersXmlForbidsAreRefusedNamingTheField() {
        assertRefused(jsonEvent(",\"bizStep\":\"ship\\u0000ping\"").getBytes(StandardCharsets.UTF_8),
                "bizStep holds the character U+0000 at position 4");
        assertRefused(jsonEvent(",\"epcList\":[\"urn:epc:id:sgtin:030001.0012345.\\ud800\"]")
                .getBytes(StandardCharsets.UTF_8), "epcList entry holds the character U+D800");
        assertRefused(jsonEvent(",\"ex:note\":\"a\\u0001b\",\"@context\":{\"ex\":\"urn:ex\"}")
                .getBytes(StandardCharsets.UTF_8), "ex:note holds the character U+0001");
        assertRefused(jsonEvent(",\"ex:not a name\":\"x\",\"@context\":{\"ex\":\"urn:ex\"}")
                .getBytes(StandardCharsets.UTF_8), "'ex:not a name' is not a valid XML name");
        EpcisEvent kept = read(jsonEvent(",\"epcList\":[],\"ex:note\":\"tab\\tline\\nemoji \\ud83d\\ude00\","
                + "\"@context\":{\"ex\":\"urn:ex\"}").getBytes(StandardCharsets.UTF_8));
        assertEquals("tab\tline\nemoji \uD83D\uDE00", kept.extensions().get(0).text());
    }

    @Test
    void anErrorInABodyReadAfterItsContextSaysWhichEvent() {
        String json = "{\"type\":\"EPCISDocument\",\"epcisBody\":{\"eventList\":[{\"type\":\"ObjectEvent\","
                + "\"eventTime\":\"2023-04-01T08:45:16Z\",\"eventTimeZoneOffset\":\"+00:00\",\"action\":\"MOVE\"}]},"
                + CONTEXT + "}";
        assertRefused(json.getBytes(StandardCharsets.UTF_8), "in epcisBody (event 0): action 'MOVE' is not one of");
    }

    @Test
    void duplicateMembersAreRefusedNamingTheMemberAndPlace() {
        assertRefused(jsonEvent(",\"bizStep\":\"shipping\",\"bizStep\":\"receiving\"")
                .getBytes(StandardCharsets.UTF_8), "Duplicate field 'bizStep'", "line: 1");
        assertRefused(("{" + CONTEXT + "," + CONTEXT + ",\"type\":\"EPCISDocument\"}").getBytes(StandardCharsets.UTF_8),
                "Duplicate field '@context'");
    }

    @Test
    void malformedUtf8IsRefusedAtItsByteInJsonAndXml() {
        byte[][] malformed = {
            {(byte) 0xC0, (byte) 0xAF},                 // overlong '/'
            {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},    // overlong '/' in three bytes
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},    // an encoded surrogate
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},    // above U+10FFFF
            {(byte) 0xFF},
            {(byte) 0x80},                              // a continuation byte alone
            {(byte) 0xC3}                               // a truncated sequence
        };
        for (byte[] bad : malformed) {
            assertRefused(withBytes(jsonEvent(",\"bizStep\":\"x#y\""), bad), "invalid UTF-8 at byte");
            assertRefused(withBytes(XML_EVENT.formatted("<bizStep>urn:x:#</bizStep>"), bad), "invalid UTF-8 at byte");
        }
    }

    @Test
    void wellFormedUtf8PassesThroughUnchanged() throws IOException {
        String text = "Zürich — 東京 \uD83D\uDE00 \u007F\u0080\u07FF\u0800\uFFFD";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        try (InputStream in = new StrictUtf8InputStream(new ByteArrayInputStream(bytes))) {
            copy.write(in.read());
            in.transferTo(copy);
        }
        assertEquals(text, copy.toString(StandardCharsets.UTF_8));
        EpcisEvent e = read(jsonEvent(",\"epcList\":[],\"ex:v\":\"" + text + "\",\"@context\":{\"ex\":\"urn:ex\"}")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(text, e.extensions().get(0).text());
    }

    @Test
    void anXmlDocumentInAnotherEncodingIsReadInIt() {
        String xml = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + XML_EVENT.formatted(
                "<ex:note xmlns:ex=\"urn:ex\">Z\u00FCrich</ex:note>");
        EpcisEvent e = read(xml.getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("Z\u00FCrich", e.extensions().get(0).text());
    }

    @Test
    void anExtremeSensorValueBuiltInCodeIsHashedAsWrittenNotExpanded() {
        EpcisEvent extreme = EpcisEvent.builder(EventType.OBJECT_EVENT)
                .eventTime(OffsetDateTime.parse("2023-04-01T08:45:16Z")).eventTimeZoneOffset("+00:00")
                .action(Action.OBSERVE).readPoint(LocationRef.of("urn:epc:id:sgln:030001.111111.0"))
                .addSensorElement(new SensorElement(List.of(), List.of(List.of(
                        NamedValue.unqualified("type", "gs1:Temperature"),
                        NamedValue.unqualified("value", "1e99999999"))), List.of()))
                .build();
        assertTrue(EventHash.preHash(extreme).contains("value=1e99999999"), EventHash.preHash(extreme));
    }

    /** The document with {@code #} replaced by these bytes. */
    private static byte[] withBytes(String document, byte[] bytes) {
        byte[] text = document.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : text) {
            if (b == '#') {
                out.writeBytes(bytes);
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    private static EpcisEvent read(byte[] document) {
        try (EpcisReader r = EpcisReader.open(new ByteArrayInputStream(document))) {
            return r.readAll().events().get(0);
        }
    }

    private static void assertRefused(byte[] document, String... said) {
        EpcisReadException e = assertThrows(EpcisReadException.class, () -> read(document));
        for (String part : said) {
            assertTrue(e.getMessage().contains(part), () -> "'" + part + "' not in: " + e.getMessage());
        }
    }
}
