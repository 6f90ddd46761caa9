package io.tracegate.epcis.validation;

import io.tracegate.epcis.testing.EpcisOracles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The GS1 US DSCSA R1.3 example shipment document ("Section 2.2.1.1 Direct Purchase Scenario Seller Exchange1",
 * from the oracles; tests skip without them), and validation of edited copies of it.
 */
final class Gs1UsExample {

    private static final Validator VALIDATOR = bundledValidator();

    private Gs1UsExample() {
    }

    private static Validator bundledValidator() {
        try {
            return Validator.bundled();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String xml() {
        Path file = EpcisOracles.require(
                "1.2/openepcis-test-resources-0.9.2/Capture/Documents/GS1_US_Pharma_Example_2_2_1_1.xml");
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The example with {@code from} replaced by {@code to}, which must occur in it (first occurrence only). */
    static String edited(String from, String to) {
        String xml = xml();
        int at = xml.indexOf(from);
        if (at < 0) {
            throw new IllegalArgumentException("the example does not contain: " + from);
        }
        return xml.substring(0, at) + to + xml.substring(at + from.length());
    }

    /** All three layers' findings for the document. */
    static List<ValidationFinding> validate(String document) {
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
