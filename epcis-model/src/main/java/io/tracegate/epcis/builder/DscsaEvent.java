package io.tracegate.epcis.builder;

import io.tracegate.epcis.io.Namespaces;
import io.tracegate.epcis.model.Action;
import io.tracegate.epcis.model.BizTransaction;
import io.tracegate.epcis.model.CbvValue;
import io.tracegate.epcis.model.CbvVocabulary;
import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.epcis.model.EpcisHeader;
import io.tracegate.epcis.model.EventType;
import io.tracegate.epcis.model.ExtensionElement;
import io.tracegate.epcis.model.LocationRef;
import io.tracegate.epcis.model.SourceDestination;
import io.tracegate.gs1.Gln;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * The events a packaging line and a warehouse record under DSCSA, as the GS1 US implementation guideline shapes
 * them, built fluently:
 *
 * <pre>{@code
 * EpcisEvent made = DscsaEvent.commission(now, site, unitSgtins).lot("A123").expiry(LocalDate.of(2026, 3, 31)).build();
 * EpcisEvent packed = DscsaEvent.pack(now, site, caseSgtin, unitSgtins).build();
 * EpcisEvent shipped = DscsaEvent.ship(now, shipFrom, List.of(palletSscc))
 *         .purchaseOrder(buyerGln, "PO-189").despatchAdvice(sellerGln, "DEL-100")
 *         .from(sellerSgln, shipFrom).to(buyerSgln, shipTo).build();
 * }</pre>
 *
 * Each factory sets the action, business step, disposition and locations of its step; the event time's offset
 * becomes {@code eventTimeZoneOffset}. Identifiers are EPC URNs (or Digital Links) as the caller has them: the
 * validation layers check them.
 */
public final class DscsaEvent {

    private final EpcisEvent.Builder event;

    private DscsaEvent(EventType type, OffsetDateTime at, Action action, String bizStep, String disposition) {
        Objects.requireNonNull(at, "event time");
        event = EpcisEvent.builder(type)
                .eventTime(at)
                .eventTimeZoneOffset(at.getOffset().getTotalSeconds() == 0 ? "+00:00" : at.getOffset().getId())
                .action(action)
                .bizStep(CbvValue.standard(CbvVocabulary.BIZ_STEP, bizStep))
                .disposition(CbvValue.standard(CbvVocabulary.DISPOSITION, disposition));
    }

    /** Commissioning serialized units, cases or a pallet SSCC at a site: ADD, commissioning, active. */
    public static DscsaEvent commission(OffsetDateTime at, String site, List<String> epcs) {
        return objectEvent(at, Action.ADD, "commissioning", "active", epcs).at(site);
    }

    /** Packing children into a parent (a case, a pallet SSCC): AggregationEvent ADD, packing, in_progress. */
    public static DscsaEvent pack(OffsetDateTime at, String site, String parent, List<String> children) {
        return aggregation(at, Action.ADD, "packing", parent, children).at(site);
    }

    /** Taking children out of a parent: AggregationEvent DELETE, unpacking, in_progress. */
    public static DscsaEvent unpack(OffsetDateTime at, String site, String parent, List<String> children) {
        return aggregation(at, Action.DELETE, "unpacking", parent, children).at(site);
    }

    /**
     * Shipping the top-level EPCs (SSCCs or cases) from a site: OBSERVE, shipping, in_transit, read point only (the
     * guideline forbids a bizLocation on a shipping event). Add the transactions and the parties.
     */
    public static DscsaEvent ship(OffsetDateTime at, String shipFrom, List<String> epcs) {
        DscsaEvent e = objectEvent(at, Action.OBSERVE, "shipping", "in_transit", epcs);
        e.event.readPoint(LocationRef.of(shipFrom));
        return e;
    }

    /** Receiving at a site: OBSERVE, receiving, in_progress. */
    public static DscsaEvent receive(OffsetDateTime at, String site, List<String> epcs) {
        return objectEvent(at, Action.OBSERVE, "receiving", "in_progress", epcs).at(site);
    }

    /** Taking EPCs out of use (e.g. a damaged label): DELETE, decommissioning, inactive. */
    public static DscsaEvent decommission(OffsetDateTime at, String site, List<String> epcs) {
        return objectEvent(at, Action.DELETE, "decommissioning", "inactive", epcs).at(site);
    }

    /** Destroying product: DELETE, destroying, destroyed. */
    public static DscsaEvent destroy(OffsetDateTime at, String site, List<String> epcs) {
        return objectEvent(at, Action.DELETE, "destroying", "destroyed", epcs).at(site);
    }

    /** Dispensing to a patient: OBSERVE, dispensing, dispensed. */
    public static DscsaEvent dispense(OffsetDateTime at, String site, List<String> epcs) {
        return objectEvent(at, Action.OBSERVE, "dispensing", "dispensed", epcs).at(site);
    }

