package io.tracegate.epcis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegate.epcis.io.EpcisFormat;
import io.tracegate.epcis.io.EpcisReader;
import io.tracegate.epcis.model.EpcisDocument;
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

class MainTest {


    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    private Path file(Gs1UsExample example) throws IOException {
        return Files.writeString(dir.resolve("example.xml"), example.xml());
    }

    private int run(InputStream stdin, String... args) {
        return Main.run(List.of(args), stdin, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @EnumSource(Gs1UsExample.class)
    void convertsAFileToJsonLdOnStandardOutput(Gs1UsExample example) throws IOException {
        Path file = file(example);
        assertEquals(0, run(InputStream.nullInputStream(), "convert", "--to", "2.0-jsonld", file.toString()));
        EpcisDocument doc;
        try (EpcisReader r = EpcisReader.open(new ByteArrayInputStream(out.toByteArray()))) {
            assertEquals(EpcisFormat.JSON_LD_2_0, r.format());
            doc = r.readAll();
        }
        assertEquals(8, doc.events().size(), "E1 to E8 of the GS1 US example");
    }

    @ParameterizedTest
    @EnumSource(Gs1UsExample.class)
    void readsStandardInputForDashAndAppliesTheRelease(Gs1UsExample example) {
        byte[] original = example.xml().getBytes(StandardCharsets.UTF_8);
        assertEquals(0, run(new ByteArrayInputStream(original), "convert", "--to", "1.2-xml", "--release", "R1.2",
                "-"));
        String xml = out.toString(StandardCharsets.UTF_8);
        assertTrue(xml.contains("FDA_NDC_11"), xml);
        assertTrue(!xml.contains("guidelineVersion"), xml);
    }

    @ParameterizedTest
    @EnumSource(Gs1UsExample.class)
    void cbvAndEpcFormatOptionsShapeThe20Xml(Gs1UsExample example) throws IOException {
        Path file = file(example);
        assertEquals(0, run(InputStream.nullInputStream(), "convert", "--to", "2.0-xml", "--cbv-format",
                "Always_Web_URI", "--epc-format", "Always_GS1_Digital_Link", file.toString()));
        String xml = out.toString(StandardCharsets.UTF_8);
        assertTrue(xml.contains("<bizStep>https://ref.gs1.org/cbv/BizStep-commissioning</bizStep>"), xml);
        assertTrue(xml.contains("<epc>https://id.gs1.org/01/00300010123455/21/11</epc>"), xml);
        assertTrue(xml.contains("xmlns:epcis=\"urn:epcglobal:epcis:xsd:2\""), xml);
    }

    @Test
    void unreadableInputExitsWith2AndSaysWhy() {
        assertEquals(2, run(new ByteArrayInputStream("{\"type\":\"EPCISDocument\",".getBytes(StandardCharsets.UTF_8)),
                "convert", "--to", "1.2-xml", "-"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("malformed JSON"), err.toString());
    }

    @Test
    void missingFileExitsWith2() {
        assertEquals(2, run(InputStream.nullInputStream(), "convert", "--to", "1.2-xml", "no-such-file.xml"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no such file"), err.toString());
    }

    @Test
    void usageErrorsExitWith64() {
        assertEquals(Command.USAGE, run(InputStream.nullInputStream(), "convert", "--to", "3.0-xml", "-"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown format '3.0-xml'"), err.toString());
        assertEquals(Command.USAGE, run(InputStream.nullInputStream(), "frobnicate"));
        assertEquals(Command.USAGE, run(InputStream.nullInputStream()));
    }

    @ParameterizedTest
    @EnumSource(Gs1UsExample.class)
    void validatesThroughTheDispatcher(Gs1UsExample example) throws IOException {
        Path file = file(example);
        assertEquals(0, run(InputStream.nullInputStream(), "validate", file.toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("INFO\t-1\t"), out.toString());
    }
}
