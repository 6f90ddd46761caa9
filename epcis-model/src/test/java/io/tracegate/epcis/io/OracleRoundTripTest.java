package io.tracegate.epcis.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegate.epcis.model.EpcisDocument;
import io.tracegate.epcis.model.EpcisHeader;
import io.tracegate.epcis.testing.EpcisOracles;
import io.tracegate.epcis.testing.EpcisOracles.Row;
import io.tracegate.epcis.testing.RecordDiff;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Acceptance: every oracle document the manifest marks schema-valid reads, and read, write, read gives the same
 * header, master data and events in every output format.
 */
class OracleRoundTripTest {

    /** Schema-valid documents that are not EPCIS event documents and are rejected on purpose. */
    private static final Map<String, String> NOT_DOCUMENTS = Map.of(
            "EPCISCaptureJob", "a capture job status, not an EPCIS document",
            "example:CustomEvent", "a user-defined event type, not one of the five EPCIS event types");

    /** A schema-valid document refused on purpose: why, and what the refusal says. */
    record Refusal(String reason, String message) {
    }

    /** Schema-valid documents that are refused on purpose. */
    static final Map<String, Refusal> REFUSED = Map.of(
            "2.0/gs1-EPCIS/JSON/AssociationEvent/AssociationEvent-h.jsonld", new Refusal("its event has the member"
                    + " eventID twice, with different values: which one is meant is unknowable (JSON Schema cannot"
                    + " see it: the parser keeps one)", "Duplicate field 'eventID'"),
            "2.0/openepcis-test-resources-0.9.2/XML/Query/queryDocument.xml", poll(),
            "2.0/openepcis-test-resources-0.9.2/XML/Query/queryDocumentWithEventType.xml", poll(),
            "2.0/openepcis-test-resources-0.9.2/XML/Query/queryDocumentWithReadPoint.xml", poll(),
            "2.0/openepcis-test-resources-git-901e5d3/XML/Query/Queries/SimpleEventQuery.xml", poll());

    private static Refusal poll() {
        return new Refusal("a query request (Poll), not a document of events", "Poll, a query request");
    }

    static List<Row> validDocuments() {
        return EpcisOracles.manifest().stream()
                .filter(Row::schemaValid)
                .filter(r -> !NOT_DOCUMENTS.containsKey(r.root()))
                .filter(r -> !r.fmt().isEmpty() && !r.root().equals("query-parameters"))
                .filter(r -> !REFUSED.containsKey(r.path()))
                .toList();
    }

    static Stream<Arguments> validDocumentsInEachFormat() {
        return validDocuments().stream()
                .flatMap(r -> Stream.of(EpcisFormat.values()).map(f -> Arguments.of(r, f)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validDocuments")
    void readsEverySchemaValidDocument(Row row) throws IOException {
        EpcisDocument doc = read(Files.readAllBytes(EpcisOracles.file(row)));
        if (row.root().endsWith("Event") && !row.root().contains(":")) {
            assertEquals(1, doc.events().size());
        }
        if (!row.events().isEmpty() && row.root().equals("EPCISDocument")) {
            int expected = Stream.of(row.events().split(",")).mapToInt(s -> Integer.parseInt(s.split("=")[1])).sum();
            assertEquals(expected, doc.events().size(), "event count per MANIFEST " + row.events());
        }
    }

    @Test
    void refusesTheSchemaValidDocumentsThatHoldNoEventsOrAmbiguousOnes() throws IOException {
        for (Map.Entry<String, Refusal> refused : REFUSED.entrySet()) {
            byte[] bytes = Files.readAllBytes(EpcisOracles.require(refused.getKey()));
            EpcisReadException e = assertThrows(EpcisReadException.class, () -> read(bytes),
                    refused.getValue().reason());
            assertTrue(e.getMessage().contains(refused.getValue().message()), e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("validDocumentsInEachFormat")
    void roundTripsLosslessly(Row row, EpcisFormat target) throws IOException {
        byte[] original = Files.readAllBytes(EpcisOracles.file(row));
        EpcisDocument first;
        Map<String, String> namespaces;
        try (EpcisReader r = EpcisReader.open(new ByteArrayInputStream(original))) {
            first = r.readAll();
            namespaces = r.namespaces();
        }
        byte[] written = write(first, target, namespaces);
        EpcisDocument second = read(written);
        String context = " in " + row.path() + "\n--- written as " + target.label() + ":\n" + new String(written, 0,
                Math.min(written.length, 4000));
        assertNull(RecordDiff.firstDifference(withoutVersion(first.header()), withoutVersion(second.header())),
                "header" + context);
        assertNull(RecordDiff.firstDifference(first.events(), second.events()), "events" + context);
        assertFalse(first.events().isEmpty() && written.length == 0);
    }

    /** The schema version is the target format's, by design. */
    static EpcisHeader withoutVersion(EpcisHeader h) {
        return h.withSchemaVersion(null);
    }

    static EpcisDocument read(byte[] bytes) {
        try (InputStream in = new ByteArrayInputStream(bytes); EpcisReader r = EpcisReader.open(in)) {
            return r.readAll();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static byte[] write(EpcisDocument doc, EpcisFormat format, Map<String, String> namespaces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EpcisWriter.write(doc, format, out, WriteOptions.DEFAULT.withNamespaces(namespaces));
        return out.toByteArray();
    }
}
