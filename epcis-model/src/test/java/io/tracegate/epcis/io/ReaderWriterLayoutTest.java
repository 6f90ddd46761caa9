package io.tracegate.epcis.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegate.epcis.model.Action;
import io.tracegate.epcis.model.EpcisDocument;
import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.epcis.model.EpcisHeader;
import io.tracegate.epcis.model.EventType;
import io.tracegate.epcis.model.ExtensionElement;
import io.tracegate.epcis.model.MasterData;
import io.tracegate.epcis.model.SensorElement;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the readers find fields and where the writers put them, version by version. */
class ReaderWriterLayoutTest {

    private static final OffsetDateTime T = OffsetDateTime.parse("2023-04-01T07:48:16Z");

    private static EpcisDocument read(String text) {
        try (EpcisReader r = EpcisReader.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))) {
            return r.readAll();
        }
    }

    private static String write(EpcisFormat format, EpcisEvent... events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EpcisWriter.write(new EpcisDocument(EpcisHeader.minimal(null, T), List.of(events)), format, out,
                WriteOptions.DEFAULT);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void epcis12WrapsLaterEventTypesAndFieldsInExtensions() {
        EpcisEvent transformation = EpcisEvent.builder(EventType.TRANSFORMATION_EVENT).eventTime(T)
                .eventTimeZoneOffset("+00:00").addInputEpc("urn:epc:id:sgtin:030001.0012345.1")
                .eventId("urn:uuid:374d95fc-9457-4a51-bd6a-0bba133845a8").build();
        EpcisEvent association = EpcisEvent.builder(EventType.ASSOCIATION_EVENT).eventTime(T)
                .eventTimeZoneOffset("+00:00").parentId("urn:epc:id:grai:4012345.55555.987")
                .addChildEpc("urn:epc:id:giai:4000001.12345").action(Action.ADD).build();
        String xml = write(EpcisFormat.XML_1_2, transformation, association);
        assertTrue(xml.replaceAll("\\s", "").contains("<EventList><extension><TransformationEvent>"), xml);
        assertTrue(xml.replaceAll("\\s", "").contains("<extension><extension><AssociationEvent>"), xml);
        assertTrue(xml.replaceAll("\\s", "").contains("<baseExtension><eventID>"), xml);
        assertEquals(List.of(transformation, association), read(xml).events());

        String xml20 = write(EpcisFormat.XML_2_0, transformation, association);
        assertTrue(xml20.replaceAll("\\s", "").contains("<EventList><TransformationEvent>"), xml20);
        assertEquals(List.of(transformation, association), read(xml20).events());
    }

    @Test
    void sensorDataAndPersistentDispositionTravelThroughEveryFormat() {
        EpcisEvent e = EpcisEvent.builder(EventType.OBJECT_EVENT).eventTime(T).eventTimeZoneOffset("+00:00")
                .addEpc("urn:epc:id:sgtin:030001.0012345.1").action(Action.OBSERVE)
                .addSensorElement(new SensorElement(
                        List.of(io.tracegate.epcis.model.NamedValue.unqualified("time", "2019-04-02T13:05:00Z")),
                        List.of(List.of(io.tracegate.epcis.model.NamedValue.unqualified("type", "gs1:Temperature"),
                                io.tracegate.epcis.model.NamedValue.unqualified("value", "26.0"),
                                io.tracegate.epcis.model.NamedValue.unqualified("uom", "CEL"))),
                        List.of()))
                .build();
        for (EpcisFormat f : EpcisFormat.values()) {
            assertEquals(List.of(e), read(write(f, e)).events(), f.label());
        }
        String json = write(EpcisFormat.JSON_LD_2_0, e);
        assertTrue(json.contains("\"type\" : \"Temperature\""), json);
        assertTrue(json.contains("\"value\" : 26.0"), json);
    }

    @Test
    void jsonLdReadsTheHeaderBeforeEventsAndLateKeysAfterThem() {
        String json = """
                {"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
                              {"ex": "https://example.org/ns/"}],
                 "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2023-04-01T08:45:16Z",
                 "sender": "urn:epc:id:sgln:030001.111111.0",
                 "epcisBody": {"eventList": [
                   {"type": "ObjectEvent", "eventTime": "2023-04-01T07:48:16Z", "eventTimeZoneOffset": "-05:00",
                    "epcList": ["urn:epc:id:sscc:030001.41234567890"], "action": "OBSERVE",
                    "bizStep": "shipping", "ex:note": {"ex:by": "dock 4"}}]},
                 "ex:trailer": "after the body"}
                """;
        try (EpcisReader r = EpcisReader.open(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))) {
            assertEquals("urn:epc:id:sgln:030001.111111.0", r.header().sbdh().senderIdentifier());
            assertEquals(Map.of("ex", "https://example.org/ns/"), r.namespaces());
            EpcisEvent e = r.next();
            ExtensionElement note = e.extensions().get(0);
            assertEquals("https://example.org/ns/", note.namespaceUri());
            assertEquals("dock 4", note.child("https://example.org/ns/", "by").text());
            assertTrue(!r.hasNext());
            assertEquals("after the body", r.header().documentExtensions().get(0).text());
        }
    }

    @Test
    void jsonLdHeaderAfterTheBodyIsStillTheHeader() {
        String json = """
                {"@context": "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
                 "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2023-04-01T08:45:16Z",
                 "epcisBody": {"eventList": [{"type": "ObjectEvent", "eventTime": "2023-04-01T07:48:16Z",
                   "eventTimeZoneOffset": "-05:00", "epcList": [], "action": "OBSERVE"}]},
                 "epcisHeader": {"epcisMasterData": {"vocabularyList": [{"type": "urn:epcglobal:epcis:vtype:Location",
                   "vocabularyElementList": [{"id": "urn:epc:id:sgln:030001.111111.0",
                     "attributes": [{"id": "urn:epcglobal:cbv:mda#name", "attribute": "GS1 Pharma"}]}]}]}}}
                """;
        try (EpcisReader r = EpcisReader.open(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))) {
            assertTrue(r.header().masterData().isEmpty(), "not known before the events");
            r.next();
            assertTrue(!r.hasNext());
            assertEquals("GS1 Pharma", r.header().masterData().element(MasterData.LOCATION,
                    "urn:epc:id:sgln:030001.111111.0").attribute(MasterData.MDA + "name"));
            assertTrue(r.header().documentExtensions().isEmpty());
        }
    }

    @Test
    void epcisAsTheDefaultNamespaceIsReadLikeUnqualifiedElements() {
        String xml = """
                <EPCISDocument xmlns="urn:epcglobal:epcis:xsd:1" schemaVersion="1.2"
                    creationDate="2023-04-01T08:45:16Z"><EPCISBody><EventList>
                  <ObjectEvent><eventTime>2023-04-01T07:48:16Z</eventTime>
                    <eventTimeZoneOffset>-05:00</eventTimeZoneOffset>
                    <epcList><epc>urn:epc:id:sscc:030001.41234567890</epc></epcList><action>OBSERVE</action>
                    <readPoint><id>urn:epc:id:sgln:030001.111121.0</id></readPoint></ObjectEvent>
                </EventList></EPCISBody></EPCISDocument>
                """;
        EpcisEvent e = read(xml).events().get(0);
        assertEquals(List.of("urn:epc:id:sscc:030001.41234567890"), e.epcList());
        assertEquals("urn:epc:id:sgln:030001.111121.0", e.readPoint().id());
        assertTrue(e.extensions().isEmpty());
    }

    @Test
    void utf16XmlWithAByteOrderMarkIsRead() {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><epcis:EPCISDocument "
                + "xmlns:epcis=\"urn:epcglobal:epcis:xsd:1\" schemaVersion=\"1.2\" creationDate=\"2023-04-01T08:45:16Z\">"
                + "<EPCISBody><EventList/></EPCISBody></epcis:EPCISDocument>";
        try (EpcisReader r = EpcisReader.open(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_16)))) {
            assertEquals(EpcisFormat.XML_1_2, r.format());
            assertTrue(!r.hasNext());
        }
    }

    @Test
    void errorsSayWhereAndWhat() {
        String xml = """
                <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:1" schemaVersion="1.2"
                    creationDate="2023-04-01T08:45:16Z"><EPCISBody><EventList>
                  <ObjectEvent><eventTime>2023-04-01T07:48:16Z</eventTime>
                    <eventTimeZoneOffset>-05:00</eventTimeZoneOffset><epcList/><action>CREATE</action></ObjectEvent>
                </EventList></EPCISBody></epcis:EPCISDocument>
                """;
        EpcisReadException e = assertThrows(EpcisReadException.class, () -> read(xml));
        assertEquals("line 4, column 72 (event 0): action 'CREATE' is not one of ADD, OBSERVE, DELETE", e.getMessage());
        EpcisReadException json = assertThrows(EpcisReadException.class, () -> read(
                "{\"@context\":\"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld\","
                + "\"type\":\"EPCISDocument\","
                + "\"epcisBody\":{\"eventList\":[{\"type\":\"ObjectEvent\",\"action\":\"ADD\"}]}}"));
        assertTrue(json.getMessage().endsWith("(event 0): ObjectEvent has no eventTime"), json.getMessage());
        EpcisReadException weight = assertThrows(EpcisReadException.class, () -> read(
                "{\"@context\":\"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld\","
                + "\"type\":\"EPCISDocument\","
                + "\"epcisBody\":{\"eventList\":[{\"type\":\"ObjectEvent\","
                + "\"eventTime\":\"2023-04-01T07:48:16Z\",\"action\":\"ADD\",\"quantityList\":"
                + "[{\"epcClass\":\"urn:epc:class:lgtin:4012345.012345.998877\",\"weight\":2}]}]}}"));
        assertTrue(weight.getMessage().endsWith("unexpected key 'weight' in quantityList entry (allowed: epcClass, "
                + "quantity, uom)"), weight.getMessage());
        EpcisReadException notEpcis = assertThrows(EpcisReadException.class, () -> read("<html/>"));
        assertTrue(notEpcis.getMessage().contains("root element html is not an EPCIS document"),
                notEpcis.getMessage());
    }

    @Test
    void namespacesOfTheSourceAreKeptOnOutput() {
        String xml = """
                <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:1" xmlns:acme="urn:acme:ext"
                    schemaVersion="1.2" creationDate="2023-04-01T08:45:16Z"><EPCISBody><EventList>
                  <ObjectEvent><eventTime>2023-04-01T07:48:16Z</eventTime>
                    <eventTimeZoneOffset>-05:00</eventTimeZoneOffset><epcList/><action>ADD</action>
                    <acme:line>4</acme:line>
                    <acme:batch xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"
                        acme:source="mes"/></ObjectEvent>
                </EventList></EPCISBody></epcis:EPCISDocument>
                """;
        EpcisDocument doc = read(xml);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EpcisWriter.write(doc, EpcisFormat.JSON_LD_2_0, out, WriteOptions.DEFAULT);
        String json = out.toString(StandardCharsets.UTF_8);
        assertTrue(json.contains("\"acme\" : \"urn:acme:ext\""), json);
        assertTrue(json.contains("\"acme:line\" : \"4\""), json);
        assertEquals(doc.events(), read(json).events(), "attributes, xsi:nil included, survive JSON-LD");
    }
}
