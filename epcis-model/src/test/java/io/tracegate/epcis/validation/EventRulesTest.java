package io.tracegate.epcis.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegate.epcis.convert.DscsaRelease;
import io.tracegate.epcis.io.EpcisFormat;
import io.tracegate.epcis.io.EpcisReader;
import io.tracegate.epcis.model.Action;
import io.tracegate.epcis.model.BizTransaction;
import io.tracegate.epcis.model.CbvValue;
import io.tracegate.epcis.model.CbvVocabulary;
import io.tracegate.epcis.model.EpcisDocument;
import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.epcis.model.ErrorDeclaration;
import io.tracegate.epcis.model.EventType;
import io.tracegate.epcis.model.ExtensionElement;
import io.tracegate.epcis.model.LocationRef;
import io.tracegate.epcis.model.NamedValue;
import io.tracegate.epcis.model.QuantityElement;
import io.tracegate.epcis.model.SensorElement;
import io.tracegate.epcis.testing.GeneratedDocuments;
import io.tracegate.gs1.epc.Epc;
import io.tracegate.gs1.epc.SsccEpc;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The per-event rules capture runs ({@link EventRules}: identifiers, CBV values, {@link StandardLayer}) over events
 * the project builds itself: every rule fires on the event that breaks it, naming the field, and never on the
 * documents the builders write.
 */
class EventRulesTest {

    private static final String JSON_EVENT = "/epcisBody/eventList/0";
    private static final String XML_EVENT = "/EPCISDocument/EPCISBody/EventList/ObjectEvent";
    private static final OffsetDateTime T = GeneratedDocuments.T;
    private static final String SITE = GeneratedDocuments.SHIP_FROM;
    private static final String UNIT = "urn:epc:id:sgtin:030001.0012345.10000001";

    @Test
    void theDocumentsTheProjectWritesPass() {
        for (EpcisDocument document : List.of(GeneratedDocuments.shipment(DscsaRelease.R1_2),
                GeneratedDocuments.shipment(DscsaRelease.R1_3), GeneratedDocuments.randomEvents(5, 200))) {
            for (EpcisFormat format : EpcisFormat.values()) {
                assertEquals(List.of(), errors(document.events(), format), format.label());
            }
        }
    }

    @Test
    void theInstanceEpcsParsedAreHandedOverAsWritten() {
        String sscc = "urn:epc:id:sscc:030001.00000000001";
        String digitalLink = "https://id.gs1.org/01/00300010123455/21/77";
        String badCheckDigit = "https://id.gs1.org/01/00300010123456/21/78";
        String padded = " urn:epc:id:sgtin:030001.0012345.79";
        String grai = "urn:epc:id:grai:030001.12345.1";
        EpcisEvent event = EpcisEvent.builder(EventType.AGGREGATION_EVENT).eventTime(T).eventTimeZoneOffset("-05:00")
                .action(Action.ADD).parentId(sscc).addChildEpc(UNIT).addChildEpc(digitalLink)
                .addChildEpc(badCheckDigit).addChildEpc(padded).addChildEpc(grai)
                .addChildQuantity(new QuantityElement("urn:epc:class:lgtin:030001.0012345.L1",
                        null, null))
                .readPoint(new LocationRef(SITE, List.of())).build();
        Map<String, Epc> parsed = new LinkedHashMap<>();
        new EventRules(EpcisFormat.JSON_LD_2_0, parsed::put).check(0, JSON_EVENT, event, finding -> { });
        // the check-digit error, the padded one (a capture keys it as written), the GRAI (not read by gs1-parser),
        // the class and the location are not handed over
        assertEquals(List.of(sscc, UNIT, digitalLink), List.copyOf(parsed.keySet()));
        assertTrue(parsed.get(sscc) instanceof SsccEpc);
    }

