package io.tracegate.epcis.model;

import static io.tracegate.epcis.model.EventType.AGGREGATION_EVENT;
import static io.tracegate.epcis.model.EventType.ASSOCIATION_EVENT;
import static io.tracegate.epcis.model.EventType.OBJECT_EVENT;
import static io.tracegate.epcis.model.EventType.TRANSACTION_EVENT;
import static io.tracegate.epcis.model.EventType.TRANSFORMATION_EVENT;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One EPCIS event of any of the five types. Fields a type does not have must be empty (lists) or null; the
 * constructor rejects, for example, a {@code childEPCs} list on an ObjectEvent. Lists are never null: empty means
 * absent. Identifiers (EPCs, locations, parties) are kept exactly as written (URN or GS1 Digital Link).
 *
 * @param type                  the event type
 * @param eventTime             when the event took place
 * @param recordTime            when it was recorded, or null
 * @param eventTimeZoneOffset   the local offset at the place of the event, e.g. {@code -05:00}, as written
 * @param eventId               eventID (a UUID URN or a CBV 2.0 hash ID), or null
 * @param errorDeclaration      error declaration, or null
 * @param certificationInfo     EPCIS 2.0 certification info URIs
 * @param parentId              parentID (Aggregation, Transaction, Association), or null
 * @param epcList               epcList (Object, Transaction)
 * @param childEpcs             childEPCs (Aggregation, Association)
 * @param inputEpcList          inputEPCList (Transformation)
 * @param outputEpcList         outputEPCList (Transformation)
 * @param quantityList          quantityList (Object, Transaction)
 * @param childQuantityList     childQuantityList (Aggregation, Association)
 * @param inputQuantityList     inputQuantityList (Transformation)
 * @param outputQuantityList    outputQuantityList (Transformation)
 * @param action                action; null for a TransformationEvent
 * @param transformationId      transformationID (Transformation), or null
 * @param bizStep               business step, or null
 * @param disposition           disposition, or null
 * @param persistentDisposition EPCIS 2.0 persistent disposition, or null
 * @param readPoint             read point, or null
 * @param bizLocation           business location, or null
 * @param bizTransactionList    business transactions
 * @param sourceList            sources (DSCSA: seller = owning_party, ship-from = location)
 * @param destinationList       destinations (DSCSA: buyer = owning_party, ship-to = location)
 * @param sensorElementList     EPCIS 2.0 sensor data
 * @param ilmd                  instance/lot master data (Object, Transformation), e.g. {@code cbvmda:lotNumber};
 *                              null when absent (an empty list is an empty {@code ilmd} element)
 * @param extensions            user extension elements of the event (e.g. {@code gs1ushc:dropShipment}), in order
 */
