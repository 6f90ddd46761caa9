package io.tracegate.gateway.capture;

import io.tracegate.epcis.hash.EventHash;
import io.tracegate.epcis.io.CbvXmlFormat;
import io.tracegate.epcis.io.EpcisFormat;
import io.tracegate.epcis.io.EpcisWriter;
import io.tracegate.epcis.io.WriteOptions;
import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.epcis.model.EpcisHeader;
import io.tracegate.epcis.model.ExtensionElement;
import io.tracegate.epcis.model.QuantityElement;
import io.tracegate.epcis.model.SourceDestination;
import io.tracegate.gateway.serials.LifecycleEvent;
import io.tracegate.gateway.serials.UnitRef;
import io.tracegate.gs1.epc.Epc;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A captured event with its identifiers parsed once and its CBV 2.0 event hash (how a re-captured event is
 * recognised), on its way to the serial store and the event store.
 */
final class PreparedEvent {

    /**
     * A canonical identifier and its role in the event (see the {@code event_epc} table); {@code unit} when it is a
     * serialised unit (SGTIN or SSCC), whose appearances the serial store keeps when it holds the unit.
     */
    record Key(String key, char role, boolean unit) {
    }

    private static final WriteOptions COMPACT = new WriteOptions(CbvXmlFormat.NO_PREFERENCE, Map.of(), false);

    private final int index;
    private final EpcisEvent event;
    private final String hash;
    private final List<Key> keys = new ArrayList<>();
    private final List<UnitRef> epcUnits = new ArrayList<>();
    private final List<UnitRef> childUnits = new ArrayList<>();
    private final List<UnitRef> inputUnits = new ArrayList<>();
    private final List<UnitRef> outputUnits = new ArrayList<>();
    private final UnitRef parentUnit;
    /** Identifiers of the parentID, epcList and childEPCs that are not GS1 keys, as written. */
    private final List<String> notGs1 = new ArrayList<>();
    private long ref;

    /**
     * @param parsed the event's instance EPCs the identifier check has parsed, by the text as written; the others
     *               are parsed here (each EPC is parsed once per capture)
     */
    PreparedEvent(int index, EpcisEvent event, Map<String, Epc> parsed) {
        this.index = index;
        this.event = event;
        this.hash = EventHash.of(event);
        if (event.parentId() != null) {
            Epc epc = parse(event.parentId(), parsed);
            parentUnit = Identifiers.unit(event.parentId(), epc);
            keys.add(parentUnit != null ? new Key(parentUnit.key(), 'p', true)
                    : new Key(Identifiers.key(event.parentId(), epc), 'p', false));
            if (epc == null) {
                notGs1.add(event.parentId());
            }
        } else {
            parentUnit = null;
        }
        units(event.epcList(), 'e', epcUnits, parsed, notGs1);
        units(event.childEpcs(), 'c', childUnits, parsed, notGs1);
        units(event.inputEpcList(), 'i', inputUnits, parsed, null);
        units(event.outputEpcList(), 'o', outputUnits, parsed, null);
        classes(event.quantityList(), 'q');
        classes(event.childQuantityList(), 'q');
        classes(event.inputQuantityList(), 'I');
        classes(event.outputQuantityList(), 'O');
    }

    private void classes(List<QuantityElement> quantities, char role) {
        for (QuantityElement q : quantities) {
            keys.add(new Key(Identifiers.key(q.epcClass()), role, false));
        }
    }

    /** Adds the keys and units of these EPCs; with {@code notGs1}, those that are no GS1 key go there too. */
    private void units(List<String> epcs, char role, List<UnitRef> into, Map<String, Epc> parsed,
            List<String> notGs1) {
        for (String written : epcs) {
            Epc epc = parse(written, parsed);
            UnitRef unit = Identifiers.unit(written, epc);
            if (unit != null) {
                keys.add(new Key(unit.key(), role, true));
                into.add(unit);
            } else {
                keys.add(new Key(Identifiers.key(written, epc), role, false));
                if (epc == null && notGs1 != null) {
                    notGs1.add(written);
                }
            }
        }
    }

    private static Epc parse(String written, Map<String, Epc> parsed) {
        Epc epc = parsed.get(written);
        return epc != null ? epc : Identifiers.parse(written);
    }

    /** The identifiers an event names (its {@link #keys()}), counted without parsing any. */
    static int identifierCount(EpcisEvent event) {
        return (event.parentId() == null ? 0 : 1) + event.epcList().size() + event.childEpcs().size()
                + event.inputEpcList().size() + event.outputEpcList().size() + event.quantityList().size()
                + event.childQuantityList().size() + event.inputQuantityList().size()
                + event.outputQuantityList().size();
    }

    int index() {
        return index;
    }

    EpcisEvent event() {
        return event;
    }

    String hash() {
        return hash;
    }

    /** The eventID the event was given, else its hash ID. */
    String eventId() {
        return event.eventId() != null ? event.eventId() : hash;
    }

    List<Key> keys() {
        return keys;
    }

    int epcCount() {
        return keys.size();
    }

    long ref() {
        return ref;
    }

    void ref(long ref) {
        this.ref = ref;
    }

    /** The canonical parentID, or null. */
    String parentKey() {
        return event.parentId() == null ? null : keys.get(0).key();
    }

    String readPoint() {
        return event.readPoint() == null ? null : Identifiers.key(event.readPoint().id());
    }

    String bizLocation() {
        return event.bizLocation() == null ? null : Identifiers.key(event.bizLocation().id());
    }

    /** The event as a one-event EPCIS 2.0 JSON-LD document, with the time it was recorded. */
    String body(OffsetDateTime recordTime) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512 + 64 * keys.size());
        try (EpcisWriter writer = EpcisWriter.create(EpcisFormat.JSON_LD_2_0, out, COMPACT)) {
            writer.writeHeader(EpcisHeader.minimal("2.0", recordTime));
            writer.write(event.eventId() != null && event.recordTime() != null ? event
                    : event.toBuilder().eventId(eventId()).recordTime(recordTime).build());
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    LifecycleEvent lifecycle() {
        return new LifecycleEvent(index, ref, event.eventTime(), event.type(), event.action(),
                event.bizStep() == null ? null : event.bizStep().value(),
                event.disposition() == null ? null : event.disposition().value(), parentUnit, epcUnits, childUnits,
                inputUnits, outputUnits, ilmd("lotNumber"), expiry(),
                event.readPoint() == null ? null : event.readPoint().id(),
                event.bizLocation() == null ? null : event.bizLocation().id(), party(event.sourceList(),
                "owning_party"), party(event.destinationList(), "owning_party"),
                party(event.destinationList(), "location"), notGs1);
    }

    private String ilmd(String localName) {
        if (event.ilmd() == null) {
            return null;
        }
        for (ExtensionElement e : event.ilmd()) {
            if (e.localName().equals(localName) && e.isLeaf() && !e.text().isBlank()) {
                return e.text().strip();
            }
        }
        return null;
    }

    /** The ILMD expiry; a malformed date was already reported by the identifier layer. */
    private LocalDate expiry() {
        String text = ilmd("itemExpirationDate");
        try {
            return text == null || text.length() < 10 ? null : LocalDate.parse(text.substring(0, 10));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String party(List<SourceDestination> list, String type) {
        for (SourceDestination d : list) {
            if (d.type().standard() && d.type().value().equals(type)) {
                return d.value().strip();
            }
        }
        return null;
    }
}