    @Test
    void requiredFieldsAreNamed() {
        assertOnly(object().eventTimeZoneOffset(null), StandardLayer.REQUIRED, "/eventTimeZoneOffset");
        assertOnly(object().action(null), StandardLayer.REQUIRED, "/action");
        assertOnly(EpcisEvent.builder(EventType.AGGREGATION_EVENT).eventTime(T).eventTimeZoneOffset("-05:00")
                .action(Action.ADD).addChildEpc(UNIT), StandardLayer.REQUIRED, "/parentID");
        assertOnly(EpcisEvent.builder(EventType.ASSOCIATION_EVENT).eventTime(T).eventTimeZoneOffset("-05:00")
                .action(Action.OBSERVE).addChildEpc(UNIT), StandardLayer.REQUIRED, "/parentID");
        assertOnly(EpcisEvent.builder(EventType.TRANSACTION_EVENT).eventTime(T).eventTimeZoneOffset("-05:00")
                .action(Action.ADD).addEpc(UNIT), StandardLayer.REQUIRED, "/bizTransactionList");
        assertOnly(object().eventTimeZoneOffset("+15:00"), StandardLayer.TIME_ZONE, "/eventTimeZoneOffset");
        assertEquals(List.of(), errors(List.of(object().eventTimeZoneOffset("+14:00").build()),
                EpcisFormat.JSON_LD_2_0));
    }

    @Test
    void anEventMustNameWhatItIsAbout() {
        assertOnly(EpcisEvent.builder(EventType.OBJECT_EVENT).eventTime(T).eventTimeZoneOffset("-05:00")
                .action(Action.OBSERVE), StandardLayer.IDENTIFIERS, "/epcList");
        assertOnly(aggregation(Action.ADD), StandardLayer.IDENTIFIERS, "/childEPCs");
        assertOnly(EpcisEvent.builder(EventType.TRANSACTION_EVENT).eventTime(T).eventTimeZoneOffset("-05:00")
                .action(Action.ADD).addBizTransaction(new BizTransaction(null, "urn:example:po:1")),
                StandardLayer.IDENTIFIERS, "/epcList");
        assertOnly(EpcisEvent.builder(EventType.TRANSFORMATION_EVENT).eventTime(T).eventTimeZoneOffset("-05:00")
                .addInputEpc(UNIT), StandardLayer.IDENTIFIERS, "/outputEPCList");
        assertOnly(EpcisEvent.builder(EventType.TRANSFORMATION_EVENT).eventTime(T).eventTimeZoneOffset("-05:00")
                .transformationId("urn:uuid:t1"), StandardLayer.IDENTIFIERS, "/inputEPCList");

        List<EpcisEvent> allowed = List.of(
                aggregation(Action.DELETE).build(),     // every child leaves the parent
                EpcisEvent.builder(EventType.TRANSFORMATION_EVENT).eventTime(T).eventTimeZoneOffset("-05:00")
                        .addInputEpc(UNIT).transformationId("urn:uuid:t1").build(),
                EpcisEvent.builder(EventType.OBJECT_EVENT).eventTime(T).eventTimeZoneOffset("-05:00")
                        .action(Action.OBSERVE).readPoint(LocationRef.of(SITE)).addSensorElement(new SensorElement(
                                List.of(), List.of(List.of(NamedValue.unqualified("type", "gs1:Temperature"))),
                                List.of())).build());
        assertEquals(List.of(), errors(allowed, EpcisFormat.JSON_LD_2_0));
    }

    @Test
    void ilmdDescribesObjectsOnlyAsTheyAreAdded() {
        assertOnly(object().action(Action.OBSERVE).ilmd(List.of(ExtensionElement.leaf("urn:epcglobal:cbv:mda",
                "cbvmda", "lotNumber", "A1"))), StandardLayer.ILMD_ACTION, "/ilmd");
    }

    @Test
    void userFieldsNeedANamespaceInEpcis2() {
        ExtensionElement bare = ExtensionElement.leaf("", "", "colour", "red");
        assertOnly(object().extensions(List.of(bare)), StandardLayer.USER_FIELD, "/colour");
        assertOnly(object().readPoint(new LocationRef(SITE, List.of(bare))), StandardLayer.USER_FIELD,
                "/readPoint/colour");
        assertOnly(object().errorDeclaration(new ErrorDeclaration(T, null, List.of(), List.of(bare))),
                StandardLayer.USER_FIELD, "/errorDeclaration/colour");
        assertOnly(object().addSensorElement(new SensorElement(List.of(NamedValue.unqualified("colour", "red")),
                List.of(), List.of())), StandardLayer.USER_FIELD, "/sensorElementList/0/sensorMetadata/colour");
        assertOnly(object().ilmd(List.of(bare)), VocabularyLayer.ILMD_NAMESPACE, "/ilmd/colour");

        // EPCIS 1.2 XML has room for unqualified elements in its extension wrappers
        assertEquals(List.of(), errors(List.of(object().extensions(List.of(bare)).build()), EpcisFormat.XML_1_2));
        List<ValidationFinding> xml = errors(List.of(object().extensions(List.of(bare)).build()),
                EpcisFormat.XML_2_0);
        assertEquals(XML_EVENT + "/colour", xml.get(0).path());
    }

