package io.tracegate.epcis.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegate.epcis.testing.EpcisOracles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every oracle document the manifest marks intended-invalid is refused: by all layers of the {@link Validator}, with
 * GS1's JSON Schema or with our own, and by what capture runs, the model reader and {@link EventRules} on each
 * event (no schema pass). Query-parameter documents (checked against {@code query-schema} in the manifest) are not
 * EPCIS documents and are left out of the validator's check; capture refuses them too.
 */
class ValidatorOracleTest {

    @Test
    void everyIntendedInvalidDocumentIsRejectedBySomeLayer() throws IOException {
        Validator withGs1Schema = new Validator(new SchemaLayer(new JsonSchemaValidator(
                EpcisOracles.require("schemas/2.0/json/EPCIS-JSON-Schema.json").toUri().toURL())));
        Validator bundled = Validator.bundled();
        List<String> accepted = new ArrayList<>();
        int checked = 0;
        for (EpcisOracles.Row row : EpcisOracles.manifest()) {
            if (!row.intendedInvalid() || row.jsonSchema().startsWith("query-schema")) {
                continue;
            }
            checked++;
            for (Validator validator : List.of(withGs1Schema, bundled)) {
                if (validator.validate(EpcisOracles.file(row)).stream().noneMatch(ValidationFinding::isError)) {
                    accepted.add((validator == bundled ? "bundled schema: " : "GS1 schema: ") + row.path());
                }
            }
        }
        assertTrue(checked >= 25, "only " + checked + " intended-invalid rows");
        assertEquals(List.of(), accepted);
    }

    @Test
    void everyIntendedInvalidDocumentIsRefusedByWhatCaptureRuns() throws IOException {
        List<String> accepted = new ArrayList<>();
        int checked = 0;
        for (EpcisOracles.Row row : EpcisOracles.manifest()) {
            if (row.intendedInvalid()) {
                checked++;
                if (CaptureCheck.refusal(EpcisOracles.file(row)) == null) {
                    accepted.add(row.path());
                }
            }
        }
        assertTrue(checked >= 29, "only " + checked + " intended-invalid rows");
        assertEquals(List.of(), accepted);
    }
}
