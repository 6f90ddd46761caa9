package io.tracegate.epcis.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegate.epcis.testing.Gs1UsExample;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each DSCSA rule against the GS1 US R1.3 example, first intact, then broken in one place. */
class DscsaProfileTest {

    private static final String SHIPPING_EVENT = "/EPCISDocument/EPCISBody/EventList/ObjectEvent[4]";
    private static final int SHIPPING_INDEX = 7;

    @ParameterizedTest
    @EnumSource(Gs1UsExample.class)
    void theGs1UsExamplePassesEveryLayerAndIsDetectedAsR13(Gs1UsExample example) {
        List<ValidationFinding> findings = Gs1UsExample.validate(example.xml());

        assertEquals(List.of(ValidationFinding.info(-1, "/EPCISDocument/EPCISHeader", DscsaProfile.RELEASE,
                "GS1 US DSCSA guideline R1.3 (gs1ushc:guidelineVersion 'GS1 US DSCSA R1.3')")), findings);
    }

    @ParameterizedTest
    @EnumSource(Gs1UsExample.class)
    void aDestinationWithoutLocationMasterData(Gs1UsExample example) {
        ValidationFinding finding = only(DscsaProfile.LOCATION_MASTER_DATA, example.edited(
                "<VocabularyElement id=\"urn:epc:id:sgln:039999.345678.0\">",
                "<VocabularyElement id=\"urn:epc:id:sgln:039999.345679.0\">"));

        assertEquals(SHIPPING_INDEX, finding.eventIndex());
        assertEquals(SHIPPING_EVENT + "/extension/destinationList/destination[2]", finding.path());
        assertTrue(finding.message().contains("urn:epc:id:sgln:039999.345678.0"), finding.message());
    }

    @ParameterizedTest
    @EnumSource(Gs1UsExample.class)
    void aShippedProductWithoutEpcClassMasterData(Gs1UsExample example) {
        ValidationFinding finding = only(DscsaProfile.PRODUCT_MASTER_DATA, example.edited(
                "id=\"urn:epc:idpat:sgtin:030001.1012345.*\"", "id=\"urn:epc:idpat:sgtin:030001.1012346.*\""));

        assertEquals(1, finding.eventIndex(), "first named by the case commissioning (E2)");
        assertTrue(finding.message().contains("10300010123452"), finding.message());
    }

    @ParameterizedTest
    @EnumSource(Gs1UsExample.class)
    void aProductWhoseMasterDataHasNoNdc(Gs1UsExample example) {
        String noNdc = example.xml().replace(
                "<attribute id=\"urn:epcglobal:cbv:mda#additionalTradeItemIdentification\">0001-0123-45</attribute>",
                "");

        List<ValidationFinding> findings = errors(DscsaProfile.PRODUCT_NDC, noNdc);

        assertEquals(2, findings.size(), "item and case GTIN: " + findings);
        assertEquals(0, findings.get(0).eventIndex());
        assertTrue(findings.get(0).message().contains("00300010123455"), findings.get(0).message());
    }

    @ParameterizedTest
    @EnumSource(Gs1UsExample.class)
    void commissioningSerializedUnitsWithoutALot(Gs1UsExample example) {
        ValidationFinding finding = only(DscsaProfile.ILMD_LOT,
                example.edited("<cbvmda:lotNumber>A123</cbvmda:lotNumber>", ""));

        assertEquals(0, finding.eventIndex());
        assertEquals("/EPCISDocument/EPCISBody/EventList/ObjectEvent/extension/ilmd", finding.path());
    }

    @ParameterizedTest
    @EnumSource(Gs1UsExample.class)
    void commissioningSerializedUnitsWithoutAnExpiry(Gs1UsExample example) {
        String xml = example.xml();
        int secondEvent = xml.indexOf("<ObjectEvent>", xml.indexOf("<ObjectEvent>") + 1);
        String edited = xml.substring(0, secondEvent) + xml.substring(secondEvent)
                .replaceFirst("<cbvmda:itemExpirationDate>2025-03-27</cbvmda:itemExpirationDate>", "");

        ValidationFinding finding = only(DscsaProfile.ILMD_EXPIRY, edited);

        assertEquals(1, finding.eventIndex());
        assertEquals("/EPCISDocument/EPCISBody/EventList/ObjectEvent[2]/extension/ilmd", finding.path());
    }

    @ParameterizedTest
    @EnumSource(Gs1UsExample.class)
    void aShippingEventWithABizLocation(Gs1UsExample example) {
        ValidationFinding finding = only(DscsaProfile.SHIPPING_BIZ_LOCATION, example.edited("<bizTransactionList>",
                "<bizLocation><id>urn:epc:id:sgln:030001.111121.0</id></bizLocation><bizTransactionList>"));

        assertEquals(SHIPPING_INDEX, finding.eventIndex());
        assertEquals(SHIPPING_EVENT + "/bizLocation", finding.path());
    }

