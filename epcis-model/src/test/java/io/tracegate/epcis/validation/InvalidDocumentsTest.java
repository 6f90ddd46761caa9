package io.tracegate.epcis.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegate.epcis.builder.DscsaEvent;
import io.tracegate.epcis.io.EpcisFormat;
import io.tracegate.epcis.model.EpcisDocument;
import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.epcis.model.EpcisHeader;
import io.tracegate.epcis.model.QuantityElement;
import io.tracegate.epcis.testing.GeneratedDocuments;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The kinds of invalid document the standards bodies' intended-invalid examples hold, made from a document the
 * project writes itself (so that a plain clone tests them too): each is refused by the {@link Validator} and by what
 * capture runs (the model reader and {@link EventRules}, without a schema pass), and the valid original by neither.
 */
class InvalidDocumentsTest {

    private static Validator validator;

    @TempDir
    static Path dir;

    @BeforeAll
    static void compileSchemas() throws IOException {
        validator = Validator.bundled();
    }

    /** A commissioning event of a unit, with a lot, a quantity and a source, in JSON-LD and in XML. */
    private static String original(EpcisFormat format) {
        EpcisEvent event = DscsaEvent.commission(GeneratedDocuments.T, GeneratedDocuments.SHIP_FROM,
                List.of("urn:epc:id:sgtin:030001.0012345.10000001")).lot("A123").expiry(LocalDate.of(2026, 3, 31))
                .build().toBuilder().addQuantity(new QuantityElement("urn:epc:class:lgtin:030001.0012345.A123",
                        new BigDecimal("20"), "KGM")).build();
        EpcisDocument document = new EpcisDocument(EpcisHeader.minimal(null, GeneratedDocuments.T), List.of(event));
        return new String(GeneratedDocuments.write(document, format), StandardCharsets.UTF_8);
    }

    static Stream<Arguments> invalidDocuments() {
        String json = original(EpcisFormat.JSON_LD_2_0);
        String xml = original(EpcisFormat.XML_2_0);
        Map<String, String> broken = new LinkedHashMap<>();
        broken.put("JSON without action", json.replaceAll("\"action\" : \"ADD\",\\s*", ""));
        broken.put("JSON without identifier lists", json.replaceAll("\"epcList\" : \\[[^]]*],\\s*", "")
                .replaceAll("\"quantityList\" : \\[[^]]*],\\s*", ""));
        broken.put("JSON without @context", json.replaceAll("\"@context\" : \\[[^]]*],\\s*", ""));
        broken.put("JSON ILMD field without namespace", json.replace("\"cbvmda:lotNumber\"", "\"lotNumber\""));
        broken.put("JSON user field without namespace", json.replace("\"action\" :", "\"colour\" : \"red\",\n"
                + "\"action\" :"));
        broken.put("JSON invalid action", json.replace("\"ADD\"", "\"CREATE\""));
        broken.put("JSON invalid eventTime", json.replace("\"eventTime\" : \"2023-03-27T06:45:16-05:00\"",
                "\"eventTime\" : \"27-03-2023\""));
        broken.put("JSON without eventTime", json.replace("\"eventTime\" : \"2023-03-27T06:45:16-05:00\",", ""));
        broken.put("JSON non-CBV bizStep", json.replace("\"commissioning\"", "\"transforming\""));
        broken.put("JSON non-CBV disposition", json.replace("\"active\"", "\"in_transport\""));
        broken.put("JSON quantity as text", json.replace("\"quantity\" : 20", "\"quantity\" : \"twenty\""));
        broken.put("JSON unknown quantityList member", json.replace("\"uom\" : \"KGM\"",
                "\"uom\" : \"KGM\", \"weight\" : 2"));
        broken.put("JSON duplicate member", json.replace("\"action\" : \"ADD\"",
                "\"action\" : \"ADD\", \"action\" : \"ADD\""));
        broken.put("JSON unknown event type", json.replace("\"ObjectEvent\"", "\"example:CustomEvent\""));
        broken.put("XML bare event without action", xml.replaceAll("(?s).*?(<ObjectEvent>.*</ObjectEvent>).*", "$1")
                .replace("<ObjectEvent>", "<ObjectEvent xmlns:cbvmda=\"urn:epcglobal:cbv:mda\">")
                .replace("<action>ADD</action>", ""));
        broken.put("XML near-miss action", xml.replace("<action>ADD</action>", "<action>Add</action>"));
        broken.put("XML unknown element", xml.replace("<action>ADD</action>",
                "<action>ADD</action><madeUpField>x</madeUpField>"));
        broken.put("XML wrong element order", xml.replace("<action>ADD</action>", "")
                .replace("<ObjectEvent>", "<ObjectEvent><action>ADD</action>"));
        broken.put("XML without eventTime", xml.replaceAll("<eventTime>[^<]*</eventTime>", ""));
        broken.put("XML non-CBV bizStep URN", xml.replace("bizstep:commissioning", "bizstep:transforming"));
        broken.put("XML query request", "<epcisq:EPCISQueryDocument xmlns:epcisq=\"urn:epcglobal:epcis-query:xsd:2\""
                + " schemaVersion=\"2.0\" creationDate=\"2023-04-01T00:00:00Z\"><EPCISBody><epcisq:Poll>"
                + "<queryName>SimpleEventQuery</queryName><params><param><name>EQ_readPoint</name></param></params>"
                + "</epcisq:Poll></EPCISBody></epcisq:EPCISQueryDocument>");
        broken.forEach((name, text) -> assertTrue(!text.equals(json) && !text.equals(xml), name + " is unchanged"));
        return broken.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidDocuments")
    void isRefusedByTheValidatorAndByCapture(String kind, String document) throws IOException {
        Path file = Files.writeString(Files.createTempFile(dir, "invalid", ".txt"), document);

        List<ValidationFinding> findings = validator.validate(file);

        assertTrue(findings.stream().anyMatch(ValidationFinding::isError), kind + ": " + findings + "\n" + document);
        assertNotNull(CaptureCheck.refusal(file), kind + " is accepted at capture:\n" + document);
    }

    @ParameterizedTest
    @MethodSource("formats")
    void theOriginalPassesBoth(EpcisFormat format) throws IOException {
        Path file = Files.writeString(Files.createTempFile(dir, "valid", ".txt"), original(format));

        assertEquals(List.of(), validator.validate(file).stream().filter(ValidationFinding::isError).toList());
        assertEquals(null, CaptureCheck.refusal(file));
    }

    static Stream<EpcisFormat> formats() {
        return Stream.of(EpcisFormat.JSON_LD_2_0, EpcisFormat.XML_2_0);
    }
}
