package io.tracegate.epcis.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegate.epcis.convert.DscsaRelease;
import io.tracegate.epcis.io.EpcisFormat;
import io.tracegate.epcis.io.EpcisReader;
import io.tracegate.epcis.io.EpcisWriter;
import io.tracegate.epcis.io.WriteOptions;
import io.tracegate.epcis.model.EpcisDocument;
import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.epcis.model.EpcisHeader;
import io.tracegate.epcis.model.LocationRef;
import io.tracegate.epcis.model.MasterData;
import io.tracegate.epcis.testing.EpcisOracles;
import io.tracegate.epcis.testing.GeneratedDocuments;
import io.tracegate.epcis.testing.RecordDiff;
import io.tracegate.epcis.validation.DscsaProfile;
import io.tracegate.epcis.validation.ValidationFinding;
import io.tracegate.epcis.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Builds the GS1 US direct-purchase shipment (commission, pack, ship) and checks it against every layer. */
class ShipmentDocumentBuilderTest {

    static final String SHIP_FROM = GeneratedDocuments.SHIP_FROM;
    static final String SHIP_TO = GeneratedDocuments.SHIP_TO;
    static final String SELLER = GeneratedDocuments.SELLER;
    static final String BUYER = GeneratedDocuments.BUYER;
    static final OffsetDateTime T = GeneratedDocuments.T;
    static final Clock CLOCK = GeneratedDocuments.CLOCK;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(DscsaRelease.class)
    void builtShipmentPassesSchemaIdentifierAndDscsaLayers(DscsaRelease release) throws IOException {
        EpcisDocument document = shipment(release, UnaryOperator.identity(), true, true);

        List<ValidationFinding> findings = Validator.bundled().validate(write(document));

        assertEquals(List.of(), findings.stream().filter(ValidationFinding::isError).toList());
        assertTrue(findings.stream().anyMatch(f -> f.rule().equals(DscsaProfile.RELEASE)
                && f.message().contains(release.label())), findings.toString());
    }

    /**
     * EPCIS 2.0 has no place for the DSCSA elements in its header: in XML they follow the body (the document's
     * {@code ##other} content), in JSON-LD they are members of the document. The transaction statement is found there.
     */
    @ParameterizedTest
    @EnumSource(value = EpcisFormat.class, names = {"XML_2_0", "JSON_LD_2_0"})
    void aTwoPointZeroShipmentCarriesItsDscsaElementsAtTheDocumentsLevel(EpcisFormat format) throws IOException {
        EpcisDocument built = shipment(DscsaRelease.R1_3, UnaryOperator.identity(), true, true);
        EpcisHeader h = built.header();
        EpcisDocument document = new EpcisDocument(new EpcisHeader("2.0", h.creationDate(), null, h.sbdh(),
                h.masterData(), List.of(), h.headerExtensions()), built.events());
        Path file = Files.createTempFile(dir, "shipment", format == EpcisFormat.XML_2_0 ? ".xml" : ".jsonld");
        try (OutputStream out = Files.newOutputStream(file)) {
            EpcisWriter.write(document, format, out, WriteOptions.DEFAULT);
        }

        List<ValidationFinding> findings = Validator.bundled().validate(file);

        assertEquals(List.of(), findings.stream().filter(ValidationFinding::isError).toList());
        String noStatement = Files.readString(file).replaceAll("dscsaTransactionStatement", "somethingElse");
        Files.writeString(file, noStatement);
        assertTrue(Validator.bundled().validate(file).stream()
                .anyMatch(f -> f.rule().equals(DscsaProfile.TRANSACTION_STATEMENT)), noStatement);
    }

