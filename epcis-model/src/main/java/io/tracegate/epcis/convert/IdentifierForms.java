package io.tracegate.epcis.convert;

import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.epcis.model.EpcisHeader;
import io.tracegate.epcis.model.LocationRef;
import io.tracegate.epcis.model.MasterData;
import io.tracegate.epcis.model.QuantityElement;
import io.tracegate.epcis.model.SourceDestination;
import java.util.List;

/**
 * Applies an {@link EpcTranslator} to every identifier of an event or of the master data: EPCs, EPC classes, read
 * points and business locations, sources and destinations, vocabulary element IDs. Master data IDs are translated
 * with the events so that a location in a source list still finds its master data entry.
 */
final class IdentifierForms {

    private final EpcTranslator translator;

    IdentifierForms(EpcTranslator translator) {
        this.translator = translator;
    }

    boolean changesNothing() {
        return translator.format() == EpcFormat.NO_PREFERENCE || translator.format() == EpcFormat.NEVER_TRANSLATES;
    }

    EpcisEvent apply(EpcisEvent e) {
        if (changesNothing()) {
            return e;
        }
        EpcisEvent.Builder fresh = EpcisEvent.builder(e.type());
        copyScalars(e, fresh);
        fresh.parentId(e.parentId() == null ? null : translator.translate(e.parentId()));
        e.epcList().forEach(x -> fresh.addEpc(translator.translate(x)));
        e.childEpcs().forEach(x -> fresh.addChildEpc(translator.translate(x)));
        e.inputEpcList().forEach(x -> fresh.addInputEpc(translator.translate(x)));
        e.outputEpcList().forEach(x -> fresh.addOutputEpc(translator.translate(x)));
        e.quantityList().forEach(q -> fresh.addQuantity(quantity(q)));
        e.childQuantityList().forEach(q -> fresh.addChildQuantity(quantity(q)));
        e.inputQuantityList().forEach(q -> fresh.addInputQuantity(quantity(q)));
        e.outputQuantityList().forEach(q -> fresh.addOutputQuantity(quantity(q)));
        fresh.readPoint(location(e.readPoint()));
        fresh.bizLocation(location(e.bizLocation()));
        e.sourceList().forEach(s -> fresh.addSource(sourceDestination(s)));
        e.destinationList().forEach(s -> fresh.addDestination(sourceDestination(s)));
        return fresh.build();
    }

    /** Everything but the identifiers, from the event as is. */
    private static void copyScalars(EpcisEvent e, EpcisEvent.Builder b) {
        b.eventTime(e.eventTime()).recordTime(e.recordTime()).eventTimeZoneOffset(e.eventTimeZoneOffset())
                .eventId(e.eventId()).errorDeclaration(e.errorDeclaration()).action(e.action())
                .transformationId(e.transformationId()).bizStep(e.bizStep()).disposition(e.disposition())
                .persistentDisposition(e.persistentDisposition()).ilmd(e.ilmd()).extensions(e.extensions());
        e.certificationInfo().forEach(b::addCertificationInfo);
        e.bizTransactionList().forEach(b::addBizTransaction);
        e.sensorElementList().forEach(b::addSensorElement);
    }

    private QuantityElement quantity(QuantityElement q) {
        return new QuantityElement(translator.translate(q.epcClass()), q.quantity(), q.uom());
    }

    private LocationRef location(LocationRef l) {
        return l == null ? null : new LocationRef(translator.translate(l.id()), l.extensions());
    }

    private SourceDestination sourceDestination(SourceDestination s) {
        return new SourceDestination(s.type(), translator.translate(s.value()));
    }

    EpcisHeader apply(EpcisHeader h) {
        if (changesNothing() || h.masterData().isEmpty()) {
            return h;
        }
        List<MasterData.Vocabulary> vocabularies = h.masterData().vocabularies().stream()
                .map(v -> new MasterData.Vocabulary(v.type(), v.elements().stream()
                        .map(el -> new MasterData.VocabularyElement(translator.translate(el.id()), el.attributes(),
                                el.children().stream().map(translator::translate).toList(), el.extensions()))
                        .toList(), v.extensions()))
                .toList();
        return new EpcisHeader(h.schemaVersion(), h.creationDate(), h.documentId(), h.sbdh(),
                new MasterData(vocabularies), h.headerExtensions(), h.documentExtensions());
    }
}
