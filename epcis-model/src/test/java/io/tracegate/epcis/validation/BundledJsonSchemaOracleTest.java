package io.tracegate.epcis.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegate.epcis.testing.EpcisOracles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Our bundled EPCIS JSON Schema against the oracle manifest: every JSON document gets the verdict GS1's EPCIS JSON
 * Schema gave it ({@code json_schema}), save the listed documents, and every document marked intended-invalid is
 * refused by our schema alone. Query-parameter documents ({@code query-schema} rows) are not EPCIS documents.
 */
class BundledJsonSchemaOracleTest {

    private static final String OPENEPCIS_INVALID = "2.0/openepcis-test-resources-git-901e5d3/JSON/Capture/Invalid/";
    private static final String NOT_AN_IRI = "intended-invalid: GS1's schema says this must be a URI only through"
            + " format \"uri\", which validators (GS1's reference run and ours) do not assert; our schema states the"
            + " IRI shape as a pattern, so it refuses ";

    /** Documents our schema refuses although GS1's accepts them, and why. */
    private static final Map<String, String> STRICTER_THAN_GS1 = Map.of(
            OPENEPCIS_INVALID + "Combination_of_non_standard_bizStep_and_disposition.json",
            NOT_AN_IRI + "the bare words 'transforming' (bizStep) and 'in_transport' (disposition), which are in no"
                    + " CBV list",
            OPENEPCIS_INVALID + "ObjectEvent_with_non_standard_bizStep.json", NOT_AN_IRI + "bizStep 'transforming'",
            OPENEPCIS_INVALID + "ObjectEvent_with_non_standard_bizStep_in_second_event.json",
            NOT_AN_IRI + "bizStep 'transforming'",
            OPENEPCIS_INVALID + "ObjectEvent_with_non_standard_disposition.json",
            NOT_AN_IRI + "disposition 'in_transport'",
            OPENEPCIS_INVALID + "ObjectEvent_with_ilmd_field_without_namespace.json",
            NOT_AN_IRI + "the ILMD member 'materialType' (no namespace, so JSON-LD would drop it)",
            "2.0/openepcis-test-resources-git-901e5d3/JSON/Query/Invalid/QueryDocument_with_invalid_eventType.json",
            NOT_AN_IRI + "the event type 'ObjectEventInvalid' (neither a standard type nor an IRI)",
            "2.0/openepcis-test-resources-0.9.2/JSON/Capture/Documents/AggregationEvent_with_userExtensions.json",
            "an event member named 'extension': EPCIS 2.0 JSON has no 'extension' wrapper (that is 1.2 XML), the"
                    + " EPCIS context does not define it, so JSON-LD would silently drop it; a user extension must"
                    + " have an IRI-named member. GS1's schema lets it through only as a non-asserted format \"uri\"",
            "2.0/openepcis-test-resources-0.9.2/JSON/Capture/Documents/AssociationEvent_with_userExtensions.json",
            "an event member named 'extension': as for AggregationEvent_with_userExtensions.json",
            "2.0/openepcis-test-resources-0.9.2/JSON/Capture/Documents/ObjectEvent_all_possible_fields.json",
            "the ILMD members 'lotNumber', 'countryOfOrigin', 'drainedWeight' and others have no namespace (the"
                    + " CBV master data attributes are 'cbvmda:lotNumber', ...): the same fault as the"
                    + " intended-invalid ObjectEvent_with_ilmd_field_without_namespace.json, which we refuse too");

    @Test
    void everyOracleJsonDocumentGetsGs1sVerdictSaveTheListedOnes() throws IOException {
        JsonSchemaValidator ours = JsonSchemaValidator.bundled();
        Map<String, String> wrong = new TreeMap<>();
        List<String> intendedInvalidAccepted = new ArrayList<>();
        Set<String> unseen = new TreeSet<>(STRICTER_THAN_GS1.keySet());
        int checked = 0;
        int intendedInvalid = 0;
        for (EpcisOracles.Row row : EpcisOracles.manifest()) {
            if (!row.fmt().equals("json-ld") || row.jsonSchema().startsWith("query-schema")) {
                continue;
            }
            checked++;
            unseen.remove(row.path());
            List<ValidationFinding> findings;
            try (InputStream in = Files.newInputStream(EpcisOracles.file(row))) {
                findings = ours.validate(in);
            }
            boolean valid = findings.stream().noneMatch(ValidationFinding::isError);
            boolean gs1Valid = row.jsonSchema().equals("valid");
            boolean expected = gs1Valid && !STRICTER_THAN_GS1.containsKey(row.path());
            if (valid != expected) {
                wrong.put(row.path(), "GS1: " + row.jsonSchema() + "; ours: " + findings);
            }
            if (STRICTER_THAN_GS1.containsKey(row.path()) && !gs1Valid) {
                wrong.put(row.path(), "listed as refused only by us, but GS1's schema refuses it too");
            }
            if (row.intendedInvalid()) {
                intendedInvalid++;
                if (valid) {
                    intendedInvalidAccepted.add(row.path());
                }
            }
        }
        System.out.printf("bundled EPCIS JSON Schema: %d oracle JSON documents, %d with GS1's verdict, %d listed"
                + " as stricter; %d intended-invalid, all refused%n", checked, checked - STRICTER_THAN_GS1.size(),
                STRICTER_THAN_GS1.size(), intendedInvalid);
        assertTrue(checked > 100, "only " + checked + " JSON rows in the manifest");
        assertTrue(intendedInvalid >= 15, "only " + intendedInvalid + " intended-invalid JSON rows");
        assertEquals(Set.of(), unseen, "listed documents missing from the manifest");
        assertEquals(Map.of(), wrong);
        assertEquals(List.of(), intendedInvalidAccepted, "intended-invalid documents our schema accepts");
    }
}
