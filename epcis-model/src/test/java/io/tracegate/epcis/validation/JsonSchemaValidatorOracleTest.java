package io.tracegate.epcis.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import io.tracegate.epcis.testing.EpcisOracles;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every JSON document of the oracle manifest gets the verdict a reference JSON Schema validator gave it against
 * GS1's EPCIS JSON Schema ({@code json_schema}). Exception: rows checked against {@code query-schema} are EPCIS
 * query-parameter documents, not EPCIS documents, and are outside this layer.
 */
class JsonSchemaValidatorOracleTest {

    @Test
    void everyOracleJsonDocumentGetsTheReferenceVerdict() throws IOException {
        JsonSchemaValidator validator = new JsonSchemaValidator(
                EpcisOracles.require("schemas/2.0/json/EPCIS-JSON-Schema.json").toUri().toURL());
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (EpcisOracles.Row row : EpcisOracles.manifest()) {
            if (!row.fmt().equals("json-ld") || row.jsonSchema().startsWith("query-schema")) {
                continue;
            }
            boolean expectValid = row.jsonSchema().equals("valid");
            List<ValidationFinding> findings;
            try (InputStream in = Files.newInputStream(EpcisOracles.file(row))) {
                findings = validator.validate(in);
            }
            boolean valid = findings.stream().noneMatch(ValidationFinding::isError);
            if (valid != expectValid) {
                wrong.add(row.path() + " expected " + row.jsonSchema() + " but got " + findings);
            }
            checked++;
        }
        assertTrue(checked > 100, "only " + checked + " JSON rows in the manifest");
        assertEquals(List.of(), wrong);
    }
}
