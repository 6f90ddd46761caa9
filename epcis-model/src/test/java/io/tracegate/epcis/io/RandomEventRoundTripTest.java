package io.tracegate.epcis.io;

import static org.junit.jupiter.api.Assertions.assertNull;

import io.tracegate.epcis.model.Action;
import io.tracegate.epcis.model.BizTransaction;
import io.tracegate.epcis.model.CbvValue;
import io.tracegate.epcis.model.CbvVocabulary;
import io.tracegate.epcis.model.EpcisDocument;
import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.epcis.model.EpcisHeader;
import io.tracegate.epcis.model.ErrorDeclaration;
import io.tracegate.epcis.model.EventType;
import io.tracegate.epcis.model.ExtensionElement;
import io.tracegate.epcis.model.LocationRef;
import io.tracegate.epcis.model.NamedValue;
import io.tracegate.epcis.model.PersistentDisposition;
import io.tracegate.epcis.model.QuantityElement;
import io.tracegate.epcis.model.SourceDestination;
import io.tracegate.epcis.testing.RecordDiff;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Generated events of every type with every field, odd text (markup characters, non-ASCII, surrounding spaces in
 * extensions) and nested extension trees, written and read back in each format: the model must come back equal.
 * Extension siblings of one name are generated next to each other, because JSON-LD can only group them.
 */
class RandomEventRoundTripTest {

    private static final String[] NAMESPACES = {"urn:acme:ext", "https://example.org/ns/", "urn:epcglobal:cbv:mda",
        "http://epcis.gs1us.org/hc/ns"};
    private static final String[] PREFIXES = {"acme", "ex", "cbvmda", "gs1ushc"};
    private static final String[] TEXTS = {"A123", "<&>\"'", "Zürich — 東京", "  padded  ", "", "1.50",
        "line\nbreak"};