public record EpcisEvent(
        EventType type,
        OffsetDateTime eventTime,
        OffsetDateTime recordTime,
        String eventTimeZoneOffset,
        String eventId,
        ErrorDeclaration errorDeclaration,
        List<String> certificationInfo,
        String parentId,
        List<String> epcList,
        List<String> childEpcs,
        List<String> inputEpcList,
        List<String> outputEpcList,
        List<QuantityElement> quantityList,
        List<QuantityElement> childQuantityList,
        List<QuantityElement> inputQuantityList,
        List<QuantityElement> outputQuantityList,
        Action action,
        String transformationId,
        CbvValue bizStep,
        CbvValue disposition,
        PersistentDisposition persistentDisposition,
        LocationRef readPoint,
        LocationRef bizLocation,
        List<BizTransaction> bizTransactionList,
        List<SourceDestination> sourceList,
        List<SourceDestination> destinationList,
        List<SensorElement> sensorElementList,
        List<ExtensionElement> ilmd,
        List<ExtensionElement> extensions) {

    private static final Set<EventType> WITH_PARENT = EnumSet.of(AGGREGATION_EVENT, TRANSACTION_EVENT, ASSOCIATION_EVENT);
    private static final Set<EventType> WITH_EPC_LIST = EnumSet.of(OBJECT_EVENT, TRANSACTION_EVENT);
    private static final Set<EventType> WITH_CHILDREN = EnumSet.of(AGGREGATION_EVENT, ASSOCIATION_EVENT);
    private static final Set<EventType> WITH_ILMD = EnumSet.of(OBJECT_EVENT, TRANSFORMATION_EVENT);

    public EpcisEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(eventTime, "eventTime");
        certificationInfo = List.copyOf(certificationInfo);
        epcList = List.copyOf(epcList);
        childEpcs = List.copyOf(childEpcs);
        inputEpcList = List.copyOf(inputEpcList);
        outputEpcList = List.copyOf(outputEpcList);
        quantityList = List.copyOf(quantityList);
        childQuantityList = List.copyOf(childQuantityList);
        inputQuantityList = List.copyOf(inputQuantityList);
        outputQuantityList = List.copyOf(outputQuantityList);
        bizTransactionList = List.copyOf(bizTransactionList);
        sourceList = List.copyOf(sourceList);
        destinationList = List.copyOf(destinationList);
        sensorElementList = List.copyOf(sensorElementList);
        ilmd = ilmd == null ? null : List.copyOf(ilmd);
        extensions = List.copyOf(extensions);
        boolean transformation = type == TRANSFORMATION_EVENT;
        allowed(type, "parentID", parentId == null || WITH_PARENT.contains(type));
        allowed(type, "epcList", epcList.isEmpty() && quantityList.isEmpty() || WITH_EPC_LIST.contains(type));
        allowed(type, "childEPCs", childEpcs.isEmpty() && childQuantityList.isEmpty() || WITH_CHILDREN.contains(type));
        allowed(type, "input/output lists", transformation || inputEpcList.isEmpty() && outputEpcList.isEmpty()
                && inputQuantityList.isEmpty() && outputQuantityList.isEmpty() && transformationId == null);
        allowed(type, "action", !transformation || action == null);
        allowed(type, "ilmd", ilmd == null || WITH_ILMD.contains(type));
    }

    private static void allowed(EventType type, String field, boolean ok) {
        if (!ok) {
            throw new IllegalArgumentException(type.elementName() + " cannot have " + field);
        }
    }

    /** A builder for an event of this type. */
    public static Builder builder(EventType type) {
        return new Builder(type);
    }

    /** A builder initialised with this event's fields, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder(type);
        b.eventTime = eventTime;
        b.recordTime = recordTime;
        b.eventTimeZoneOffset = eventTimeZoneOffset;
        b.eventId = eventId;
        b.errorDeclaration = errorDeclaration;
        b.certificationInfo.addAll(certificationInfo);
        b.parentId = parentId;
        b.epcList.addAll(epcList);
        b.childEpcs.addAll(childEpcs);
        b.inputEpcList.addAll(inputEpcList);
        b.outputEpcList.addAll(outputEpcList);
        b.quantityList.addAll(quantityList);
        b.childQuantityList.addAll(childQuantityList);
        b.inputQuantityList.addAll(inputQuantityList);
        b.outputQuantityList.addAll(outputQuantityList);
        b.action = action;
        b.transformationId = transformationId;
        b.bizStep = bizStep;
        b.disposition = disposition;
        b.persistentDisposition = persistentDisposition;
        b.readPoint = readPoint;
        b.bizLocation = bizLocation;
        b.bizTransactionList.addAll(bizTransactionList);
        b.sourceList.addAll(sourceList);
        b.destinationList.addAll(destinationList);
        b.sensorElementList.addAll(sensorElementList);
        b.ilmd = ilmd == null ? null : new ArrayList<>(ilmd);
        b.extensions.addAll(extensions);
        return b;
    }

    /**
     * All EPCs the event names as instances: parentID, epcList, childEPCs, inputEPCList, outputEPCList, in that
     * order.
     */
    public List<String> allEpcs() {
        List<String> all = new ArrayList<>(epcList.size() + childEpcs.size() + inputEpcList.size()
                + outputEpcList.size() + 1);
        if (parentId != null) {
            all.add(parentId);
        }
        all.addAll(epcList);
        all.addAll(childEpcs);
        all.addAll(inputEpcList);
        all.addAll(outputEpcList);
        return all;
    }

    /** Mutable builder; {@link #build()} validates and copies. */
    public static final class Builder {
        private final EventType type;
        private OffsetDateTime eventTime;
        private OffsetDateTime recordTime;
        private String eventTimeZoneOffset;
        private String eventId;
        private ErrorDeclaration errorDeclaration;
        private final List<String> certificationInfo = new ArrayList<>();
        private String parentId;
        private final List<String> epcList = new ArrayList<>();
        private final List<String> childEpcs = new ArrayList<>();
        private final List<String> inputEpcList = new ArrayList<>();
        private final List<String> outputEpcList = new ArrayList<>();
        private final List<QuantityElement> quantityList = new ArrayList<>();
        private final List<QuantityElement> childQuantityList = new ArrayList<>();
        private final List<QuantityElement> inputQuantityList = new ArrayList<>();
        private final List<QuantityElement> outputQuantityList = new ArrayList<>();
        private Action action;
        private String transformationId;
        private CbvValue bizStep;
        private CbvValue disposition;
        private PersistentDisposition persistentDisposition;
        private LocationRef readPoint;
        private LocationRef bizLocation;
        private final List<BizTransaction> bizTransactionList = new ArrayList<>();
        private final List<SourceDestination> sourceList = new ArrayList<>();
        private final List<SourceDestination> destinationList = new ArrayList<>();
        private final List<SensorElement> sensorElementList = new ArrayList<>();
        private List<ExtensionElement> ilmd;
        private final List<ExtensionElement> extensions = new ArrayList<>();

        private Builder(EventType type) {
            this.type = Objects.requireNonNull(type, "type");
        }

        public EventType type() {
            return type;
        }

        public Builder eventTime(OffsetDateTime v) {
            eventTime = v;
            return this;
        }

        public Builder recordTime(OffsetDateTime v) {
            recordTime = v;
            return this;
        }

        public Builder eventTimeZoneOffset(String v) {
            eventTimeZoneOffset = v;
            return this;
        }

        public Builder eventId(String v) {
            eventId = v;
            return this;
        }

        public Builder errorDeclaration(ErrorDeclaration v) {
            errorDeclaration = v;
            return this;
        }

        public Builder addCertificationInfo(String v) {
            certificationInfo.add(v);
            return this;
        }

        public Builder parentId(String v) {
            parentId = v;
            return this;
        }

        public Builder addEpc(String v) {
            epcList.add(v);
            return this;
        }

        public Builder addEpcs(List<String> v) {
            epcList.addAll(v);
            return this;
        }

        public Builder addChildEpc(String v) {
            childEpcs.add(v);
            return this;
        }

        public Builder addChildEpcs(List<String> v) {
            childEpcs.addAll(v);
            return this;
        }

        public Builder addInputEpc(String v) {
            inputEpcList.add(v);
            return this;
        }

        public Builder addOutputEpc(String v) {
            outputEpcList.add(v);
            return this;
        }

        public Builder addQuantity(QuantityElement v) {
            quantityList.add(v);
            return this;
        }

        public Builder addChildQuantity(QuantityElement v) {
            childQuantityList.add(v);
            return this;
        }

        public Builder addInputQuantity(QuantityElement v) {
            inputQuantityList.add(v);
            return this;
        }

        public Builder addOutputQuantity(QuantityElement v) {
            outputQuantityList.add(v);
            return this;
        }

        public Builder action(Action v) {
            action = v;
            return this;
        }

        public Builder transformationId(String v) {
            transformationId = v;
            return this;
        }

        public Builder bizStep(CbvValue v) {
            bizStep = v;
            return this;
        }

        public Builder disposition(CbvValue v) {
            disposition = v;
            return this;
        }

        public Builder persistentDisposition(PersistentDisposition v) {
            persistentDisposition = v;
            return this;
        }

        public Builder readPoint(LocationRef v) {
            readPoint = v;
            return this;
        }

        public Builder bizLocation(LocationRef v) {
            bizLocation = v;
            return this;
        }

        public Builder addBizTransaction(BizTransaction v) {
            bizTransactionList.add(v);
            return this;
        }

        public Builder addSource(SourceDestination v) {
            sourceList.add(v);
            return this;
        }

        public Builder addDestination(SourceDestination v) {
            destinationList.add(v);
            return this;
        }

        public Builder addSensorElement(SensorElement v) {
            sensorElementList.add(v);
            return this;
        }

        /** Sets the ILMD (null removes it). */
        public Builder ilmd(List<ExtensionElement> v) {
            ilmd = v == null ? null : new ArrayList<>(v);
            return this;
        }

        /** Adds one ILMD element, creating the ILMD if absent. */
        public Builder addIlmd(ExtensionElement v) {
            if (ilmd == null) {
                ilmd = new ArrayList<>();
            }
            ilmd.add(v);
            return this;
        }

        public Builder addExtension(ExtensionElement v) {
            extensions.add(v);
            return this;
        }

        /** Replaces the user extensions. */
        public Builder extensions(List<ExtensionElement> v) {
            extensions.clear();
            extensions.addAll(v);
            return this;
        }

        public EpcisEvent build() {
            return new EpcisEvent(type, eventTime, recordTime, eventTimeZoneOffset, eventId, errorDeclaration,
                    certificationInfo, parentId, epcList, childEpcs, inputEpcList, outputEpcList, quantityList,
                    childQuantityList, inputQuantityList, outputQuantityList, action, transformationId, bizStep,
                    disposition, persistentDisposition, readPoint, bizLocation, bizTransactionList, sourceList,
                    destinationList, sensorElementList, ilmd, extensions);
        }
    }
}
