package io.tracegate.epcis.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegate.epcis.cli.Command;
import io.tracegate.epcis.testing.Gs1UsExample;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ValidateCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @ParameterizedTest
    @EnumSource(Gs1UsExample.class)
    void aValidShipmentDocumentExitsZeroAndPrintsItsInfoFinding(Gs1UsExample example) throws IOException {
        Path file = write(example.xml());

        assertEquals(0, run(List.of(file.toString()), InputStream.nullInputStream()));
        assertEquals("INFO\t-1\t/EPCISDocument/EPCISHeader\tdscsa.release\t"
                + "GS1 US DSCSA guideline R1.3 (gs1ushc:guidelineVersion 'GS1 US DSCSA R1.3')\n", stdout());
    }

    @ParameterizedTest
    @EnumSource(Gs1UsExample.class)
    void anErrorFindingExitsOneWithOneTabSeparatedLinePerFinding(Gs1UsExample example) throws IOException {
        Path file = write(example.edited("<action>OBSERVE</action>", "<action>OBSERV</action>"));

        assertEquals(1, run(List.of(file.toString()), InputStream.nullInputStream()));
        String first = stdout().lines().filter(l -> l.startsWith("ERROR")).findFirst().orElseThrow();
        String[] fields = first.split("\t", -1);
        assertEquals(5, fields.length, first);
        assertEquals(List.of("ERROR", "7", "/EPCISDocument/EPCISBody/EventList/ObjectEvent[4]/action", "xsd"),
                List.of(fields).subList(0, 4));
    }

    @Test
    void aJsonLdSchemaErrorIsAJsonSchemaFindingAndExitsOne() throws IOException {
        Path file = write("""
                {"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
                 "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2023-04-01T08:45:16Z",
                 "epcisBody": {"eventList": [{"type": "ObjectEvent", "eventTime": "2023-04-01T07:48:16Z",
                   "eventTimeZoneOffset": "-05:00", "epcList": ["urn:epc:id:sgtin:030001.0012345.1"],
                   "action": "OBSERVE", "bizStep": "shipping", "shippedBy": "ACME"}]}}
                """);

        assertEquals(1, run(List.of(file.toString()), InputStream.nullInputStream()));
        String first = stdout().lines().filter(l -> l.startsWith("ERROR")).findFirst().orElseThrow();
        List<String> fields = List.of(first.split("\t", -1));
        assertEquals(List.of("ERROR", "0", "/epcisBody/eventList/0", JsonSchemaValidator.RULE), fields.subList(0, 4));
        assertTrue(fields.get(4).contains("shippedBy"), first);
    }

    @ParameterizedTest
    @EnumSource(Gs1UsExample.class)
    void dashReadsStandardInput(Gs1UsExample example) {
        InputStream stdin = new ByteArrayInputStream(example.edited("<cbvmda:lotNumber>A123</cbvmda:lotNumber>",
                "").getBytes(StandardCharsets.UTF_8));

        assertEquals(1, run(List.of("-"), stdin));
        assertTrue(stdout().contains("\t0\t/EPCISDocument/EPCISBody/EventList/ObjectEvent/extension/ilmd\t"
                + DscsaProfile.ILMD_LOT + "\t"), stdout());
    }

    @Test
    void aMissingFileExitsTwo() {
        assertEquals(2, run(List.of(dir.resolve("absent.xml").toString()), InputStream.nullInputStream()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no such file"));
        assertEquals("", stdout());
    }

    @Test
    void aDirectoryExitsTwo() {
        assertEquals(2, run(List.of(dir.toString()), InputStream.nullInputStream()));
    }

    @Test
    void anythingButOneFileIsAUsageError() {
        assertEquals(Command.USAGE, run(List.of(), InputStream.nullInputStream()));
        assertEquals(Command.USAGE, run(List.of("a.xml", "b.xml"), InputStream.nullInputStream()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: validate FILE|-"), err.toString());
    }

    @Test
    void somethingThatIsNotEpcisIsReadableButInvalid() throws IOException {
        Path file = write("hello");

        assertEquals(1, run(List.of(file.toString()), InputStream.nullInputStream()));
        assertTrue(stdout().startsWith("ERROR\t-1\t\t" + SchemaLayer.RULE_UNKNOWN_FORMAT + "\t"), stdout());
    }

    private int run(List<String> args, InputStream stdin) {
        return new ValidateCommand().run(args, stdin, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private Path write(String content) throws IOException {
        Path file = dir.resolve("doc.xml");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
