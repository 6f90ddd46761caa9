package io.tracegate.epcis.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegate.epcis.testing.EpcisOracles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The validator's streaming and reporting, run with GS1's EPCIS JSON Schema from the oracles (the constructor and
 * system-property path for a schema other than the bundled one); skipped without them.
 */
class JsonSchemaValidatorTest {

    private static JsonSchemaValidator validator;

    @BeforeAll
    static void compileGs1Schema() throws IOException {
        validator = new JsonSchemaValidator(
                EpcisOracles.require("schemas/2.0/json/EPCIS-JSON-Schema.json").toUri().toURL());
    }

    @Test
    void aValidDocumentHasNoFindings() throws IOException {
        assertEquals(List.of(), validate(document(event("ADD"), event("OBSERVE"))));
    }

    @Test
    void anEventViolationCarriesTheEventIndexAndItsJsonPointer() throws IOException {
        List<ValidationFinding> findings = validate(document(event("ADD"), event("OBSERVE"), event("CREATE")));

        assertTrue(findings.stream().anyMatch(f -> f.message().contains("enumeration")), findings.toString());
        for (ValidationFinding finding : findings) {
            assertEquals(2, finding.eventIndex());
            assertEquals("/epcisBody/eventList/2/action", finding.path());
            assertEquals(JsonSchemaValidator.RULE, finding.rule());
            assertTrue(finding.message().startsWith("/epcisBody/eventList/2/action: "), finding.message());
        }
    }

    @Test
    void aDocumentLevelViolationBelongsToNoEvent() throws IOException {
        String json = document(event("ADD")).replace("\"creationDate\"", "\"creationDateX\"");

        List<ValidationFinding> findings = validate(json);

        assertTrue(findings.stream().allMatch(f -> f.eventIndex() == ValidationFinding.DOCUMENT), findings.toString());
        assertTrue(findings.stream().anyMatch(f -> f.message().contains("creationDate")), findings.toString());
    }

    @Test
    void eventsOfAQueryDocumentAreValidatedOneByOneToo() throws IOException {
        String json = """
                {"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
                 "type": "EPCISQueryDocument", "schemaVersion": "2.0", "creationDate": "2023-04-01T08:45:16Z",
                 "epcisBody": {"queryResults": {"queryName": "SimpleEventQuery",
                   "resultsBody": {"eventList": [%s, %s]}}}}
                """.formatted(event("ADD"), event("REMOVE"));

        ValidationFinding finding = validate(json).get(0);

        assertEquals(1, finding.eventIndex());
        assertEquals("/epcisBody/queryResults/resultsBody/eventList/1/action", finding.path());
    }

    @Test
    void jsonThatIsNotWellFormedGivesOneMalformedFinding() throws IOException {
        List<ValidationFinding> findings = validate(document(event("ADD")).replace("]}}", "]}"));

        assertEquals(1, findings.size(), findings.toString());
        assertEquals(JsonSchemaValidator.RULE_MALFORMED, findings.get(0).rule());
        assertTrue(findings.get(0).message().startsWith("line "), findings.get(0).message());
    }

    @Test
    void refusesASchemaThatWouldHaveToBeFetched() {
        assertThrows(IllegalArgumentException.class,
                () -> new JsonSchemaValidator(new URL("https://ref.gs1.org/standards/epcis/epcis-json-schema.json")));
    }

    @Test
    void aLocalCopyNamedByTheSystemPropertyIsUsed() throws IOException {
        String schema = EpcisOracles.require("schemas/2.0/json/EPCIS-JSON-Schema.json").toString();
        System.setProperty(JsonSchemaValidator.SCHEMA_PROPERTY, schema);
        try {
            JsonSchemaValidator configured = JsonSchemaValidator.bundled();
            assertEquals("/epcisBody/eventList/0/action", configured.validate(new ByteArrayInputStream(
                    document(event("CREATE")).getBytes(StandardCharsets.UTF_8))).get(0).path());

            System.setProperty(JsonSchemaValidator.SCHEMA_PROPERTY, schema + ".absent");
            assertThrows(IOException.class, JsonSchemaValidator::bundled);
        } finally {
            System.clearProperty(JsonSchemaValidator.SCHEMA_PROPERTY);
        }
    }

    @Test
    void deepNestingGivesOneLimitFinding() throws IOException {
        String deep = "{\"example:x\":".repeat(10_000) + "1" + "}".repeat(10_000);

        List<ValidationFinding> findings = validate(document(event("ADD").replace("\"action\"",
                "\"example:deep\": " + deep + ", \"action\"")));

        assertEquals(1, findings.size(), findings.toString());
        assertEquals(JsonSchemaValidator.RULE_LIMIT, findings.get(0).rule());
    }

    private static String event(String action) {
        return """
                {"type": "ObjectEvent", "eventTime": "2023-04-01T07:48:16Z", "eventTimeZoneOffset": "-05:00",
                 "epcList": ["urn:epc:id:sgtin:030001.0012345.1"], "action": "%s", "bizStep": "shipping"}
                """.formatted(action);
    }

    private static String document(String... events) {
        return """
                {"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
                 "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2023-04-01T08:45:16Z",
                 "epcisBody": {"eventList": [%s]}}
                """.formatted(String.join(",", events));
    }

    private static List<ValidationFinding> validate(String json) throws IOException {
        return validator.validate(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }
}
