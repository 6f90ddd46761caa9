package io.tracegate.gateway.query;

import io.tracegate.gateway.capture.EventAttributes;
import io.tracegate.gateway.query.EventQuery.Condition;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * The query parameters whose names carry a field, a unit or a section (EPCIS 2.0 section 8.2.7.1): extension fields
 * ({@code EQ_ex:field}, {@code GT_ex:field}, {@code EXISTS_ex:field}, {@code *_INNER_*} for nested ones), ILMD,
 * error declaration, read point / business location and sensor element, metadata and report fields, quantities by
 * unit ({@code EQ_quantity_KGM}), sensor numbers by unit ({@code GE_value_CEL}, {@code LT_maxValue_CEL}, ...) and the
 * sensor parameters with fixed names ({@code EQ_type}, {@code EQ_deviceID}, {@code GE_startTime}, ...). Each is a
 * semi-join on the {@code event_attribute} index (kinds: see {@link EventAttributes}).
 */
final class FlexibleParameters {

    /** Extension fields in a section of the event: the kinds of its top-level and nested fields, a name prefix. */
    private record Section(char top, char inner, String prefix) {
    }

    private static final Map<String, Section> SECTIONS = Map.of("", new Section('x', 'y', ""),
            "ILMD_", new Section('i', 'j', ""), "ERROR_DECLARATION_", new Section('e', 'f', ""),
            "SENSORELEMENT_", new Section('g', 'h', ""), "SENSORMETADATA_", new Section('m', 'm', ""),
            "SENSORREPORT_", new Section('v', 'v', ""), "readPoint_", new Section('l', 'k', "readPoint:"),
            "bizLocation_", new Section('l', 'k', "bizLocation:"));

    private static final Pattern FIELD = Pattern.compile("(EQ|GT|GE|LT|LE|EXISTS)_(INNER_)?(ILMD_|ERROR_DECLARATION_"
            + "|SENSORELEMENT_|SENSORMETADATA_|SENSORREPORT_|readPoint_|bizLocation_)?(.+)");
    private static final Pattern MEASURE = Pattern.compile(
            "(EQ|GT|GE|LT|LE)_(value|minValue|maxValue|meanValue|sDev|percValue|quantity)_([A-Za-z0-9]{1,8})");
    private static final Pattern PERC_RANK = Pattern.compile("(GT|GE|LT|LE)_percRank");
    private static final Pattern SENSOR_TIME = Pattern.compile("(GE|LT)_(time|startTime|endTime)");

    /** Sensor parameters with fixed names: the field they match, in metadata ({@code m}) and/or reports ({@code v}). */
    private record SensorField(String kinds, String field) {
    }

    private static final Map<String, SensorField> SENSOR_FIELDS = Map.ofEntries(
            Map.entry("EQ_type", new SensorField("v", "type")),
            Map.entry("EQ_deviceID", new SensorField("mv", "deviceID")),
            Map.entry("EQ_dataProcessingMethod", new SensorField("mv", "dataProcessingMethod")),
            Map.entry("EQ_bizRules", new SensorField("m", "bizRules")),
            Map.entry("EQ_microorganism", new SensorField("v", "microorganism")),
            Map.entry("EQ_chemicalSubstance", new SensorField("v", "chemicalSubstance")),
            Map.entry("EQ_stringValue", new SensorField("v", "stringValue")),
            Map.entry("EQ_hexBinaryValue", new SensorField("v", "hexBinaryValue")),
            Map.entry("EQ_uriValue", new SensorField("v", "uriValue")),
            Map.entry("EQ_booleanValue", new SensorField("v", "booleanValue")));

    private static final Map<String, String> COMPARISONS = Map.of("GT", ">", "GE", ">=", "LT", "<", "LE", "<=");
    /** A value PostgreSQL reads as numeric: the only ones a numeric comparison casts. */
    private static final String NUMBER = "'^[-+]?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]{1,3})?$'";
    /** A date-time as the index holds it ({@link EventAttributes#DECLARATION_TIME}). */
    private static final String TIME = "'^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{6}Z$'";

    private FlexibleParameters() {
    }