    @Test
    void aBareWordOutsideCbvIsKeptAsWrittenAndRefused() {
        String json = "{\"@context\":\"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld\","
                + "\"type\":\"ObjectEvent\",\"eventTime\":\"2023-04-01T08:45:16Z\",\"eventTimeZoneOffset\":\"+00:00\","
                + "\"epcList\":[\"" + UNIT + "\"],\"action\":\"OBSERVE\",\"bizStep\":\"transforming\","
                + "\"disposition\":\"in_transit\"}";
        EpcisEvent event;
        try (EpcisReader r = EpcisReader.open(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))) {
            event = r.next();
        }
        assertFalse(event.bizStep().standard(), "no CBV word: never written back as a CBV URN");
        assertEquals("transforming", event.bizStep().toUrn());
        assertTrue(event.disposition().standard());
        assertOnly(event.toBuilder(), "cbv.bizstep", "/bizStep");

        assertOnly(object().bizStep(CbvValue.parse(CbvVocabulary.BIZ_STEP, "urn:epcglobal:cbv:bizstep:transforming",
                false)), "cbv.bizstep", "/bizStep");
        assertOnly(object().disposition(CbvValue.parse(CbvVocabulary.DISPOSITION, "in_transit", false)),
                "cbv.disposition", "/disposition");     // a bare word in XML is no CBV value
        assertEquals(List.of(), errors(List.of(object().bizStep(CbvValue.parse(CbvVocabulary.BIZ_STEP,
                "urn:example:bizstep:transforming", false)).build()), EpcisFormat.JSON_LD_2_0));
    }

    @Test
    void xmlPathsFollowTheDocument() {
        List<ValidationFinding> findings = errors(List.of(object().action(null).build()), EpcisFormat.XML_2_0);
        assertEquals(XML_EVENT + "/action", findings.get(0).path());
        assertEquals(0, findings.get(0).eventIndex());
    }

    private static EpcisEvent.Builder object() {
        return EpcisEvent.builder(EventType.OBJECT_EVENT).eventTime(T).eventTimeZoneOffset("-05:00")
                .action(Action.ADD).addEpc(UNIT).readPoint(LocationRef.of(SITE))
                .bizStep(CbvValue.standard(CbvVocabulary.BIZ_STEP, "commissioning"));
    }

    private static EpcisEvent.Builder aggregation(Action action) {
        return EpcisEvent.builder(EventType.AGGREGATION_EVENT).eventTime(T).eventTimeZoneOffset("-05:00")
                .action(action).parentId("urn:epc:id:sscc:030001.41234567890");
    }

    /** The event (as JSON-LD) breaks exactly this rule, at this path below the event. */
    private static void assertOnly(EpcisEvent.Builder event, String rule, String path) {
        List<ValidationFinding> findings = errors(List.of(event.build()), EpcisFormat.JSON_LD_2_0);
        assertEquals(1, findings.size(), findings.toString());
        assertEquals(rule, findings.get(0).rule());
        assertEquals(JSON_EVENT + path, findings.get(0).path());
        assertTrue(!findings.get(0).message().isBlank());
    }

    private static List<ValidationFinding> errors(List<EpcisEvent> events, EpcisFormat format) {
        EventRules rules = new EventRules(format);
        DocumentPaths paths = new DocumentPaths(format);
        List<ValidationFinding> errors = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            EpcisEvent e = events.get(i);
            rules.check(i, paths.event(i, e.type(), 1), e, f -> {
                if (f.isError()) {
                    errors.add(f);
                }
            });
        }
        return errors;
    }
}