    @ParameterizedTest
    @EnumSource(Gs1UsExample.class)
    void aShippingEventWithoutTheSellerAsSourceOwningParty(Gs1UsExample example) {
        ValidationFinding finding = only(DscsaProfile.SHIPPING_PARTIES, example.edited(
                "<source type=\"urn:epcglobal:cbv:sdt:owning_party\">urn:epc:id:sgln:030001.111111.0</source>", ""));

        assertEquals(SHIPPING_INDEX, finding.eventIndex());
        assertEquals(SHIPPING_EVENT + "/extension/sourceList", finding.path());
        assertTrue(finding.message().contains("owning_party (the seller)"), finding.message());
    }

    @ParameterizedTest
    @EnumSource(Gs1UsExample.class)
    void aShippingEventWithoutTheShipToLocation(Gs1UsExample example) {
        ValidationFinding finding = only(DscsaProfile.SHIPPING_PARTIES, example.edited(
                "<destination type=\"urn:epcglobal:cbv:sdt:location\">urn:epc:id:sgln:039999.345678.0</destination>",
                ""));

        assertTrue(finding.message().contains("destination of type location (the ship-to)"), finding.message());
    }

    @ParameterizedTest
    @EnumSource(Gs1UsExample.class)
    void aShipmentWithoutTheTransactionStatement(Gs1UsExample example) {
        String xml = example.xml();
        String noStatement = xml.substring(0, xml.indexOf("<gs1ushc:dscsaTransactionStatement>"))
                + xml.substring(xml.indexOf("</gs1ushc:dscsaTransactionStatement>")
                        + "</gs1ushc:dscsaTransactionStatement>".length());

        ValidationFinding finding = only(DscsaProfile.TRANSACTION_STATEMENT, noStatement);

        assertEquals(ValidationFinding.DOCUMENT, finding.eventIndex());
        assertEquals("/EPCISDocument/EPCISHeader", finding.path());
    }

    @ParameterizedTest
    @EnumSource(Gs1UsExample.class)
    void aTransactionStatementThatIsNotAffirmed(Gs1UsExample example) {
        ValidationFinding finding = only(DscsaProfile.TRANSACTION_STATEMENT, example.edited(
                "<gs1ushc:affirmTransactionStatement>true", "<gs1ushc:affirmTransactionStatement>false"));

        assertTrue(finding.message().contains("'false'"), finding.message());
    }

    @ParameterizedTest
    @EnumSource(Gs1UsExample.class)
    void anR12DocumentIsDetectedByItsNdcTypeCode(Gs1UsExample example) {
        String r12 = example.edited("<gs1ushc:guidelineVersion>GS1 US DSCSA R1.3</gs1ushc:guidelineVersion>", "")
                .replace(">US_FDA_NDC<", ">FDA_NDC_11<").replace(">0001-0123-45<", ">00001012345<");

        List<ValidationFinding> findings = Gs1UsExample.validate(r12);

        assertEquals(List.of(ValidationFinding.info(-1, "/EPCISDocument/EPCISHeader", DscsaProfile.RELEASE,
                "GS1 US DSCSA guideline R1.2 (NDC type code FDA_NDC_11)")), findings);
    }

    @ParameterizedTest
    @EnumSource(Gs1UsExample.class)
    void withoutGuidelineVersionTheUsFdaNdcTypeCodeStillMeansR13(Gs1UsExample example) {
        String xml = example.edited("<gs1ushc:guidelineVersion>GS1 US DSCSA R1.3</gs1ushc:guidelineVersion>", "");

        ValidationFinding finding = Gs1UsExample.validate(xml).get(0);

        assertEquals("GS1 US DSCSA guideline R1.3 (NDC type code US_FDA_NDC)", finding.message());
    }

    @ParameterizedTest
    @EnumSource(Gs1UsExample.class)
    void aShipmentWithoutAnyReleaseSignIsSaidSoAfterItsOtherFindings(Gs1UsExample example) {
        String xml = example.edited("<gs1ushc:guidelineVersion>GS1 US DSCSA R1.3</gs1ushc:guidelineVersion>", "")
                .replace("<attribute id=\"urn:epcglobal:cbv:mda#additionalTradeItemIdentificationTypeCode\">US_FDA_NDC"
                        + "</attribute>", "");

        List<ValidationFinding> findings = Gs1UsExample.validate(xml);

        ValidationFinding last = findings.get(findings.size() - 1);
        assertEquals(DscsaProfile.RELEASE, last.rule());
        assertEquals(ValidationFinding.Level.INFO, last.level());
        assertTrue(last.message().contains("not detected"), last.message());
    }

    /** The one finding of this rule, after checking that no other rule (of any layer) fired. */
    private static ValidationFinding only(String rule, String xml) {
        List<ValidationFinding> errors = errors(rule, xml);
        assertEquals(1, errors.size(), errors.toString());
        return errors.get(0);
    }

    private static List<ValidationFinding> errors(String rule, String xml) {
        List<ValidationFinding> errors = Gs1UsExample.validate(xml).stream().filter(ValidationFinding::isError)
                .toList();
        assertTrue(errors.stream().allMatch(f -> f.rule().equals(rule)), errors.toString());
        return errors;
    }
}
