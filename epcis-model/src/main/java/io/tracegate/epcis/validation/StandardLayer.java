package io.tracegate.epcis.validation;

import io.tracegate.epcis.io.EpcisFormat;
import io.tracegate.epcis.model.Action;
import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.epcis.model.EpcisHeader;
import io.tracegate.epcis.model.EventType;
import io.tracegate.epcis.model.ExtensionElement;
import io.tracegate.epcis.model.LocationRef;
import io.tracegate.epcis.model.NamedValue;
import io.tracegate.epcis.model.SensorElement;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * What the EPCIS 2.0 standard requires of an event beyond what the model's shape enforces, as its XSD and GS1's JSON
 * Schema state it: the required fields of each event type ({@value #REQUIRED}: {@code eventTimeZoneOffset};
 * {@code action} except on a TransformationEvent; a TransactionEvent's business transactions; an AssociationEvent's
 * parent, and an AggregationEvent's for ADD and DELETE), that an event names what it is about
 * ({@value #IDENTIFIERS}: an ObjectEvent an EPC or a quantity, or else sensor data at a read point; an Aggregation or
 * Association event a child, and a TransactionEvent an EPC, a quantity or a parent, unless they DELETE everything; a
 * TransformationEvent an input and an output, or one of them and a transformationID), ILMD only when an ObjectEvent adds objects ({@value #ILMD_ACTION}),
 * the time zone offset's form ({@value #TIME_ZONE}), and that user fields are namespaced ({@value #USER_FIELD}:
 * EPCIS 2.0 has no place for an unqualified element or JSON member outside the standard's own; EPCIS 1.2 XML allows
 * unqualified ones in its extension wrappers, so 1.2 documents are not held to it).
 *
 * <p>Each finding names the field it is about. The checks look at one event at a time and keep no state: capture runs
 * them on every event.
 */
public final class StandardLayer implements EventLayer {

    public static final String REQUIRED = "epcis.required";
    public static final String IDENTIFIERS = "epcis.identifiers";
    public static final String ILMD_ACTION = "epcis.ilmd-action";
    public static final String TIME_ZONE = "epcis.time-zone-offset";
    public static final String USER_FIELD = "epcis.user-field-namespace";

    private static final Pattern OFFSET = Pattern.compile("[+-]((0\\d|1[0-3]):[0-5]\\d|14:00)");
    private static final Set<String> SENSOR_METADATA_FIELDS = Set.of("time", "startTime", "endTime", "deviceID",
            "deviceMetadata", "rawData", "dataProcessingMethod", "bizRules");
    private static final Set<String> SENSOR_REPORT_FIELDS = Set.of("type", "exception", "deviceID", "deviceMetadata",
            "rawData", "dataProcessingMethod", "bizRules", "time", "microorganism", "chemicalSubstance", "value",
            "component", "stringValue", "booleanValue", "hexBinaryValue", "uriValue", "minValue", "maxValue",
            "meanValue", "sDev", "percRank", "percValue", "uom", "coordinateReferenceSystem");

    private final DocumentPaths paths;
    private final boolean namespacedUserFields;

    /** @param format the format of the document the events come from (for the paths, and the 1.2 leniency) */
    public StandardLayer(EpcisFormat format) {
        this.paths = new DocumentPaths(format);
        this.namespacedUserFields = format != EpcisFormat.XML_1_2;
    }

    @Override
    public void header(EpcisHeader header, Consumer<ValidationFinding> sink) {
    }

    @Override
    public void event(int index, String path, EpcisEvent e, Consumer<ValidationFinding> sink) {
        String type = e.type().elementName();
        if (e.eventTimeZoneOffset() == null) {
            sink.accept(missing(index, path, "eventTimeZoneOffset", type + " has no eventTimeZoneOffset"));
        } else if (!OFFSET.matcher(e.eventTimeZoneOffset()).matches()) {
            sink.accept(ValidationFinding.error(index, paths.member(path, "eventTimeZoneOffset"), TIME_ZONE,
                    "eventTimeZoneOffset '" + e.eventTimeZoneOffset() + "' is not an offset from -14:00 to +14:00"
                            + " written as +HH:MM or -HH:MM"));
        }
        if (e.action() == null && e.type() != EventType.TRANSFORMATION_EVENT) {
            sink.accept(missing(index, path, "action", type + " has no action (ADD, OBSERVE or DELETE)"));
        }
        boolean children = !e.childEpcs().isEmpty() || !e.childQuantityList().isEmpty();
        switch (e.type()) {
            case OBJECT_EVENT -> {
                boolean sensing = !e.sensorElementList().isEmpty() && e.readPoint() != null;
                if (e.epcList().isEmpty() && e.quantityList().isEmpty() && !sensing) {
                    sink.accept(ValidationFinding.error(index, paths.member(path, "epcList"), IDENTIFIERS,
                            "ObjectEvent names no object: epcList and quantityList are both absent or empty (only"
                                    + " sensor data at a readPoint may go without)"));
                }
                if (e.ilmd() != null && e.action() != null && e.action() != Action.ADD) {
                    sink.accept(ValidationFinding.error(index, paths.member(path, "ilmd"), ILMD_ACTION,
                            "ilmd describes objects as they are created: an ObjectEvent with action " + e.action()
                                    + " cannot carry it (only ADD)"));
                }
            }
            case AGGREGATION_EVENT -> {
                if (e.parentId() == null && e.action() != null && e.action() != Action.OBSERVE) {
                    sink.accept(missing(index, path, "parentID", "AggregationEvent with action " + e.action()
                            + " has no parentID (only OBSERVE may go without)"));
                }
                noChildren(children, e.action(), index, path, type, sink);
            }
            case ASSOCIATION_EVENT -> {
                if (e.parentId() == null) {
                    sink.accept(missing(index, path, "parentID", "AssociationEvent has no parentID"));
                }
                noChildren(children, e.action(), index, path, type, sink);
            }
            case TRANSACTION_EVENT -> {
                if (e.bizTransactionList().isEmpty()) {
                    sink.accept(missing(index, path, "bizTransactionList",
                            "TransactionEvent has no bizTransactionList entry"));
                }
                if (e.parentId() == null && e.epcList().isEmpty() && e.quantityList().isEmpty()
                        && e.action() != Action.DELETE) {
                    sink.accept(ValidationFinding.error(index, paths.member(path, "epcList"), IDENTIFIERS,
                            "TransactionEvent names no object: no parentID, and epcList and quantityList are both"
                                    + " absent or empty (only DELETE, of everything, may go without)"));
                }
            }
            case TRANSFORMATION_EVENT -> {
                boolean input = !e.inputEpcList().isEmpty() || !e.inputQuantityList().isEmpty();
                boolean output = !e.outputEpcList().isEmpty() || !e.outputQuantityList().isEmpty();
                if (e.transformationId() == null ? !input || !output : !input && !output) {
                    sink.accept(ValidationFinding.error(index, paths.member(path,
                            input ? "outputEPCList" : "inputEPCList"), IDENTIFIERS, e.transformationId() == null
                            ? "TransformationEvent without a transformationID needs an input (inputEPCList or "
                                    + "inputQuantityList) and an output (outputEPCList or outputQuantityList)"
                            : "TransformationEvent names neither an input nor an output"));
                }
            }
        }
        if (namespacedUserFields) {
            userFields(e, index, path, sink);
        }
    }

    @Override
    public void end(Consumer<ValidationFinding> sink) {
    }

    /** A DELETE without children removes them all; ADD and OBSERVE must name at least one. */
    private void noChildren(boolean children, Action action, int index, String path, String type,
            Consumer<ValidationFinding> sink) {
        if (!children && action != Action.DELETE) {
            sink.accept(ValidationFinding.error(index, paths.member(path, "childEPCs"), IDENTIFIERS, type
                    + " names no child: childEPCs and childQuantityList are both absent or empty (only DELETE,"
                    + " of every child, may go without)"));
        }
    }

    private ValidationFinding missing(int index, String path, String field, String message) {
        return ValidationFinding.error(index, paths.member(path, field), REQUIRED, message);
    }

    /** EPCIS 2.0: every field outside the standard's own is a user extension and needs a namespace. */
    private void userFields(EpcisEvent e, int index, String path, Consumer<ValidationFinding> sink) {
        unqualified(e.extensions(), index, path, "", sink);
        location(e.readPoint(), "readPoint", index, path, sink);
        location(e.bizLocation(), "bizLocation", index, path, sink);
        if (e.errorDeclaration() != null) {
            unqualified(e.errorDeclaration().extensions(), index, paths.member(path, "errorDeclaration"),
                    "errorDeclaration ", sink);
        }
        List<SensorElement> sensors = e.sensorElementList();
        for (int i = 0; i < sensors.size(); i++) {
            String sensorPath = paths.item(path, "sensorElementList", "sensorElement", null, i);
            SensorElement s = sensors.get(i);
            unqualified(s.extensions(), index, sensorPath, "sensorElement ", sink);
            fields(s.metadata(), SENSOR_METADATA_FIELDS, index, sensorPath + "/sensorMetadata", sink);
            for (int r = 0; r < s.reports().size(); r++) {
                fields(s.reports().get(r), SENSOR_REPORT_FIELDS, index, paths.isXml()
                        ? sensorPath + "/sensorReport" + (r > 0 ? "[" + (r + 1) + "]" : "")
                        : sensorPath + "/sensorReport/" + r, sink);
            }
        }
    }

    private void location(LocationRef l, String name, int index, String path, Consumer<ValidationFinding> sink) {
        if (l != null) {
            unqualified(l.extensions(), index, paths.member(path, name), name + " ", sink);
        }
    }

    private void unqualified(List<ExtensionElement> elements, int index, String parent, String where,
            Consumer<ValidationFinding> sink) {
        for (ExtensionElement x : elements) {
            if (x.namespaceUri().isEmpty()) {
                sink.accept(ValidationFinding.error(index, parent + "/" + x.localName(), USER_FIELD, where + "field '"
                        + x.localName() + "' is not an EPCIS field and has no namespace: a user field needs a"
                        + " prefix declared for its namespace (example:" + x.localName() + ")"));
            }
        }
    }

    private void fields(List<NamedValue> fields, Set<String> standard, int index, String parent,
            Consumer<ValidationFinding> sink) {
        for (NamedValue f : fields) {
            if (f.namespaceUri().isEmpty() && !standard.contains(f.localName())) {
                sink.accept(ValidationFinding.error(index, parent + "/" + f.localName(), USER_FIELD, "sensor field '"
                        + f.localName() + "' is not an EPCIS field and has no namespace"));
            }
        }
    }
}
