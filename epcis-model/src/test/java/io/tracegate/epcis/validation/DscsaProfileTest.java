package io.tracegate.epcis.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each DSCSA rule against the GS1 US R1.3 example, first intact, then broken in one place. */
class DscsaProfileTest {

    private static final String SHIPPING_EVENT = "/EPCISDocument/EPCISBody/EventList/ObjectEvent[4]";
    private static final int SHIPPING_INDEX = 7;

    @Test
    void theGs1UsExamplePassesEveryLayerAndIsDetectedAsR13() {
        List<ValidationFinding> findings = Gs1UsExample.validate(Gs1UsExample.xml());

        assertEquals(List.of(ValidationFinding.info(-1, "/EPCISDocument/EPCISHeader", DscsaProfile.RELEASE,
                "GS1 US DSCSA guideline R1.3 (gs1ushc:guidelineVersion 'GS1 US DSCSA R1.3')")), findings);
    }

    @Test
    void aDestinationWithoutLocationMasterData() {
        ValidationFinding finding = only(DscsaProfile.LOCATION_MASTER_DATA, Gs1UsExample.edited(
                "<VocabularyElement id=\"urn:epc:id:sgln:039999.345678.0\">",
                "<VocabularyElement id=\"urn:epc:id:sgln:039999.345679.0\">"));

        assertEquals(SHIPPING_INDEX, finding.eventIndex());
        assertEquals(SHIPPING_EVENT + "/extension/destinationList/destination[2]", finding.path());
        assertTrue(finding.message().contains("urn:epc:id:sgln:039999.345678.0"), finding.message());
    }

    @Test
    void aShippedProductWithoutEpcClassMasterData() {
        ValidationFinding finding = only(DscsaProfile.PRODUCT_MASTER_DATA, Gs1UsExample.edited(
                "id=\"urn:epc:idpat:sgtin:030001.1012345.*\"", "id=\"urn:epc:idpat:sgtin:030001.1012346.*\""));

        assertEquals(1, finding.eventIndex(), "first named by the case commissioning (E2)");
        assertTrue(finding.message().contains("10300010123452"), finding.message());
    }

    @Test
    void aProductWhoseMasterDataHasNoNdc() {
        String noNdc = Gs1UsExample.xml().replace(
                "<attribute id=\"urn:epcglobal:cbv:mda#additionalTradeItemIdentification\">0001-0123-45</attribute>",
                "");

        List<ValidationFinding> findings = errors(DscsaProfile.PRODUCT_NDC, noNdc);

        assertEquals(2, findings.size(), "item and case GTIN: " + findings);
        assertEquals(0, findings.get(0).eventIndex());
        assertTrue(findings.get(0).message().contains("00300010123455"), findings.get(0).message());
    }

    @Test
    void commissioningSerializedUnitsWithoutALot() {
        ValidationFinding finding = only(DscsaProfile.ILMD_LOT,
                Gs1UsExample.edited("<cbvmda:lotNumber>A123</cbvmda:lotNumber>", ""));

        assertEquals(0, finding.eventIndex());
        assertEquals("/EPCISDocument/EPCISBody/EventList/ObjectEvent/extension/ilmd", finding.path());
    }

    @Test
    void commissioningSerializedUnitsWithoutAnExpiry() {
        String xml = Gs1UsExample.xml();
        int secondEvent = xml.indexOf("<!-- E2");
        String edited = xml.substring(0, secondEvent) + xml.substring(secondEvent)
                .replaceFirst("<cbvmda:itemExpirationDate>2025-03-27</cbvmda:itemExpirationDate>", "");

        ValidationFinding finding = only(DscsaProfile.ILMD_EXPIRY, edited);

        assertEquals(1, finding.eventIndex());
        assertEquals("/EPCISDocument/EPCISBody/EventList/ObjectEvent[2]/extension/ilmd", finding.path());
    }