    /** The condition of a flexible-name parameter, or null when the name is none of them. */
    static Condition condition(String name, String value, List<String> values) {
        SensorField sensor = SENSOR_FIELDS.get(name);
        if (sensor != null) {
            List<String> accepted = switch (sensor.field()) {
                case "type" -> values.stream().map(EventAttributes::measurementType).toList();
                case "booleanValue" -> List.of(bool(name, value));
                default -> values;
            };
            return in(sensor.kinds(), sensor.field(), accepted);
        }
        if (name.equals("EXISTS_sensorElementList")) {
            return bool(name, value).equals("true") ? exists("g", "") : EventQuery.NONE;
        }
        Matcher time = SENSOR_TIME.matcher(name);
        if (time.matches()) {
            return compare(name, time.group(2).equals("time") ? "mv" : "m", time.group(2), time.group(1), value);
        }
        Matcher rank = PERC_RANK.matcher(name);
        if (rank.matches()) {
            return compare(name, "v", "percRank", rank.group(1), value);
        }
        Matcher measure = MEASURE.matcher(name);
        if (measure.matches()) {
            boolean quantity = measure.group(2).equals("quantity");
            String kind = quantity ? "u" : "w";
            String field = quantity ? measure.group(3) : measure.group(2) + "_" + measure.group(3);
            if (!measure.group(1).equals("EQ")) {
                return compare(name, kind, field, measure.group(1), value);
            }
            BigDecimal[] numbers = values.stream().map(v -> EventQuery.quantity(name, v)).toArray(BigDecimal[]::new);
            return new Condition("e.id in (select a.event_ref from event_attribute a where a.kind = '" + kind
                    + "' and a.name = ? and (case when a.value ~ " + NUMBER + " then a.value::numeric end)"
                    + " = any(?))", List.of(field, new SqlArrayValue("numeric", (Object[]) numbers)));
        }
        Matcher field = FIELD.matcher(name);
        if (!field.matches()) {
            return null;
        }
        String section = field.group(3) == null ? "" : field.group(3);
        String qualified = field.group(4);
        // an extension field is named with its namespace (ex:field, {namespace}field, namespace#field); ILMD fields
        // also by their local name alone
        if (!section.equals("ILMD_") && !qualified.matches(".*[:#}/].*")) {
            return null;
        }
        Section s = SECTIONS.get(section);
        String kind = String.valueOf(field.group(2) == null ? s.top() : s.inner());
        String local = s.prefix() + qualified.replaceAll("^.*[:#/}]", "");
        return switch (field.group(1)) {
            case "EXISTS" -> bool(name, value).equals("true") ? exists(kind, local) : EventQuery.NONE;
            case "EQ" -> {
                Set<String> forms = new LinkedHashSet<>(values);
                values.forEach(v -> forms.add(EventAttributes.value(v)));
                yield in(kind, local, new ArrayList<>(forms));
            }
            default -> compare(name, kind, local, field.group(1), value);
        };
    }

    private static Condition in(String kinds, String field, List<String> values) {
        return new Condition("e.id in (select a.event_ref from event_attribute a where a.kind in (" + kinds(kinds)
                + ") and a.name = ? and a.value = any(?))", List.of(field, new SqlArrayValue("text", values.toArray())));
    }

    private static Condition exists(String kinds, String field) {
        return new Condition("e.id in (select a.event_ref from event_attribute a where a.kind in (" + kinds(kinds)
                + ") and a.name = ?)", List.of(field));
    }

    /** GT/GE/LT/LE on a field: as numbers when the value is one, else as date-times. */
    private static Condition compare(String parameter, String kinds, String field, String operator, String value) {
        String op = COMPARISONS.get(operator);
        String select = "e.id in (select a.event_ref from event_attribute a where a.kind in (" + kinds(kinds)
                + ") and a.name = ? and ";
        if (value.matches("[-+]?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?")) {
            return new Condition(select + "(case when a.value ~ " + NUMBER + " then a.value::numeric end) " + op
                    + " ?)", List.of(field, EventQuery.quantity(parameter, value)));
        }
        if (!value.matches("-?[0-9]{4,}-.*")) {
            throw EventQuery.parameter(parameter, "'" + value + "' is neither a number nor a date-time");
        }
        OffsetDateTime time = EventQuery.time(parameter, value);
        return new Condition(select + "a.value ~ " + TIME + " and a.value " + op + " ?)",
                List.of(field, EventAttributes.declarationTime(time)));
    }

    /** Kind letters as SQL literals (the letters are ours, never a client's). */
    private static String kinds(String kinds) {
        return String.join(", ", kinds.chars().mapToObj(c -> "'" + (char) c + "'").toList());
    }

    private static String bool(String parameter, String value) {
        if (!value.equals("true") && !value.equals("false")) {
            throw EventQuery.parameter(parameter, "'" + value + "' is not true or false");
        }
        return value;
    }
}
