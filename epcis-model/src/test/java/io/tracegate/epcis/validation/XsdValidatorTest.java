package io.tracegate.epcis.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegate.epcis.xml.DocumentLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class XsdValidatorTest {

    private static final String EVENT_20 = """
            <ObjectEvent><eventTime>2023-04-01T07:48:16Z</eventTime><eventTimeZoneOffset>-05:00</eventTimeZoneOffset>
              <epcList><epc>urn:epc:id:sgtin:030001.0012345.1</epc><epc>urn:epc:id:sgtin:030001.0012345.2</epc></epcList>
              <action>%s</action></ObjectEvent>
            """;

    private final XsdValidator validator = new XsdValidator();

    @Test
    void aValidTwoDotZeroDocumentHasNoFindings() throws IOException {
        assertEquals(List.of(), validate(document20(EVENT_20.formatted("OBSERVE"))));
    }

    @Test
    void namesTheEventAndElementPathOfAViolation() throws IOException {
        String events = EVENT_20.formatted("ADD")
                + "<AggregationEvent><eventTime>2023-04-01T07:48:16Z</eventTime>"
                + "<eventTimeZoneOffset>-05:00</eventTimeZoneOffset><childEPCs/><action>ADD</action></AggregationEvent>"
                + EVENT_20.formatted("ADD") + EVENT_20.formatted("OBSERV");

        List<ValidationFinding> findings = validate(document20(events));

        ValidationFinding first = findings.get(0);
        assertEquals(ValidationFinding.Level.ERROR, first.level());
        assertEquals(3, first.eventIndex());
        assertEquals("/EPCISDocument/EPCISBody/EventList/ObjectEvent[3]/action", first.path());
        assertEquals(XsdValidator.RULE, first.rule());
        assertTrue(first.message().contains("OBSERV") && first.message().startsWith("line "), first.message());
    }

    @Test
    void aMissingChildIsReportedOnItsParentElement() throws IOException {
        String event = "<ObjectEvent><eventTime>2023-04-01T07:48:16Z</eventTime>"
                + "<eventTimeZoneOffset>-05:00</eventTimeZoneOffset><epcList/></ObjectEvent>";

        ValidationFinding finding = validate(document20(event)).get(0);

        assertEquals(0, finding.eventIndex());
        assertEquals("/EPCISDocument/EPCISBody/EventList/ObjectEvent", finding.path());
        assertTrue(finding.message().contains("action"), finding.message());
    }

    @Test
    void headerProblemsOfAOneDotTwoDocumentBelongToNoEvent() throws IOException {
        String xml = """
                <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:1"
                    xmlns:sbdh="http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader"
                    schemaVersion="1.2" creationDate="2023-04-01T08:45:16Z">
                  <EPCISHeader><sbdh:StandardBusinessDocumentHeader><sbdh:HeaderVersion>1.0</sbdh:HeaderVersion>
                  </sbdh:StandardBusinessDocumentHeader></EPCISHeader>
                  <EPCISBody><EventList/></EPCISBody>
                </epcis:EPCISDocument>
                """;

        ValidationFinding finding = validate(xml).get(0);

        assertEquals(ValidationFinding.DOCUMENT, finding.eventIndex());
        assertEquals("/EPCISDocument/EPCISHeader/StandardBusinessDocumentHeader", finding.path());
        assertEquals(XsdValidator.RULE, finding.rule());
    }

    @Test
    void oneDotTwoTransformationEventsInsideTheEventListExtensionAreCountedAsEvents() throws IOException {
        String xml = """
                <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:1" schemaVersion="1.2"
                    creationDate="2023-04-01T08:45:16Z"><EPCISBody><EventList>
                  <ObjectEvent><eventTime>2023-04-01T07:48:16Z</eventTime><eventTimeZoneOffset>-05:00</eventTimeZoneOffset>
                    <epcList/><action>OBSERVE</action></ObjectEvent>
                  <extension><TransformationEvent><eventTime>2023-04-01T07:48:16Z</eventTime>
                    <eventTimeZoneOffset>-05:00</eventTimeZoneOffset><bogus/></TransformationEvent></extension>
                </EventList></EPCISBody></epcis:EPCISDocument>
                """;

        ValidationFinding finding = validate(xml).get(0);

        assertEquals(1, finding.eventIndex());
        assertEquals("/EPCISDocument/EPCISBody/EventList/extension/TransformationEvent/bogus", finding.path());
    }

    @Test
    void aBareEventIsNotAnEpcisDocument() throws IOException {
        List<ValidationFinding> findings = validate(EVENT_20.formatted("ADD"));

        assertEquals(XsdValidator.RULE, findings.get(0).rule());
        assertTrue(findings.get(0).message().contains("ObjectEvent"), findings.get(0).message());
    }

    @Test
    void xmlThatIsNotWellFormedEndsWithOneMalformedFinding() throws IOException {
        List<ValidationFinding> findings = validate(document20(EVENT_20.formatted("ADD")).replace("</EventList>", ""));

        ValidationFinding last = findings.get(findings.size() - 1);
        assertEquals(XsdValidator.RULE_MALFORMED, last.rule());
        assertTrue(last.message().startsWith("line "), last.message());
    }

    @Test
    void refusesEntityDeclarationsSoNoFileIsReadAndNothingExpands() throws IOException {
        String external = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + document20("").replace("<EventList>", "<EventList>&x;");
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"ha\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]>"
                + document20("").replace("<EventList>", "<EventList>&b;");

        for (String xml : List.of(external, laughs)) {
            List<ValidationFinding> findings = validate(xml);
            assertEquals(1, findings.size(), findings.toString());
            assertEquals(XsdValidator.RULE_MALFORMED, findings.get(0).rule());
            assertTrue(findings.get(0).message().contains("entit"), findings.get(0).message());
        }
    }

    @Test
    void aBareDoctypeAsInGs1sOwnExamplesIsAccepted() throws IOException {
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE project>\n" + document20(EVENT_20.formatted("ADD"));

        assertEquals(List.of(), validate(xml));
    }

    @Test
    void schemaLocationHintsInTheDocumentAreNotFollowed() throws IOException {
        String xml = document20(EVENT_20.formatted("ADD")).replace("schemaVersion=", """
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                xsi:schemaLocation="urn:epcglobal:epcis:xsd:2 http://localhost:9/unreachable.xsd" schemaVersion=""");

        assertEquals(List.of(), validate(xml));
    }

    @Test
    void deepNestingEndsThePassWithALimitFinding() throws IOException {
        String deep = "<x:a xmlns:x=\"urn:example\">".repeat(100_000);

        List<ValidationFinding> findings = validate(document20(EVENT_20.formatted("ADD") + deep));

        ValidationFinding last = findings.get(findings.size() - 1);
        assertEquals(XsdValidator.RULE_LIMIT, last.rule());
        assertTrue(last.message().contains("deeper than 64"), last.message());
    }

    @Test
    void endlessTextEndsThePassWithALimitFindingWhereItIs() throws IOException {
        XsdValidator small = new XsdValidator(new DocumentLimits(64, 1000, 1000, 10, Long.MAX_VALUE));
        String xml = document20(EVENT_20.formatted("ADD").replace("urn:epc:id:sgtin:030001.0012345.2",
                "x".repeat(5000)));

        List<ValidationFinding> findings = small.validate(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));

        ValidationFinding last = findings.get(findings.size() - 1);
        assertEquals(XsdValidator.RULE_LIMIT, last.rule());
        assertEquals(0, last.eventIndex());
        assertEquals("/EPCISDocument/EPCISBody/EventList/ObjectEvent/epcList/epc[2]", last.path());
    }

    static String document20(String events) {
        return "<epcis:EPCISDocument xmlns:epcis=\"urn:epcglobal:epcis:xsd:2\" schemaVersion=\"2.0\""
                + " creationDate=\"2023-04-01T08:45:16Z\"><EPCISBody><EventList>" + events
                + "</EventList></EPCISBody></epcis:EPCISDocument>";
    }

    private List<ValidationFinding> validate(String xml) throws IOException {
        return validator.validate(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
