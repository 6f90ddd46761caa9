package io.tracegate.epcis.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegate.epcis.model.EpcisDocument;
import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.epcis.model.EpcisHeader;
import io.tracegate.epcis.model.ExtensionElement;
import io.tracegate.epcis.model.NamedValue;
import io.tracegate.epcis.testing.EpcisOracles;
import io.tracegate.epcis.testing.RecordDiff;
import io.tracegate.epcis.validation.ValidationFinding;
import io.tracegate.epcis.validation.XsdValidator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Extension content keeps what it says across formats: typed values without XML's layout whitespace, attributes
 * through JSON-LD and back, the namespace IRIs a JSON-LD context declares wherever it declares them (after the body,
 * redefining a standard prefix such as {@code cbvmda}), and JSON's {@code extension} member as XML's transparent
 * wrapper, never written as a doubled one.
 */
class ExtensionValuesTest {

    private static final String CONTEXT = Namespaces.EPCIS_CONTEXT;

    @Test
    void aTypedValueIsItsValueWithoutLayoutWhitespace() {
        String xml = xmlEvent("""
                <ex:count xsi:type="xsd:integer">
                    10
                </ex:count>
                <ex:when xsi:type="xsd:dateTime"> 2023-04-01T08:45:16Z </ex:when>
                <ex:label xsi:type="xsd:string">  kept  </ex:label>
                <ex:plain>  kept too  </ex:plain>""");
        List<ExtensionElement> x = read(xml.getBytes(StandardCharsets.UTF_8)).extensions();
        assertEquals(List.of("10", "2023-04-01T08:45:16Z", "  kept  ", "  kept too  "),
                x.stream().map(ExtensionElement::text).toList());

        String json = new String(write(read(xml.getBytes(StandardCharsets.UTF_8)), EpcisFormat.JSON_LD_2_0),
                StandardCharsets.UTF_8);
        assertTrue(json.contains("\"@type\":\"xsd:integer\",\"@value\":\"10\""), json);
    }

    @Test
    void attributesSurviveJsonLdAndBack() {
        String xml = xmlEvent("""
                <ex:reading unit="kg" ex:source="scale-7" xsi:type="xsd:decimal">12.5</ex:reading>
                <ex:box ex:id="b1"><ex:item n="1">a</ex:item><ex:item n="2">b</ex:item></ex:box>""");
        EpcisEvent fromXml = read(xml.getBytes(StandardCharsets.UTF_8));
        byte[] json = write(fromXml, EpcisFormat.JSON_LD_2_0);
        EpcisEvent fromJson = read(json);
        EpcisEvent backFromXml = read(write(fromJson, EpcisFormat.XML_2_0));

        assertNull(RecordDiff.firstDifference(fromXml, fromJson));
        assertNull(RecordDiff.firstDifference(fromXml, backFromXml));
        ExtensionElement reading = fromJson.extensions().get(0);
        assertEquals(List.of(NamedValue.unqualified("unit", "kg"), new NamedValue("urn:ex", "ex", "source",
                "scale-7"), new NamedValue(Namespaces.XSI, "xsi", "type", "xsd:decimal")), reading.attributes());
        assertEquals("12.5", reading.text());
    }

    @Test
    void anExtensionMemberIsTheWrapperNotAnElement() throws IOException {
        String json = "{\"@context\":[\"" + CONTEXT + "\",{\"ex\":\"urn:ex\"}],\"type\":\"EPCISDocument\","
                + "\"schemaVersion\":\"2.0\",\"creationDate\":\"2023-04-01T08:45:16Z\",\"epcisBody\":{\"eventList\":"
                + "[{\"type\":\"ObjectEvent\",\"eventTime\":\"2023-04-01T08:45:16Z\","
                + "\"eventTimeZoneOffset\":\"+00:00\","
                + "\"epcList\":[\"urn:epc:id:sgtin:030001.0012345.1\"],\"action\":\"OBSERVE\",\"readPoint\":{\"id\":"
                + "\"urn:epc:id:sgln:030001.111111.0\",\"extension\":{\"ex:dock\":\"4\"}},\"extension\":{\"ex:a\":"
                + "{\"moreExtensions\":{\"tag\":\"1\"}}}}]}}";
        EpcisEvent event = read(json.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("{urn:ex}a"), event.extensions().stream().map(ExtensionElement::expandedName).toList());
        assertEquals("{urn:ex}dock", event.readPoint().extensions().get(0).expandedName());

        byte[] xml = write(event, EpcisFormat.XML_2_0);
        String text = new String(xml, StandardCharsets.UTF_8);
        assertFalse(Pattern.compile("<extension>\\s*<extension>").matcher(text).find(), text);
        assertEquals(List.of(), new XsdValidator().validate(new ByteArrayInputStream(xml)).stream()
                .filter(ValidationFinding::isError).toList(), text);
        assertNull(RecordDiff.firstDifference(event, read(xml)));
    }

