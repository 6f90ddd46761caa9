package io.tracegate.epcis.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracegate.epcis.io.EpcisFormat;
import io.tracegate.epcis.io.EpcisReadException;
import io.tracegate.epcis.io.EpcisReader;
import io.tracegate.epcis.model.EpcisDocument;
import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.epcis.model.EpcisHeader;
import io.tracegate.epcis.model.MasterData;
import io.tracegate.epcis.testing.Gs1UsExample;
import io.tracegate.epcis.testing.RecordDiff;
import io.tracegate.epcis.validation.SchemaLayer;
import io.tracegate.epcis.validation.ValidationFinding;
import io.tracegate.gs1.epc.GcpLengthResolver;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Conversion of the GS1 US DSCSA R1.3 example (GS1's file and the builders' copy) between 1.2 XML and 2.0 JSON-LD, identifier forms and releases. */
class ConversionTest {

    private static final String NDC_ID = MasterData.MDA + "additionalTradeItemIdentification";
    private static final String NDC_TYPE = MasterData.MDA + "additionalTradeItemIdentificationTypeCode";
    private static final String LSU_CLASS = "urn:epc:idpat:sgtin:030001.0012345.*";

    /** The example's company prefixes are 6 digits (GS1 US 03 + 4-digit labeler). */
    private final EpcisConverter converter = new EpcisConverter(
            GcpLengthResolver.standard().withOverrides(Map.of("030001", 6, "039999", 6)));

    @ParameterizedTest
    @EnumSource(Gs1UsExample.class)
    void dscsaExampleSurvives12ToJsonLdAndBack(Gs1UsExample example) throws IOException {
        byte[] original = example.xml().getBytes(StandardCharsets.UTF_8);
        byte[] json = convert(original, ConversionOptions.to(EpcisFormat.JSON_LD_2_0));
        JsonNode tree = new ObjectMapper().readTree(json);
        assertEquals("http://epcis.gs1us.org/hc/ns", tree.path("@context").path(1).path("gs1ushc").asText(),
                "gs1ushc declared in the @context");
        assertEquals("true", tree.path("epcisHeader").path("gs1ushc:dscsaTransactionStatement")
                .path("gs1ushc:affirmTransactionStatement").asText());
        assertEquals("A123", tree.path("epcisBody").path("eventList").path(0).path("ilmd")
                .path("cbvmda:lotNumber").asText());
        assertTrue(tree.path("@context").path(1).path("cbvmda").isMissingNode(),
                "cbvmda is the standard context's prefix: not redeclared");
        assertEquals("urn:epc:id:sgln:030001.111111.0", tree.path("sender").asText());

        byte[] back = convert(json, ConversionOptions.to(EpcisFormat.XML_1_2));
        EpcisDocument before = read(original);
        EpcisDocument after = read(back);
        assertNull(RecordDiff.firstDifference(before.header().withSchemaVersion(null),
                after.header().withSchemaVersion(null)), "header after 1.2 -> JSON-LD -> 1.2");
        assertNull(RecordDiff.firstDifference(before.events(), after.events()), "events after 1.2 -> JSON-LD -> 1.2");
        assertNotNull(after.header().sbdh().documentIdentification());
        assertEquals("GS1", after.header().sbdh().senders().get(0).identifier().authority());
        assertNotNull(after.header().headerExtension(EpcisHeader.GS1USHC_NAMESPACE, "dscsaTransactionStatement"));
        List<ValidationFinding> errors = SchemaLayer.bundled().validate(new ByteArrayInputStream(back)).stream()
                .filter(ValidationFinding::isError).toList();
        assertEquals(List.of(), errors, "the 1.2 XML written back is XSD-valid");
    }

    @ParameterizedTest
    @EnumSource(Gs1UsExample.class)
    void jsonLdOfTheDscsaExamplePassesTheJsonSchema(Gs1UsExample example) throws IOException {
        byte[] json = convert(example.xml().getBytes(StandardCharsets.UTF_8),
                ConversionOptions.to(EpcisFormat.JSON_LD_2_0));
        List<ValidationFinding> errors = SchemaLayer.bundled().validate(new ByteArrayInputStream(json)).stream()
                .filter(ValidationFinding::isError).toList();
        assertEquals(List.of(), errors);
    }

