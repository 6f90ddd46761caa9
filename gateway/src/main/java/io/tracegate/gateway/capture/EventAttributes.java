package io.tracegate.gateway.capture;

import io.tracegate.epcis.io.EpcisTime;
import io.tracegate.epcis.model.BizTransaction;
import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.epcis.model.ErrorDeclaration;
import io.tracegate.epcis.model.ExtensionElement;
import io.tracegate.epcis.model.NamedValue;
import io.tracegate.epcis.model.QuantityElement;
import io.tracegate.epcis.model.SensorElement;
import io.tracegate.epcis.model.SourceDestination;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The query API's index of the event fields that have no column of their own (table {@code event_attribute}), with
 * each value in the form the stored JSON-LD body shows it (CBV values as bare words for standard ones, numbers in plain
 * notation), so that a query finds what its answers show. Kinds:
 * <ul>
 * <li>{@code i} ILMD field (name: its local name; a repeated field has a row per value, a structured one the value
 *     {@code ''}), {@code j} a field nested in an ILMD field;</li>
 * <li>{@code x} user extension field of the event, {@code y} a field nested in one;</li>
 * <li>{@code e} extension field of the error declaration, {@code f} a field nested in one;</li>
 * <li>{@code l} extension field of the read point or business location (name {@code readPoint:<local name>} or
 *     {@code bizLocation:<local name>}), {@code k} a field nested in one;</li>
 * <li>{@code g} sensor element: name {@code ''} once per sensor element, else an extension field of it by local
 *     name; {@code h} a field nested in one; {@code m} a sensor metadata field, {@code v} a sensor report field (by
 *     local name, standard and extension fields alike; a measurement {@code type} as its bare word);
 *     {@code w} a report's number with its unit (name {@code <field>_<uom>}: {@code value_CEL}, {@code minValue_KGM});</li>
 * <li>{@code b} business transaction, {@code s} source, {@code d} destination (name: the type, {@code ''} for an
 *     untyped business transaction), {@code t} transformationID, {@code n} a quantity, {@code u} a quantity with its
 *     unit (name: the uom), {@code r} error declaration (name {@code declarationTime}, {@code reason} or
 *     {@code correctiveEventID}), {@code p} persistent disposition (name {@code set} or {@code unset}).</li>
 * </ul>
 * Extension and sensor values that are date-times are indexed in UTC as {@link #DECLARATION_TIME} writes them (text
 * order is time order); other values as written. Taken from the event model at capture; V5/V6 indexed events
 * captured before V7 from their stored bodies, V13 adds the kinds of V12 for events captured before it.
 */
public final class EventAttributes {

    /** An error declaration's time as the index holds it: UTC, six fraction digits, so that text order is time order. */
    public static final DateTimeFormatter DECLARATION_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'");

    /** One {@code event_attribute} row, without its event. */
    record Row(char kind, String name, String value) {
    }

    private EventAttributes() {
    }

