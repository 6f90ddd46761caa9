package io.tracegate.epcis.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegate.epcis.testing.Gs1UsExample;
import io.tracegate.gs1.CheckDigit;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Identifier problems planted in the GS1 US R1.3 example, one at a time. */
class IdentifierLayerTest {

    private static final String COMMISSIONING = "/EPCISDocument/EPCISBody/EventList/ObjectEvent";
    private static final String SHIPPING = "/EPCISDocument/EPCISBody/EventList/ObjectEvent[4]";

    @ParameterizedTest
    @EnumSource(Gs1UsExample.class)
    void aSerialWithACharacterAnEpcUriMustEscape(Gs1UsExample example) {
        ValidationFinding finding = only(example.edited(
                "urn:epc:id:sgtin:030001.0012345.11", "urn:epc:id:sgtin:030001.0012345.1&amp;1"));

        assertEquals("id.sgtin.cset", finding.rule());
        assertEquals(0, finding.eventIndex());
        assertEquals(COMMISSIONING + "/epcList/epc", finding.path());
    }

    @ParameterizedTest
    @EnumSource(Gs1UsExample.class)
    void aSerialLongerThanAi21Allows(Gs1UsExample example) {
        ValidationFinding finding = only(example.edited(
                "urn:epc:id:sgtin:030001.0012345.11", "urn:epc:id:sgtin:030001.0012345.123456789012345678901"));

        assertEquals("id.sgtin.length", finding.rule());
    }

    @ParameterizedTest
    @EnumSource(Gs1UsExample.class)
    void aDigitalLinkEpcWithAWrongGtinCheckDigit(Gs1UsExample example) {
        ValidationFinding finding = only(example.edited(
                "urn:epc:id:sgtin:030001.0012345.12", "https://id.gs1.org/01/00300010123454/21/12"));

        assertEquals("id.digital-link.check-digit", finding.rule());
        assertEquals(COMMISSIONING + "/epcList/epc[2]", finding.path());
    }

    @ParameterizedTest
    @EnumSource(Gs1UsExample.class)
    void theSameEpcAsADigitalLinkWithTheRightCheckDigitIsFine(Gs1UsExample example) {
        List<ValidationFinding> findings = idFindings(example.edited(
                "urn:epc:id:sgtin:030001.0012345.12", "https://id.gs1.org/01/00300010123455/21/12"));

        assertEquals(List.of(), findings);
    }

    @ParameterizedTest
    @EnumSource(Gs1UsExample.class)
    void anEpcClassInAnEpcList(Gs1UsExample example) {
        ValidationFinding finding = only(example.edited("<epc>urn:epc:id:sscc:030001.41234567890</epc>",
                "<epc>urn:epc:class:lgtin:030001.0012345.A123</epc>"));

        assertEquals("id.lgtin.kind", finding.rule());
        assertEquals(5, finding.eventIndex());
    }

    @ParameterizedTest
    @EnumSource(Gs1UsExample.class)
    void aBusinessTransactionIssuedByAGlnWithAWrongCheckDigit(Gs1UsExample example) {
        ValidationFinding finding = only(example.edited(
                "urn:epcglobal:cbv:bt:0399999999991:XYZPO189", "urn:epcglobal:cbv:bt:0399999999992:XYZPO189"));

        assertEquals("id.gln.check-digit", finding.rule());
        assertEquals(7, finding.eventIndex());
        assertEquals(SHIPPING + "/bizTransactionList/bizTransaction", finding.path());
    }

    @ParameterizedTest
    @EnumSource(Gs1UsExample.class)
    void anSbdhSenderSglnOfTheWrongLength(Gs1UsExample example) {
        ValidationFinding finding = only(example.edited(
                "<sbdh:Identifier Authority=\"GS1\">urn:epc:id:sgln:030001.111111.0",
                "<sbdh:Identifier Authority=\"GS1\">urn:epc:id:sgln:030001.11111.0"));

        assertEquals("id.sgln.length", finding.rule());
        assertEquals(ValidationFinding.DOCUMENT, finding.eventIndex());
        assertEquals("/EPCISDocument/EPCISHeader/StandardBusinessDocumentHeader/Sender/Identifier", finding.path());
    }

    @ParameterizedTest
    @EnumSource(Gs1UsExample.class)
    void anSbdhReceiverGlnWithAWrongCheckDigit(Gs1UsExample example) {
        String gln = CheckDigit.append("039999999999");
        String wrong = gln.substring(0, 12) + (char) ('0' + (gln.charAt(12) - '0' + 1) % 10);

        ValidationFinding finding = only(example.edited(
                "<sbdh:Identifier Authority=\"GS1\">urn:epc:id:sgln:039999.999999.0",
                "<sbdh:Identifier Authority=\"GLN\">" + wrong));

        assertEquals("id.gln.check-digit", finding.rule());
        assertEquals("/EPCISDocument/EPCISHeader/StandardBusinessDocumentHeader/Receiver/Identifier", finding.path());
    }

    @ParameterizedTest
    @EnumSource(Gs1UsExample.class)
    void aMasterDataClassPatternThatIsNotDigits(Gs1UsExample example) {
        String xml = example.edited("id=\"urn:epc:idpat:sgtin:030001.0012345.*\"",
                "id=\"urn:epc:idpat:sgtin:030001.00123X5.*\"");

        ValidationFinding finding = only(xml);

        assertEquals("id.sgtin-pattern.cset", finding.rule());
        assertEquals("/EPCISDocument/EPCISHeader/extension/EPCISMasterData/VocabularyList/Vocabulary"
                + "/VocabularyElementList/VocabularyElement/@id", finding.path());
    }

    @ParameterizedTest
    @EnumSource(Gs1UsExample.class)
    void aLotLongerThanAi10Allows(Gs1UsExample example) {
        ValidationFinding finding = only(example.edited("<cbvmda:lotNumber>A123<",
                "<cbvmda:lotNumber>A12345678901234567890<"));

        assertEquals("id.lot.length", finding.rule());
        assertEquals(COMMISSIONING + "/extension/ilmd/lotNumber", finding.path());
    }

    @ParameterizedTest
    @EnumSource(Gs1UsExample.class)
    void anExpiryThatIsNoCalendarDate(Gs1UsExample example) {
        ValidationFinding finding = only(example.edited("<cbvmda:itemExpirationDate>2025-03-27<",
                "<cbvmda:itemExpirationDate>2025-02-30<"));

        assertEquals("id.date", finding.rule());
        assertTrue(finding.message().contains("2025-02-30"), finding.message());
    }

    @ParameterizedTest
    @EnumSource(Gs1UsExample.class)
    void locationsThatAreNotGs1IdentifiersAreLeftAlone(Gs1UsExample example) {
        String original = example.xml();
        String xml = original.replaceAll("(<readPoint>\\s*<id>)urn:epc:id:sgln:030001.111111.0",
                "$1https://example.com/locations/7");

        assertTrue(!xml.equals(original), "the read points were replaced");
        assertEquals(List.of(), idFindings(xml));
    }

    /** The single identifier finding (DSCSA findings that follow from the same edit are ignored). */
    private static ValidationFinding only(String xml) {
        List<ValidationFinding> findings = idFindings(xml);
        assertEquals(1, findings.size(), findings.toString());
        return findings.get(0);
    }

    private static List<ValidationFinding> idFindings(String xml) {
        return Gs1UsExample.validate(xml).stream().filter(f -> !f.rule().startsWith("dscsa.")).toList();
    }
}