    @ParameterizedTest
    @EnumSource(EpcisFormat.class)
    void generatedEventsSurviveEveryFormat(EpcisFormat format) {
        Random random = new Random(20261122L);
        List<EpcisEvent> events = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            events.add(event(random, EventType.values()[i % EventType.values().length]));
        }
        EpcisDocument doc = new EpcisDocument(EpcisHeader.minimal(null,
                OffsetDateTime.parse("2023-04-01T08:45:16Z")), events);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EpcisWriter.write(doc, format, out, WriteOptions.DEFAULT);
        List<EpcisEvent> back;
        try (EpcisReader r = EpcisReader.open(new ByteArrayInputStream(out.toByteArray()))) {
            back = r.readAll().events();
        }
        assertNull(RecordDiff.firstDifference(events, back), format.label());
    }

    private static EpcisEvent event(Random r, EventType type) {
        EpcisEvent.Builder b = EpcisEvent.builder(type)
                .eventTime(OffsetDateTime.of(2023, 1 + r.nextInt(12), 1 + r.nextInt(28), r.nextInt(24), r.nextInt(60),
                        r.nextInt(60), r.nextInt(1000) * 1_000_000, ZoneOffset.ofHours(r.nextInt(25) - 12)))
                .eventTimeZoneOffset("-05:00");
        if (r.nextBoolean()) {
            b.recordTime(OffsetDateTime.parse("2023-04-02T00:00:00.5Z"));
        }
        if (r.nextBoolean()) {
            b.eventId("urn:uuid:374d95fc-9457-4a51-bd6a-0bba133845a" + r.nextInt(10));
        }
        if (r.nextInt(4) == 0) {
            b.errorDeclaration(new ErrorDeclaration(OffsetDateTime.parse("2023-04-03T10:00:00+02:00"),
                    CbvValue.standard(CbvVocabulary.ERROR_REASON, "incorrect_data"),
                    List.of("urn:uuid:404d95fc-9457-4a51-bd6a-0bba133845a8"), trees(r, 2)));
        }
        if (r.nextInt(4) == 0) {
            b.addCertificationInfo("https://accreditation.example.org/certificate/" + r.nextInt(100));
        }
        String epc = "urn:epc:id:sgtin:030001.0012345." + r.nextInt(1_000_000);
        QuantityElement q = new QuantityElement("urn:epc:class:lgtin:030001.0012345.L" + r.nextInt(99),
                r.nextBoolean() ? new BigDecimal("200.5") : null, r.nextBoolean() ? "KGM" : null);
        switch (type) {
            case OBJECT_EVENT -> {
                b.addEpc(epc).addQuantity(q).action(Action.ADD).ilmd(List.of(
                        ExtensionElement.leaf(NAMESPACES[2], "cbvmda", "lotNumber", "A" + r.nextInt(999)),
                        ExtensionElement.leaf(NAMESPACES[2], "cbvmda", "itemExpirationDate", "2025-03-27")));
            }
            case AGGREGATION_EVENT, ASSOCIATION_EVENT -> b.parentId("urn:epc:id:sscc:030001.41234567890")
                    .addChildEpc(epc).addChildQuantity(q).action(Action.values()[r.nextInt(3)]);
            case TRANSACTION_EVENT -> b.addBizTransaction(new BizTransaction(
                    CbvValue.standard(CbvVocabulary.BIZ_TRANSACTION_TYPE, "po"), "urn:epcglobal:cbv:bt:0399999999991:PO1"))
                    .addEpc(epc).addQuantity(q).action(Action.OBSERVE);
            case TRANSFORMATION_EVENT -> b.addInputEpc(epc).addOutputEpc(epc + "9").addInputQuantity(q)
                    .addOutputQuantity(q).transformationId("urn:uuid:t" + r.nextInt(9));
        }
        b.bizStep(CbvValue.standard(CbvVocabulary.BIZ_STEP, r.nextBoolean() ? "shipping" : "commissioning"));
        if (r.nextBoolean()) {
            b.disposition(CbvValue.parse(CbvVocabulary.DISPOSITION, "urn:example:disp:quarantined", false));
        }
        if (r.nextInt(3) == 0) {
            b.persistentDisposition(new PersistentDisposition(
                    List.of(CbvValue.standard(CbvVocabulary.DISPOSITION, "completeness_verified")),
                    List.of(CbvValue.standard(CbvVocabulary.DISPOSITION, "completeness_inferred"))));
        }
        b.readPoint(new LocationRef("urn:epc:id:sgln:030001.111121.0", r.nextBoolean() ? trees(r, 2) : List.of()));
        if (type != EventType.TRANSACTION_EVENT && r.nextBoolean()) {
            b.addBizTransaction(new BizTransaction(null, "urn:epcglobal:cbv:bt:0300011111215:DEL100"));
        }
        b.addSource(new SourceDestination(CbvValue.standard(CbvVocabulary.SOURCE_DESTINATION_TYPE, "owning_party"),
                "urn:epc:id:sgln:030001.111111.0"));
        b.addDestination(new SourceDestination(CbvValue.standard(CbvVocabulary.SOURCE_DESTINATION_TYPE, "location"),
                "urn:epc:id:sgln:039999.345678.0"));
        b.extensions(trees(r, 3));
        return b.build();
    }

    /** Up to four qualified extension trees, with siblings of one name adjacent. */
    private static List<ExtensionElement> trees(Random r, int depth) {
        List<ExtensionElement> list = new ArrayList<>();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            int ns = r.nextInt(NAMESPACES.length);
            String name = "field" + i;
            int repeats = 1 + (r.nextInt(4) == 0 ? 1 : 0);
            for (int k = 0; k < repeats; k++) {
                List<NamedValue> attributes = r.nextInt(4) == 0
                        ? List.of(new NamedValue(NAMESPACES[0], PREFIXES[0], "unit", "kg")) : List.of();
                if (depth > 1 && r.nextInt(3) == 0) {
                    List<ExtensionElement> children = trees(r, depth - 1);
                    if (!children.isEmpty()) {
                        list.add(new ExtensionElement(NAMESPACES[ns], PREFIXES[ns], name, attributes, "", children));
                        continue;
                    }
                }
                list.add(new ExtensionElement(NAMESPACES[ns], PREFIXES[ns], name, attributes,
                        TEXTS[r.nextInt(TEXTS.length)], List.of()));
            }
        }
        return list;
    }
}