    /** The index rows of an event. */
    static List<Row> of(EpcisEvent e) {
        List<Row> rows = new ArrayList<>();
        if (e.ilmd() != null) {
            fields(rows, 'i', 'j', "", e.ilmd());
        }
        fields(rows, 'x', 'y', "", e.extensions());
        if (e.readPoint() != null) {
            fields(rows, 'l', 'k', "readPoint:", e.readPoint().extensions());
        }
        if (e.bizLocation() != null) {
            fields(rows, 'l', 'k', "bizLocation:", e.bizLocation().extensions());
        }
        for (SensorElement sensor : e.sensorElementList()) {
            rows.add(new Row('g', "", ""));
            fields(rows, 'g', 'h', "", sensor.extensions());
            for (NamedValue field : sensor.metadata()) {
                rows.add(new Row('m', field.localName(), value(field.value())));
            }
            for (List<NamedValue> report : sensor.reports()) {
                String uom = SensorElement.field(report, "uom");
                for (NamedValue field : report) {
                    String name = field.localName();
                    rows.add(new Row('v', name, name.equals("type") ? measurementType(field.value())
                            : value(field.value())));
                    if (uom != null && field.namespaceUri().isEmpty() && MEASURES.contains(name)) {
                        rows.add(new Row('w', name + "_" + uom, field.value().strip()));
                    }
                }
            }
        }
        for (BizTransaction t : e.bizTransactionList()) {
            rows.add(new Row('b', t.type() == null ? "" : t.type().toBareWord(), t.value()));
        }
        for (SourceDestination source : e.sourceList()) {
            rows.add(new Row('s', source.type().toBareWord(), source.value()));
        }
        for (SourceDestination destination : e.destinationList()) {
            rows.add(new Row('d', destination.type().toBareWord(), destination.value()));
        }
        if (e.transformationId() != null) {
            rows.add(new Row('t', "", e.transformationId()));
        }
        for (List<QuantityElement> list : List.of(e.quantityList(), e.childQuantityList(), e.inputQuantityList(),
                e.outputQuantityList())) {
            for (QuantityElement q : list) {
                if (q.quantity() != null) {
                    rows.add(new Row('n', "", q.quantity().toPlainString()));
                    if (q.uom() != null) {
                        rows.add(new Row('u', q.uom(), q.quantity().toPlainString()));
                    }
                }
            }
        }
        ErrorDeclaration declaration = e.errorDeclaration();
        if (declaration != null) {
            rows.add(new Row('r', "declarationTime", declarationTime(declaration.declarationTime())));
            if (declaration.reason() != null) {
                rows.add(new Row('r', "reason", declaration.reason().toBareWord()));
            }
            for (String corrective : declaration.correctiveEventIds()) {
                rows.add(new Row('r', "correctiveEventID", corrective));
            }
            fields(rows, 'e', 'f', "", declaration.extensions());
        }
        if (e.persistentDisposition() != null) {
            e.persistentDisposition().set().forEach(v -> rows.add(new Row('p', "set", v.toBareWord())));
            e.persistentDisposition().unset().forEach(v -> rows.add(new Row('p', "unset", v.toBareWord())));
        }
        return rows;
    }

    /** Sensor report fields that are measured numbers, indexed with their unit as kind {@code w}. */
    private static final Set<String> MEASURES = Set.of("value", "minValue", "maxValue", "meanValue", "sDev",
            "percValue");

    /**
     * Rows of extension elements: each top-level element as {@code top} (by local name prefixed with
     * {@code prefix}; a structured one with the value {@code ''}), each element nested in one as {@code inner}.
     */
    private static void fields(List<Row> rows, char top, char inner, String prefix, List<ExtensionElement> elements) {
        for (ExtensionElement element : elements) {
            rows.add(new Row(top, prefix + element.localName(), element.isLeaf() ? value(element.text()) : ""));
            nested(rows, inner, prefix, element.children());
        }
    }

    private static void nested(List<Row> rows, char inner, String prefix, List<ExtensionElement> elements) {
        for (ExtensionElement element : elements) {
            rows.add(new Row(inner, prefix + element.localName(), element.isLeaf() ? value(element.text()) : ""));
            nested(rows, inner, prefix, element.children());
        }
    }

    /** A value as indexed: a date-time in UTC ({@link #DECLARATION_TIME}, so that text order is time order), else
     * stripped of surrounding white space. */
    public static String value(String text) {
        String value = text.strip();
        if (value.length() >= 20 && value.charAt(4) == '-' && value.charAt(10) == 'T') {
            try {
                return declarationTime(EpcisTime.parse(value));
            } catch (DateTimeException notATime) {
                // kept as written
            }
        }
        return value;
    }

    /** A measurement type as a bare word: {@code gs1:Temperature} and {@code https://gs1.org/voc/Temperature} are
     * {@code Temperature}. */
    public static String measurementType(String type) {
        String value = type.strip();
        for (String prefix : List.of("gs1:", "https://gs1.org/voc/", "http://gs1.org/voc/")) {
            if (value.startsWith(prefix)) {
                return value.substring(prefix.length());
            }
        }
        return value;
    }

    /** The time as {@link #DECLARATION_TIME} writes it, to the microsecond the database keeps. */
    public static String declarationTime(OffsetDateTime time) {
        OffsetDateTime utc = time.withOffsetSameInstant(ZoneOffset.UTC);
        return DECLARATION_TIME.format(utc.plusNanos(500).truncatedTo(ChronoUnit.MICROS));
    }
}