    @Test
    void aShippingEventWithABizLocation() {
        ValidationFinding finding = only(DscsaProfile.SHIPPING_BIZ_LOCATION, Gs1UsExample.edited(
                "<!-- 2 business documents",
                "<bizLocation><id>urn:epc:id:sgln:030001.111121.0</id></bizLocation><!-- 2 business documents"));

        assertEquals(SHIPPING_INDEX, finding.eventIndex());
        assertEquals(SHIPPING_EVENT + "/bizLocation", finding.path());
    }

    @Test
    void aShippingEventWithoutTheSellerAsSourceOwningParty() {
        ValidationFinding finding = only(DscsaProfile.SHIPPING_PARTIES, Gs1UsExample.edited(
                "<source type=\"urn:epcglobal:cbv:sdt:owning_party\">urn:epc:id:sgln:030001.111111.0</source>", ""));

        assertEquals(SHIPPING_INDEX, finding.eventIndex());
        assertEquals(SHIPPING_EVENT + "/extension/sourceList", finding.path());
        assertTrue(finding.message().contains("owning_party (the seller)"), finding.message());
    }

    @Test
    void aShippingEventWithoutTheShipToLocation() {
        ValidationFinding finding = only(DscsaProfile.SHIPPING_PARTIES, Gs1UsExample.edited(
                "<destination type=\"urn:epcglobal:cbv:sdt:location\">urn:epc:id:sgln:039999.345678.0</destination>",
                ""));

        assertTrue(finding.message().contains("destination of type location (the ship-to)"), finding.message());
    }

    @Test
    void aShipmentWithoutTheTransactionStatement() {
        String xml = Gs1UsExample.xml();
        String noStatement = xml.substring(0, xml.indexOf("<gs1ushc:dscsaTransactionStatement>"))
                + xml.substring(xml.indexOf("</gs1ushc:dscsaTransactionStatement>")
                        + "</gs1ushc:dscsaTransactionStatement>".length());

        ValidationFinding finding = only(DscsaProfile.TRANSACTION_STATEMENT, noStatement);

        assertEquals(ValidationFinding.DOCUMENT, finding.eventIndex());
        assertEquals("/EPCISDocument/EPCISHeader", finding.path());
    }

    @Test
    void aTransactionStatementThatIsNotAffirmed() {
        ValidationFinding finding = only(DscsaProfile.TRANSACTION_STATEMENT, Gs1UsExample.edited(
                "<gs1ushc:affirmTransactionStatement>true", "<gs1ushc:affirmTransactionStatement>false"));

        assertTrue(finding.message().contains("'false'"), finding.message());
    }

    @Test
    void anR12DocumentIsDetectedByItsNdcTypeCode() {
        String r12 = Gs1UsExample.edited("<gs1ushc:guidelineVersion>GS1 US DSCSA R1.3</gs1ushc:guidelineVersion>", "")
                .replace(">US_FDA_NDC<", ">FDA_NDC_11<").replace(">0001-0123-45<", ">00001012345<");

        List<ValidationFinding> findings = Gs1UsExample.validate(r12);

        assertEquals(List.of(ValidationFinding.info(-1, "/EPCISDocument/EPCISHeader", DscsaProfile.RELEASE,
                "GS1 US DSCSA guideline R1.2 (NDC type code FDA_NDC_11)")), findings);
    }

    @Test
    void withoutGuidelineVersionTheUsFdaNdcTypeCodeStillMeansR13() {
        String xml = Gs1UsExample.edited("<gs1ushc:guidelineVersion>GS1 US DSCSA R1.3</gs1ushc:guidelineVersion>", "");

        ValidationFinding finding = Gs1UsExample.validate(xml).get(0);

        assertEquals("GS1 US DSCSA guideline R1.3 (NDC type code US_FDA_NDC)", finding.message());
    }

    @Test
    void aShipmentWithoutAnyReleaseSignIsSaidSoAfterItsOtherFindings() {
        String xml = Gs1UsExample.edited("<gs1ushc:guidelineVersion>GS1 US DSCSA R1.3</gs1ushc:guidelineVersion>", "")
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
