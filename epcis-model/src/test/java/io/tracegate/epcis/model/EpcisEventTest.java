package io.tracegate.epcis.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class EpcisEventTest {

    private static final OffsetDateTime T = OffsetDateTime.parse("2023-04-01T07:48:16Z");

    @Test
    void rejectsFieldsTheEventTypeDoesNotHave() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                EpcisEvent.builder(EventType.OBJECT_EVENT).eventTime(T).addChildEpc("urn:epc:id:sgtin:030001.0012345.1")
                        .build());
        assertEquals("ObjectEvent cannot have childEPCs", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EpcisEvent.builder(EventType.TRANSFORMATION_EVENT)
                .eventTime(T).action(Action.ADD).build());
        assertThrows(IllegalArgumentException.class, () -> EpcisEvent.builder(EventType.AGGREGATION_EVENT)
                .eventTime(T).ilmd(List.of()).build());
        assertThrows(IllegalArgumentException.class, () -> EpcisEvent.builder(EventType.OBJECT_EVENT)
                .eventTime(T).parentId("urn:epc:id:sscc:030001.41234567890").build());
        assertThrows(NullPointerException.class, () -> EpcisEvent.builder(EventType.OBJECT_EVENT).build());
    }

    @Test
    void toBuilderCopiesEveryFieldAndListsAreImmutable() {
        EpcisEvent ship = EpcisEvent.builder(EventType.OBJECT_EVENT).eventTime(T).eventTimeZoneOffset("-05:00")
                .addEpc("urn:epc:id:sscc:030001.41234567890").action(Action.OBSERVE)
                .bizStep(CbvValue.standard(CbvVocabulary.BIZ_STEP, "shipping"))
                .addSource(new SourceDestination(CbvValue.standard(CbvVocabulary.SOURCE_DESTINATION_TYPE,
                        "owning_party"), "urn:epc:id:sgln:030001.111111.0"))
                .addExtension(ExtensionElement.leaf(EpcisHeader.GS1USHC_NAMESPACE, "gs1ushc", "dropShipment", "false"))
                .build();
        assertEquals(ship, ship.toBuilder().build());
        assertThrows(UnsupportedOperationException.class, () -> ship.epcList().add("x"));
        assertEquals(List.of("urn:epc:id:sscc:030001.41234567890"), ship.allEpcs());
    }

    @Test
    void extensionEqualityIgnoresThePrefix() {
        ExtensionElement a = ExtensionElement.leaf("urn:epcglobal:cbv:mda", "cbvmda", "lotNumber", "A123");
        ExtensionElement b = ExtensionElement.leaf("urn:epcglobal:cbv:mda", "mda", "lotNumber", "A123");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertTrue(a.isLeaf());
        assertEquals("{urn:epcglobal:cbv:mda}lotNumber", a.expandedName());
    }
}
