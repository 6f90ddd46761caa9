package io.tracegate.epcis.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tracegate.epcis.convert.DscsaRelease;
import io.tracegate.epcis.model.EpcisDocument;
import io.tracegate.epcis.testing.EpcisOracles;
import io.tracegate.epcis.testing.EpcisOracles.Row;
import io.tracegate.epcis.testing.GeneratedDocuments;
import io.tracegate.epcis.validation.ValidationFinding;
import io.tracegate.epcis.validation.XsdValidator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the XML writers produce from the schema-valid oracle documents (XML, and JSON-LD, whose extension members
 * must not come out as a doubled {@code extension} wrapper) and from the project's own documents is XSD-valid in the
 * written version too.
 */
class WrittenXmlIsSchemaValidTest {

    /** Content the target version's XSD has no valid place for, by document and target. */
    private static final Map<String, String> CANNOT_BE_VALID = Map.of(
            "1.2/gs1-EPCIS-XSL-samples/ObjectEvent.xml 2.0-xml",
            "an unqualified user extension element: the 2.0 XSD allows only namespaced ones",
            "1.2/openepcis-test-resources-0.9.2/Capture/Documents/GS1_US_Pharma_Example_2_2_1_1.xml 2.0-xml",
            "gs1ushc header elements: the 2.0 XSD header allows no foreign elements",
            "1.2/openepcis-test-resources-git-901e5d3/Capture/Documents/EPCISDocument_with_comment.xml 2.0-xml",
            "gs1ushc header elements: the 2.0 XSD header allows no foreign elements",
            "2.0/gs1-EPCIS/XML/WithFullCombinationOfFields/masterdata_all_possible_fields.xml 1.2-xml",
            "master data without an SBDH: the 1.2 XSD requires an SBDH in every header",
            "2.0/openepcis-test-resources-0.9.2/JSON/Capture/Documents/ObjectEvent_all_possible_fields.json 1.2-xml",
            "ILMD fields in no namespace (which validation refuses): no XSD allows them",
            "2.0/openepcis-test-resources-0.9.2/JSON/Capture/Documents/ObjectEvent_all_possible_fields.json 2.0-xml",
            "ILMD fields in no namespace (which validation refuses): no XSD allows them");

    /**
     * Where JSON-LD's pseudo-SBDH (sender, receiver, instanceIdentifier) becomes an XML SBDH, which also requires a
     * header version and a document type the JSON-LD document does not have: findings there are expected.
     */
    private static final String SBDH = "/EPCISDocument/EPCISHeader/StandardBusinessDocumentHeader";

    static Stream<Arguments> xsdValidDocuments() {
        return EpcisOracles.manifest().stream()
                .filter(r -> !r.intendedInvalid() && (r.schemaJdk().equals("valid") || r.jsonSchema().equals("valid")))
                .filter(r -> r.root().equals("EPCISDocument") && !OracleRoundTripTest.REFUSED.containsKey(r.path()))
                .flatMap(r -> Stream.of(EpcisFormat.XML_1_2, EpcisFormat.XML_2_0)
                        .filter(f -> !CANNOT_BE_VALID.containsKey(r.path() + " " + f.label()))
                        .map(f -> Arguments.of(r, f)));
    }

    @ParameterizedTest
    @EnumSource(value = EpcisFormat.class, names = {"XML_1_2", "XML_2_0"})
    void writtenXmlOfTheProjectsOwnDocumentsIsXsdValid(EpcisFormat format) throws IOException {
        List<EpcisDocument> documents = new ArrayList<>(List.of(GeneratedDocuments.randomEvents(3, 100)));
        if (format == EpcisFormat.XML_1_2) {    // the 2.0 XSD header has no place for the gs1ushc elements
            documents.add(GeneratedDocuments.shipment(DscsaRelease.R1_3));
        }
        for (EpcisDocument doc : documents) {
            byte[] xml = GeneratedDocuments.write(doc, format);
            assertEquals(List.of(), new XsdValidator().validate(new ByteArrayInputStream(xml)).stream()
                    .filter(ValidationFinding::isError).toList(), () -> new String(xml, 0, Math.min(xml.length, 3000)));
        }
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("xsdValidDocuments")
    void writtenXmlIsXsdValid(Row row, EpcisFormat format) throws IOException {
        EpcisDocument doc;
        Map<String, String> namespaces;
        try (EpcisReader r = EpcisReader.open(Files.newInputStream(EpcisOracles.file(row)))) {
            doc = r.readAll();
            namespaces = r.namespaces();
        }
        byte[] xml = OracleRoundTripTest.write(doc, format, namespaces);
        List<ValidationFinding> errors = new XsdValidator().validate(new ByteArrayInputStream(xml)).stream()
                .filter(ValidationFinding::isError)
                .filter(f -> !(row.fmt().equals("json-ld") && f.path().startsWith(SBDH)))
                .toList();
        assertEquals(List.of(), errors, row.path() + " as " + format.label() + ":\n"
                + new String(xml, 0, Math.min(xml.length, 3000)));
    }
}
