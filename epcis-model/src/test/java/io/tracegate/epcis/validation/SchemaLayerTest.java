package io.tracegate.epcis.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SchemaLayerTest {

    private static SchemaLayer layer;

    @BeforeAll
    static void bundledSchemas() throws IOException {
        layer = SchemaLayer.bundled();
    }

    @Test
    void xmlAfterAByteOrderMarkAndWhitespaceGoesToTheXsds() throws IOException {
        String xml = "\uFEFF\n  " + XsdValidatorTest.document20("<bogus/>");

        List<ValidationFinding> findings = validate(xml);

        assertEquals(XsdValidator.RULE, findings.get(0).rule());
        assertEquals("/EPCISDocument/EPCISBody/EventList/bogus", findings.get(0).path());
    }

    @Test
    void jsonGoesToTheBundledJsonSchemaWithoutAWarning() throws IOException {
        String json = """
                 {"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
                  "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2023-04-01T08:45:16Z",
                  "epcisBody": {"eventList": [{"type": "ObjectEvent", "eventTime": "2023-04-01T07:48:16Z",
                    "eventTimeZoneOffset": "-05:00", "epcList": ["urn:epc:id:sgtin:030001.0012345.1"],
                    "action": "OBSERVE", "bizStep": "shipping"}]}}
                """;

        assertEquals(List.of(), validate(json));
        ValidationFinding finding = validate(json.replace("\"OBSERVE\"", "\"OBSERVED\"")).get(0);
        assertEquals(ValidationFinding.Level.ERROR, finding.level());
        assertEquals(JsonSchemaValidator.RULE, finding.rule());
        assertEquals("/epcisBody/eventList/0/action", finding.path());
    }

    @Test
    void anythingElseIsAnUnknownFormat() throws IOException {
        assertEquals(SchemaLayer.RULE_UNKNOWN_FORMAT, validate("EPCIS?").get(0).rule());
        assertEquals(SchemaLayer.RULE_UNKNOWN_FORMAT, validate("").get(0).rule());
    }

    private List<ValidationFinding> validate(String document) throws IOException {
        return layer.validate(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)));
    }
}
