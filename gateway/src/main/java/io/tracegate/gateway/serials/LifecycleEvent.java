package io.tracegate.gateway.serials;

import io.tracegate.epcis.model.Action;
import io.tracegate.epcis.model.EventType;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * What the serial store needs of a captured event, with its identifiers already parsed. Parties and locations are
 * as written (SGLN URN or Digital Link).
 *
 * @param index               the event's position in its document, for findings
 * @param eventRef            the event's row id in the event store
 * @param eventTime           when it happened
 * @param type                event type
 * @param action              action (null for a TransformationEvent)
 * @param bizStep             CBV bizStep bare word, or null
 * @param disposition         CBV disposition bare word, or null
 * @param parent              the parentID when it is a serialised unit, else null
 * @param epcs                the serialised units of the epcList
 * @param children            the serialised units of childEPCs
 * @param inputs              the serialised units of inputEPCList
 * @param outputs             the serialised units of outputEPCList
 * @param lot                 ILMD lot number, or null
 * @param expiry              ILMD item expiration date, or null
 * @param readPoint           read point, or null
 * @param bizLocation         business location, or null
 * @param sourceOwner         source of type owning_party, or null
 * @param destinationOwner    destination of type owning_party, or null
 * @param destinationLocation destination of type location, or null
 * @param notGs1              identifiers of the parentID, epcList and childEPCs that are not GS1 keys, as written
 */
public record LifecycleEvent(int index, long eventRef, OffsetDateTime eventTime, EventType type, Action action,
                             String bizStep, String disposition, UnitRef parent, List<UnitRef> epcs,
                             List<UnitRef> children, List<UnitRef> inputs, List<UnitRef> outputs, String lot,
                             LocalDate expiry, String readPoint, String bizLocation, String sourceOwner,
                             String destinationOwner, String destinationLocation, List<String> notGs1) {

    public LifecycleStep step() {
        return LifecycleStep.of(type, action, bizStep, disposition);
    }

    /** Calls {@code named} with every serialised unit the event names and its role (as in {@code event_epc}). */
    void forEachNamed(BiConsumer<UnitRef, Character> named) {
        if (parent != null) {
            named.accept(parent, 'p');
        }
        epcs.forEach(u -> named.accept(u, 'e'));
        children.forEach(u -> named.accept(u, 'c'));
        inputs.forEach(u -> named.accept(u, 'i'));
        outputs.forEach(u -> named.accept(u, 'o'));
    }

    /** Where the event happened: its business location, else its read point. */
    public String place() {
        return bizLocation != null ? bizLocation : readPoint;
    }
}