    @Test
    void aLateContextRedefiningCbvmdaKeepsItsIriInEveryFormat() {
        String json = "{\"type\":\"EPCISDocument\",\"schemaVersion\":\"2.0\",\"creationDate\":\"2023-04-01T08:45:16Z\","
                + "\"epcisBody\":{\"eventList\":[{\"type\":\"ObjectEvent\",\"eventTime\":\"2023-04-01T08:45:16Z\","
                + "\"eventTimeZoneOffset\":\"+00:00\",\"epcList\":[\"urn:epc:id:sgtin:030001.0012345.1\"],"
                + "\"action\":\"ADD\",\"ilmd\":{\"cbvmda:lotNumber\":\"L1\",\"std:lotNumber\":\"L2\"},"
                + "\"ex:note\":\"n\",\"@context\":{\"ex\":\"urn:event-level\"}}]},"
                + "\"@context\":[\"" + CONTEXT + "\",{\"cbvmda\":\"http://example.com/cbvmda/\","
                + "\"std\":\"urn:epcglobal:cbv:mda:\",\"ex\":\"urn:document-level\"}]}";
        EpcisEvent event = read(json.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("{http://example.com/cbvmda/}lotNumber", "{urn:epcglobal:cbv:mda}lotNumber"),
                event.ilmd().stream().map(ExtensionElement::expandedName).toList());
        assertEquals("{urn:event-level}note", event.extensions().get(0).expandedName());

        for (EpcisFormat format : EpcisFormat.values()) {
            EpcisEvent back = read(write(event, format));
            assertNull(RecordDiff.firstDifference(event, back), format.label());
        }
    }

    static Stream<Path> fullCombinationDocuments() throws IOException {
        Path dir = EpcisOracles.require("2.0/gs1-EPCIS/JSON/WithFullCombinationOfFields");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".jsonld")).sorted().toList().stream();
        }
    }

    /** Acceptance: GS1's documents with every field, their context after the body, keep every namespace IRI. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fullCombinationDocuments")
    void gs1FullCombinationDocumentsKeepEveryNamespaceIri(Path file) throws IOException {
        byte[] original = Files.readAllBytes(file);
        Set<String> declared = declaredIris(new String(original, StandardCharsets.UTF_8));
        EpcisDocument document = OracleRoundTripTest.read(original);
        assertEquals(declared, usedIris(document), "every IRI the context declares is used by the model");

        for (EpcisFormat format : EpcisFormat.values()) {
            byte[] written = OracleRoundTripTest.write(document, format, Map.of());
            String text = new String(written, StandardCharsets.UTF_8);
            for (String iri : declared) {
                assertTrue(text.contains("\"" + iri + "\""), iri + " not in the " + format.label() + " output");
            }
            EpcisDocument back = OracleRoundTripTest.read(written);
            assertEquals(declared, usedIris(back), format.label());
            assertNull(RecordDiff.firstDifference(document.events(), back.events()), format.label());
        }
    }

    /** The IRIs a document's contexts declare for prefixes, other than GS1's own. */
    private static Set<String> declaredIris(String json) {
        Set<String> iris = new TreeSet<>();
        Matcher m = Pattern.compile("\"(ext\\d|cbvmda)\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        while (m.find()) {
            iris.add(m.group(2));
        }
        assertFalse(iris.isEmpty());
        return iris;
    }

    private static Set<String> usedIris(EpcisDocument document) {
        Set<String> iris = new TreeSet<>();
        for (EpcisEvent e : document.events()) {
            collect(e.extensions(), iris);
            if (e.ilmd() != null) {
                collect(e.ilmd(), iris);
            }
            e.sensorElementList().forEach(s -> {
                collect(s.extensions(), iris);
                Stream.concat(s.metadata().stream(), s.reports().stream().flatMap(List::stream))
                        .forEach(f -> iris.add(f.namespaceUri()));
            });
        }
        iris.remove("");
        iris.remove("urn:epcglobal:cbv:mda");
        iris.remove(Namespaces.XSI);
        return iris;
    }

    private static void collect(List<ExtensionElement> elements, Set<String> iris) {
        for (ExtensionElement e : elements) {
            iris.add(e.namespaceUri());
            e.attributes().forEach(a -> iris.add(a.namespaceUri()));
            collect(e.children(), iris);
        }
    }

    private static String xmlEvent(String extensions) {
        return "<epcis:EPCISDocument xmlns:epcis=\"urn:epcglobal:epcis:xsd:2\" xmlns:ex=\"urn:ex\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" schemaVersion=\"2.0\""
                + " creationDate=\"2023-04-01T08:45:16Z\"><EPCISBody><EventList><ObjectEvent>"
                + "<eventTime>2023-04-01T08:45:16Z</eventTime><eventTimeZoneOffset>+00:00</eventTimeZoneOffset>"
                + "<epcList><epc>urn:epc:id:sgtin:030001.0012345.1</epc></epcList><action>OBSERVE</action>"
                + extensions + "</ObjectEvent></EventList></EPCISBody></epcis:EPCISDocument>";
    }

    private static EpcisEvent read(byte[] document) {
        try (EpcisReader r = EpcisReader.open(new ByteArrayInputStream(document))) {
            return r.readAll().events().get(0);
        }
    }

    private static byte[] write(EpcisEvent event, EpcisFormat format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EpcisWriter.write(new EpcisDocument(EpcisHeader.minimal(null,
                OffsetDateTime.parse("2023-04-01T08:45:16Z")), List.of(event)), format, out,
                new WriteOptions(CbvXmlFormat.NO_PREFERENCE, Map.of(), false));
        return out.toByteArray();
    }
}
