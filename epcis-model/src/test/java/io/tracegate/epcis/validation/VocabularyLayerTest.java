package io.tracegate.epcis.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tracegate.epcis.testing.Gs1UsExample;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** CBV words planted in the GS1 US R1.3 example. */
class VocabularyLayerTest {

    private static final String SHIPPING = "/EPCISDocument/EPCISBody/EventList/ObjectEvent[4]";

    @ParameterizedTest
    @EnumSource(Gs1UsExample.class)
    void aMisspelledStandardBizStep(Gs1UsExample example) {
        ValidationFinding finding = only(example.edited("urn:epcglobal:cbv:bizstep:shipping",
                "urn:epcglobal:cbv:bizstep:shiping"));

        assertEquals("cbv.bizstep", finding.rule());
        assertEquals(7, finding.eventIndex());
        assertEquals(SHIPPING + "/bizStep", finding.path());
    }

    @ParameterizedTest
    @EnumSource(Gs1UsExample.class)
    void aStandardDispositionThatCbvDoesNotHave(Gs1UsExample example) {
        ValidationFinding finding = only(example.edited("urn:epcglobal:cbv:disp:in_transit",
                "urn:epcglobal:cbv:disp:in_transport"));

        assertEquals("cbv.disposition", finding.rule());
    }

    @ParameterizedTest
    @EnumSource(Gs1UsExample.class)
    void anUnknownBusinessTransactionType(Gs1UsExample example) {
        ValidationFinding finding = only(example.edited("type=\"urn:epcglobal:cbv:btt:desadv\"",
                "type=\"urn:epcglobal:cbv:btt:asn\""));

        assertEquals("cbv.btt", finding.rule());
        assertEquals(SHIPPING + "/bizTransactionList/bizTransaction[2]/@type", finding.path());
    }

    @ParameterizedTest
    @EnumSource(Gs1UsExample.class)
    void anUnknownSourceType(Gs1UsExample example) {
        ValidationFinding finding = only(example.edited(
                "<source type=\"urn:epcglobal:cbv:sdt:location\">", "<source type=\"urn:epcglobal:cbv:sdt:site\">"));

        assertEquals("cbv.sdt", finding.rule());
        assertEquals(SHIPPING + "/extension/sourceList/source[2]/@type", finding.path());
    }

    @ParameterizedTest
    @EnumSource(Gs1UsExample.class)
    void aUserVocabularyUriIsNotACbvValue(Gs1UsExample example) {
        List<ValidationFinding> findings = cbvFindings(example.edited("urn:epcglobal:cbv:bizstep:packing",
                "urn:example:bizstep:packing_line_7"));

        assertEquals(List.of(), findings);
    }

    private static ValidationFinding only(String xml) {
        List<ValidationFinding> findings = cbvFindings(xml);
        assertEquals(1, findings.size(), findings.toString());
        return findings.get(0);
    }

    private static List<ValidationFinding> cbvFindings(String xml) {
        return Gs1UsExample.validate(xml).stream().filter(f -> f.rule().startsWith("cbv.")).toList();
    }
}