    @Test
    void releasesDifferInGuidelineVersionNdcFormAndDropShipment() {
        EpcisDocument r13 = shipment(DscsaRelease.R1_3, UnaryOperator.identity(), true, true);
        EpcisDocument r12 = shipment(DscsaRelease.R1_2, UnaryOperator.identity(), true, true);

        assertEquals("GS1 US DSCSA R1.3", r13.header()
                .headerExtension(EpcisHeader.GS1USHC_NAMESPACE, "guidelineVersion").text());
        assertEquals(null, r12.header().headerExtension(EpcisHeader.GS1USHC_NAMESPACE, "guidelineVersion"));
        MasterData.VocabularyElement unit13 = r13.header().masterData()
                .element(MasterData.EPC_CLASS, "urn:epc:idpat:sgtin:030001.0012345.*");
        MasterData.VocabularyElement unit12 = r12.header().masterData()
                .element(MasterData.EPC_CLASS, "urn:epc:idpat:sgtin:030001.0012345.*");
        assertEquals("0001-0123-45", unit13.attribute(MasterData.MDA + "additionalTradeItemIdentification"));
        assertEquals("US_FDA_NDC", unit13.attribute(MasterData.MDA + "additionalTradeItemIdentificationTypeCode"));
        assertEquals("00001012345", unit12.attribute(MasterData.MDA + "additionalTradeItemIdentification"));
        assertEquals("FDA_NDC_11", unit12.attribute(MasterData.MDA + "additionalTradeItemIdentificationTypeCode"));
        EpcisEvent ship13 = r13.events().get(r13.events().size() - 1);
        EpcisEvent ship12 = r12.events().get(r12.events().size() - 1);
        assertEquals("false", ship13.extensions().get(0).text());
        assertEquals(List.of(), ship12.extensions());
        assertEquals(OffsetDateTime.parse("2023-04-01T08:45:16Z"), r13.header().creationDate());
    }

    @Test
    void eventsCarryTheGuidelineShapes() {
        EpcisEvent commission = DscsaEvent.commission(T, SHIP_FROM, List.of("urn:epc:id:sgtin:030001.0012345.1"))
                .lot("A123").expiry(LocalDate.of(2026, 3, 31)).build();
        assertEquals("-05:00", commission.eventTimeZoneOffset());
        assertEquals("urn:epcglobal:cbv:bizstep:commissioning", commission.bizStep().toUrn());
        assertEquals("urn:epcglobal:cbv:disp:active", commission.disposition().toUrn());
        assertEquals(List.of("A123", "2026-03-31"), commission.ilmd().stream().map(e -> e.text()).toList());

        EpcisEvent ship = DscsaEvent.ship(T, SHIP_FROM, List.of("urn:epc:id:sscc:030001.41234567890"))
                .purchaseOrder("0399999999991", "XYZPO189").despatchAdvice("0300011111116", "DEL100")
                .from(SELLER, SHIP_FROM).to(BUYER, SHIP_TO).dropShipment(true).build();
        assertEquals(null, ship.bizLocation());
        assertEquals(LocationRef.of(SHIP_FROM), ship.readPoint());
        assertEquals("urn:epcglobal:cbv:bt:0399999999991:XYZPO189", ship.bizTransactionList().get(0).value());
        assertEquals("urn:epcglobal:cbv:btt:desadv", ship.bizTransactionList().get(1).type().toUrn());
        assertEquals("urn:epcglobal:cbv:sdt:owning_party", ship.destinationList().get(0).type().toUrn());

        assertEquals("urn:epcglobal:cbv:bizstep:unpacking", DscsaEvent.unpack(T, SHIP_TO, "p", List.of("c"))
                .build().bizStep().toUrn());
        assertEquals("urn:epcglobal:cbv:disp:destroyed", DscsaEvent.destroy(T, SHIP_TO, List.of("e")).build()
                .disposition().toUrn());
        assertEquals("urn:epcglobal:cbv:disp:returned", DscsaEvent.shipReturn(T, SHIP_TO, List.of("e")).build()
                .disposition().toUrn());
    }

