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
 * Every XML document of the oracle manifest gets the verdict the JDK validator gave it against GS1's own XSD copies
 * ({@code schema_jdk}; xmllint disagrees on 6 documents and is not followed). {@code NO_SCHEMA} rows are bare
 * events in no namespace: not EPCIS documents, so they must be rejected too.
 */
class XsdValidatorOracleTest {

    private final XsdValidator validator = new XsdValidator();

    @Test
    void everyOracleXmlDocumentGetsTheJdkVerdict() throws IOException {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        EpcisOracles.require("MANIFEST.tsv");
        for (EpcisOracles.Row row : EpcisOracles.manifest()) {
            if (!row.fmt().equals("xml")) {
                continue;
            }
            boolean expectValid = row.schemaJdk().equals("valid");
            List<ValidationFinding> findings;
            try (InputStream in = Files.newInputStream(EpcisOracles.file(row))) {
                findings = validator.validate(in);
            }
            boolean valid = findings.stream().noneMatch(ValidationFinding::isError);
            if (valid != expectValid) {
                wrong.add(row.path() + " expected " + row.schemaJdk() + " but got " + findings);
            }
            checked++;
        }
        assertTrue(checked > 100, "only " + checked + " XML rows in the manifest");
        assertEquals(List.of(), wrong);
    }
}
