package io.tracegate.epcis.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SchemaLayerTest {

    private final SchemaLayer layer = new SchemaLayer(Optional.empty());

    @Test
    void xmlAfterAByteOrderMarkAndWhitespaceGoesToTheXsds() throws IOException {
        String xml = "\uFEFF\n  " + XsdValidatorTest.document20("<bogus/>");

        List<ValidationFinding> findings = validate(xml);

        assertEquals(XsdValidator.RULE, findings.get(0).rule());
        assertEquals("/EPCISDocument/EPCISBody/EventList/bogus", findings.get(0).path());
    }

    @Test
    void jsonWithoutABundledSchemaIsFlaggedAsUnchecked() throws IOException {
        ValidationFinding finding = validate(" {\"type\": \"EPCISDocument\"}").get(0);

        assertEquals(ValidationFinding.Level.WARNING, finding.level());
        assertEquals(SchemaLayer.RULE_JSON_SCHEMA_UNAVAILABLE, finding.rule());
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