    @Test
    void badInputIsRejectedWithTheReason() {
        IllegalArgumentException noEpcs = assertThrows(IllegalArgumentException.class,
                () -> DscsaEvent.receive(T, SHIP_TO, List.of()));
        assertTrue(noEpcs.getMessage().contains("at least one"), noEpcs.getMessage());
        IllegalArgumentException badGln = assertThrows(IllegalArgumentException.class,
                () -> DscsaEvent.ship(T, SHIP_FROM, List.of("e")).purchaseOrder("0399999999990", "PO1"));
        assertTrue(badGln.getMessage().contains("0399999999990"), badGln.getMessage());
        IllegalStateException noSender = assertThrows(IllegalStateException.class,
                () -> ShipmentDocumentBuilder.forRelease(DscsaRelease.R1_3, CLOCK).build());
        assertTrue(noSender.getMessage().contains("sender"), noSender.getMessage());
    }

    /** Each DSCSA rule catches the document built without what it asks for. */
    @Test
    void dscsaRulesCatchBrokenBuiltDocuments() throws IOException {
        assertCaught(DscsaProfile.ILMD_LOT, shipment(DscsaRelease.R1_3,
                e -> e.ilmd() == null ? e : e.toBuilder().ilmd(List.of(e.ilmd().get(1))).build(), true, true));
        assertCaught(DscsaProfile.ILMD_EXPIRY, shipment(DscsaRelease.R1_2,
                e -> e.ilmd() == null ? e : e.toBuilder().ilmd(List.of(e.ilmd().get(0))).build(), true, true));
        assertCaught(DscsaProfile.PRODUCT_MASTER_DATA, shipment(DscsaRelease.R1_3, UnaryOperator.identity(), false,
                true));
        assertCaught(DscsaProfile.SHIPPING_BIZ_LOCATION, shipment(DscsaRelease.R1_3,
                e -> e.readPoint() != null && e.bizLocation() == null
                        ? e.toBuilder().bizLocation(e.readPoint()).build() : e, true, true));
        assertCaught(DscsaProfile.LOCATION_MASTER_DATA, shipment(DscsaRelease.R1_3, UnaryOperator.identity(), true,
                false));
    }

    private void assertCaught(String rule, EpcisDocument document) throws IOException {
        List<ValidationFinding> findings = Validator.bundled().validate(write(document));
        assertTrue(findings.stream().anyMatch(f -> f.isError() && f.rule().equals(rule)), rule + ": " + findings);
    }

    /** The builders make GS1's own DSCSA example: the same events, header and product master data. */
    @Test
    void theBuildersMakeTheGs1UsExample() throws IOException {
        EpcisDocument gs1;
        try (InputStream in = Files.newInputStream(EpcisOracles.require(
                "1.2/openepcis-test-resources-0.9.2/Capture/Documents/GS1_US_Pharma_Example_2_2_1_1.xml"));
             EpcisReader reader = EpcisReader.open(in)) {
            gs1 = reader.readAll();
        }
        EpcisDocument built = GeneratedDocuments.gs1UsExample();

        assertNull(RecordDiff.firstDifference(gs1.events(), built.events()));
        assertNull(RecordDiff.firstDifference(gs1.header().sbdh(), built.header().sbdh()));
        assertNull(RecordDiff.firstDifference(gs1.header().masterData().vocabularies().get(0),
                built.header().masterData().vocabularies().get(0)), "product master data");
        assertEquals(Set.copyOf(gs1.header().headerExtensions()), Set.copyOf(built.header().headerExtensions()));
    }

    static EpcisDocument shipment(DscsaRelease release, UnaryOperator<EpcisEvent> edit, boolean withProducts,
                                  boolean withLocations) {
        return GeneratedDocuments.shipment(release, edit, withProducts, withLocations);
    }

    private Path write(EpcisDocument document) throws IOException {
        Path file = Files.createTempFile(dir, "shipment", ".xml");
        try (OutputStream out = Files.newOutputStream(file)) {
            EpcisWriter.write(document, EpcisFormat.XML_1_2, out, WriteOptions.DEFAULT);
        }
        try (InputStream in = Files.newInputStream(file); EpcisReader reader = EpcisReader.open(in)) {
            assertEquals(document.events().size(), reader.readAll().events().size());
        }
        return file;
    }
}