    @ParameterizedTest
    @EnumSource(Gs1UsExample.class)
    void digitalLinkOutputTranslatesEveryIdentifierAndBackAgain(Gs1UsExample example) throws IOException {
        byte[] original = example.xml().getBytes(StandardCharsets.UTF_8);
        byte[] json = convert(original, ConversionOptions.to(EpcisFormat.JSON_LD_2_0)
                .withEpcFormat(EpcFormat.ALWAYS_GS1_DIGITAL_LINK));
        EpcisDocument dl = read(json);
        EpcisEvent first = dl.events().get(0);
        assertEquals("https://id.gs1.org/01/00300010123455/21/11", first.epcList().get(0));
        assertEquals("https://id.gs1.org/414/0300011111116", first.readPoint().id());
        assertNotNull(dl.header().masterData().element(MasterData.EPC_CLASS, "https://id.gs1.org/01/00300010123455"),
                "master data IDs follow the events' form");

        EpcisDocument urn = read(convert(json, ConversionOptions.to(EpcisFormat.XML_1_2)));
        assertNull(RecordDiff.firstDifference(read(original).events(), urn.events()),
                "1.2 output goes back to EPC URNs");
    }

    @ParameterizedTest
    @EnumSource(Gs1UsExample.class)
    void neverTranslatesKeepsDigitalLinksEvenIn12(Gs1UsExample example) throws IOException {
        byte[] json = convert(example.xml().getBytes(StandardCharsets.UTF_8),
                ConversionOptions.to(EpcisFormat.JSON_LD_2_0).withEpcFormat(EpcFormat.ALWAYS_GS1_DIGITAL_LINK));
        EpcisDocument kept = read(convert(json, ConversionOptions.to(EpcisFormat.XML_1_2)
                .withEpcFormat(EpcFormat.NEVER_TRANSLATES)));
        assertTrue(kept.events().get(0).epcList().get(0).startsWith("https://id.gs1.org/01/"));
    }

    @ParameterizedTest
    @EnumSource(Gs1UsExample.class)
    void releaseR12WritesNdc11AndDropsTheGuidelineVersionAndR13RestoresThem(Gs1UsExample example) throws IOException {
        byte[] original = example.xml().getBytes(StandardCharsets.UTF_8);
        EpcisHeader r12 = read(convert(original, ConversionOptions.to(EpcisFormat.XML_1_2)
                .withRelease(DscsaRelease.R1_2))).header();
        MasterData.VocabularyElement lsu = r12.masterData().element(MasterData.EPC_CLASS, LSU_CLASS);
        assertEquals("00001012345", lsu.attribute(NDC_ID));
        assertEquals("FDA_NDC_11", lsu.attribute(NDC_TYPE));
        assertNull(r12.headerExtension(EpcisHeader.GS1USHC_NAMESPACE, "guidelineVersion"));

        byte[] r12Bytes = convert(original, ConversionOptions.to(EpcisFormat.XML_1_2).withRelease(DscsaRelease.R1_2));
        EpcisHeader r13 = read(convert(r12Bytes, ConversionOptions.to(EpcisFormat.XML_1_2)
                .withRelease(DscsaRelease.R1_3))).header();
        assertNull(RecordDiff.firstDifference(read(original).header(), r13), "R1.3 -> R1.2 -> R1.3 is the original");
    }

    @Test
    void headerAfterTheEventsIsAnErrorNotASilentLoss() {
        String json = """
                {"@context": "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
                 "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2023-04-01T08:45:16Z",
                 "epcisBody": {"eventList": [{"type": "ObjectEvent", "eventTime": "2023-04-01T07:48:16Z",
                   "eventTimeZoneOffset": "-05:00", "epcList": [], "action": "OBSERVE"}]},
                 "receiver": "urn:epc:id:sgln:039999.999999.0"}
                """;
        EpcisReadException e = assertThrows(EpcisReadException.class, () -> convert(
                json.getBytes(StandardCharsets.UTF_8), ConversionOptions.to(EpcisFormat.XML_1_2)));
        assertTrue(e.getMessage().contains("put the header before the body"), e.getMessage());
    }

    private byte[] convert(byte[] in, ConversionOptions options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        converter.convert(new ByteArrayInputStream(in), out, options);
        return out.toByteArray();
    }

    private static EpcisDocument read(byte[] bytes) {
        try (EpcisReader r = EpcisReader.open(new ByteArrayInputStream(bytes))) {
            return r.readAll();
        }
    }
}
