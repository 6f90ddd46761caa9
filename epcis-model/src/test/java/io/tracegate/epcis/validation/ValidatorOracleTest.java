package io.tracegate.epcis.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegate.epcis.testing.EpcisOracles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * All layers over every oracle document: each one its manifest marks intended-invalid is rejected with an ERROR.
 * Six of them pass the JSON Schema and are caught by the vocabulary layer (non-CBV bizStep and disposition words,
 * an ILMD field in no namespace) or by the model reader (an unknown event type). Query-parameter documents (checked
 * against {@code query-schema} in the manifest) are not EPCIS documents and are left out.
 */
class ValidatorOracleTest {

    @Test
    void everyIntendedInvalidDocumentIsRejectedBySomeLayer() throws IOException {
        Validator validator = new Validator(new SchemaLayer(new JsonSchemaValidator(
                EpcisOracles.require("schemas/2.0/json/EPCIS-JSON-Schema.json").toUri().toURL())));
        List<String> accepted = new ArrayList<>();
        int checked = 0;
        for (EpcisOracles.Row row : EpcisOracles.manifest()) {
            if (row.jsonSchema().startsWith("query-schema")) {
                continue;
            }
            List<ValidationFinding> findings = validator.validate(EpcisOracles.file(row));
            if (row.intendedInvalid()) {
                checked++;
                if (findings.stream().noneMatch(ValidationFinding::isError)) {
                    accepted.add(row.path());
                }
            }
        }
        assertTrue(checked >= 25, "only " + checked + " intended-invalid rows");
        assertEquals(List.of(), accepted);
    }
}