    /**
     * Sending product back to its seller (CBV has no returning step): OBSERVE, shipping, returned, read point only.
     * Add the parties as for {@link #ship}.
     */
    public static DscsaEvent shipReturn(OffsetDateTime at, String shipFrom, List<String> epcs) {
        DscsaEvent e = objectEvent(at, Action.OBSERVE, "shipping", "returned", epcs);
        e.event.readPoint(LocationRef.of(shipFrom));
        return e;
    }

    /** The original seller receiving returned product: OBSERVE, receiving, returned. */
    public static DscsaEvent receiveReturn(OffsetDateTime at, String site, List<String> epcs) {
        return objectEvent(at, Action.OBSERVE, "receiving", "returned", epcs).at(site);
    }

    private static DscsaEvent objectEvent(OffsetDateTime at, Action action, String bizStep, String disposition,
                                          List<String> epcs) {
        DscsaEvent e = new DscsaEvent(EventType.OBJECT_EVENT, at, action, bizStep, disposition);
        e.event.addEpcs(nonEmpty(epcs, "EPCs"));
        return e;
    }

    private static DscsaEvent aggregation(OffsetDateTime at, Action action, String bizStep, String parent,
                                          List<String> children) {
        DscsaEvent e = new DscsaEvent(EventType.AGGREGATION_EVENT, at, action, bizStep, "in_progress");
        e.event.parentId(Objects.requireNonNull(parent, "parent")).addChildEpcs(nonEmpty(children, "child EPCs"));
        return e;
    }

    private static List<String> nonEmpty(List<String> epcs, String what) {
        if (epcs == null || epcs.isEmpty()) {
            throw new IllegalArgumentException("a DSCSA event needs at least one of its " + what);
        }
        return epcs;
    }

    private DscsaEvent at(String site) {
        Objects.requireNonNull(site, "site");
        event.readPoint(LocationRef.of(site)).bizLocation(LocationRef.of(site));
        return this;
    }

    /** The lot number, as ILMD {@code cbvmda:lotNumber} (commissioning). */
    public DscsaEvent lot(String lot) {
        event.addIlmd(ExtensionElement.leaf(Namespaces.CBVMDA, "cbvmda", "lotNumber", lot));
        return this;
    }

    /** The expiry date, as ILMD {@code cbvmda:itemExpirationDate} (commissioning). */
    public DscsaEvent expiry(LocalDate expiry) {
        event.addIlmd(ExtensionElement.leaf(Namespaces.CBVMDA, "cbvmda", "itemExpirationDate", expiry.toString()));
        return this;
    }

    /** The buyer's purchase order: {@code urn:epcglobal:cbv:bt:<buyer GLN>:<number>}, type {@code po}. */
    public DscsaEvent purchaseOrder(String buyerGln, String number) {
        return bizTransaction("po", buyerGln, number);
    }

    /** The seller's despatch advice: {@code urn:epcglobal:cbv:bt:<seller GLN>:<number>}, type {@code desadv}. */
    public DscsaEvent despatchAdvice(String sellerGln, String number) {
        return bizTransaction("desadv", sellerGln, number);
    }

    /** The seller's invoice: {@code urn:epcglobal:cbv:bt:<seller GLN>:<number>}, type {@code inv}. */
    public DscsaEvent invoice(String sellerGln, String number) {
        return bizTransaction("inv", sellerGln, number);
    }

    private DscsaEvent bizTransaction(String type, String issuerGln, String number) {
        Gln issuer = new Gln(issuerGln);
        if (number == null || number.isBlank()) {
            throw new IllegalArgumentException("a " + type + " business transaction needs a document number");
        }
        event.addBizTransaction(new BizTransaction(CbvValue.standard(CbvVocabulary.BIZ_TRANSACTION_TYPE, type),
                "urn:epcglobal:cbv:bt:" + issuer.value() + ":" + number));
        return this;
    }

    /** The seller ({@code owning_party}) and the ship-from location, as the source list. */
    public DscsaEvent from(String ownerSgln, String locationSgln) {
        event.addSource(new SourceDestination(sdt("owning_party"), ownerSgln));
        event.addSource(new SourceDestination(sdt("location"), locationSgln));
        return this;
    }

    /** The buyer ({@code owning_party}) and the ship-to location, as the destination list. */
    public DscsaEvent to(String ownerSgln, String locationSgln) {
        event.addDestination(new SourceDestination(sdt("owning_party"), ownerSgln));
        event.addDestination(new SourceDestination(sdt("location"), locationSgln));
        return this;
    }

    /** The R1.3 drop-shipment indicator {@code gs1ushc:dropShipment} of a shipping event. */
    public DscsaEvent dropShipment(boolean dropShipment) {
        event.addExtension(dropShipmentElement(dropShipment));
        return this;
    }

    static ExtensionElement dropShipmentElement(boolean dropShipment) {
        return ExtensionElement.leaf(EpcisHeader.GS1USHC_NAMESPACE, "gs1ushc", "dropShipment",
                Boolean.toString(dropShipment));
    }

    private static CbvValue sdt(String word) {
        return CbvValue.standard(CbvVocabulary.SOURCE_DESTINATION_TYPE, word);
    }

    public EpcisEvent build() {
        return event.build();
    }
}
