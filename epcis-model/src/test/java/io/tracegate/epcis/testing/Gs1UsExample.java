package io.tracegate.epcis.testing;

import io.tracegate.epcis.io.EpcisFormat;
import io.tracegate.epcis.validation.ValidationFinding;
import io.tracegate.epcis.validation.Validator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The GS1 US DSCSA R1.3 example shipment document ("Section 2.2.1.1 Direct Purchase Scenario Seller Exchange1") in
 * two copies: GS1's own file (from the oracles; tests on it skip without them) and the same document as the DSCSA
 * builders make it and the XML writer writes it (its events and header are GS1's, see ShipmentDocumentBuilderTest),
 * which a plain clone tests too. Validation of edited copies of either.
 */
public enum Gs1UsExample {

    GS1_FILE,
    BUILT;

    private static final Validator VALIDATOR = bundledValidator();

    private static Validator bundledValidator() {
        try {
            return Validator.bundled();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String xml() {
        if (this == BUILT) {
            return new String(GeneratedDocuments.write(GeneratedDocuments.gs1UsExample(), EpcisFormat.XML_1_2),
                    StandardCharsets.UTF_8);
        }
        Path file = EpcisOracles.require(
                "1.2/openepcis-test-resources-0.9.2/Capture/Documents/GS1_US_Pharma_Example_2_2_1_1.xml");
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The example with {@code from} replaced by {@code to}, which must occur in it (first occurrence only). */
    public String edited(String from, String to) {
        String xml = xml();
        int at = xml.indexOf(from);
        if (at < 0) {
            throw new IllegalArgumentException("the example does not contain: " + from);
        }
        return xml.substring(0, at) + to + xml.substring(at + from.length());
    }

    /** All layers' findings for the document. */
    public static List<ValidationFinding> validate(String document) {
        try {
            Path file = Files.createTempFile("epcis-", ".xml");
            try {
                Files.writeString(file, document, StandardCharsets.UTF_8);
                return VALIDATOR.validate(file);
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
