package io.tracegate.gateway.query;

import io.tracegate.epcis.io.EpcisTime;
import io.tracegate.epcis.model.Action;
import io.tracegate.epcis.model.CbvValue;
import io.tracegate.epcis.model.CbvVocabulary;
import io.tracegate.epcis.model.EventType;
import io.tracegate.gateway.capture.EventAttributes;
import io.tracegate.gateway.capture.EventStore;
import io.tracegate.gateway.capture.Identifiers;
import io.tracegate.gateway.masterdata.MasterDataStore;
import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gateway.problem.EpcisProblemType;
import io.tracegate.gs1.Gs1Exception;
import io.tracegate.gs1.epc.Epc;
import io.tracegate.gs1.epc.GcpLengthResolver;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * An EPCIS 2.0 SimpleEventQuery as the REST bindings pass it in a query string, checked and translated into SQL
 * conditions on {@code epcis_event e}. Multi-values are pipe-delimited and mean "any of". Identifiers may be given
 * as EPC URNs or GS1 Digital Links (both become the canonical key the event store indexes), CBV values as bare words,
 * URNs or Web URIs.
 *
 * @param conditions      SQL conditions, all of which an event must meet
 * @param orderBy         the time events are ordered (and paged) by
 * @param descending      newest first
 * @param eventCountLimit the most events of the whole query (over all pages), or null
 * @param maxEventCount   the most events the whole query may match, else it is refused as too large; or null
 * @param perPage         the most events of one page
 * @param fingerprint     what identifies the query, so that a page token is only used with the query it came from
 */
record EventQuery(List<Condition> conditions, OrderBy orderBy, boolean descending, Integer eventCountLimit,
                  Integer maxEventCount, int perPage, String fingerprint) {

    static final int DEFAULT_PER_PAGE = 30;
    static final int MAX_PER_PAGE = 1000;

    /** A SQL condition with its parameters. */
    record Condition(String sql, List<Object> params) {
    }

    /** The two times events can be ordered by, with their column. */
    enum OrderBy {
        EVENT_TIME("eventTime", "event_time"), RECORD_TIME("recordTime", "record_time");

        final String parameter;
        final String column;

        OrderBy(String parameter, String column) {
            this.parameter = parameter;
            this.column = column;
        }
    }

    /** Parameters of the paging machinery and of result ordering, not conditions. */
    private static final Set<String> CONTROLS = Set.of("orderBy", "orderDirection", "eventCountLimit",
            "maxEventCount", "perPage", "nextPageToken");

    /** MATCH_ parameters and the roles (see {@link EventStore#NAMED_BY}) an identifier must have in the event. */
    private static final Map<String, String> MATCH_ROLES = Map.of("MATCH_epc", "ec", "MATCH_parentID", "p",
            "MATCH_inputEPC", "i", "MATCH_outputEPC", "o", "MATCH_anyEPC", "ecpio", "MATCH_epcClass", "q",
            "MATCH_inputEPCClass", "I", "MATCH_outputEPCClass", "O", "MATCH_anyEPCClass", "qIO");

    /** The quantity parameters and their comparison of a quantity list entry's quantity with the value. */
    private static final Map<String, String> QUANTITY_COMPARISONS = Map.of("EQ_quantity", "=", "GT_quantity", ">",
            "GE_quantity", ">=", "LT_quantity", "<", "LE_quantity", "<=");

    /** A parameter that asks for nothing (an {@code EXISTS_} parameter given as false). */
    static final Condition NONE = new Condition("true", List.of());

    /** EQ_<prefix><type> parameters of the {@code event_attribute} table, with their kind. */
    private static final Map<String, String> ATTRIBUTE_KINDS = Map.of("EQ_bizTransaction_", "b",
            "EQ_source_", "s", "EQ_destination_", "d");
    /** The fields EQ_ATTR_, HASATTR_ and WD_ parameters name, with their column. */
    private static final Map<String, String> LOCATION_FIELDS = Map.of("readPoint", "e.read_point",
            "bizLocation", "e.biz_location");

    /**
     * Parses the query string's parameters (each given once) together with the conditions a resource path implies
     * ({@code /bizSteps/shipping/events} is {@code EQ_bizStep=shipping}).
     *
     * @throws ApiProblem a {@code QueryParameterException} naming the parameter and what is wrong with it
     */
    static EventQuery parse(Map<String, List<String>> query, Map<String, String> implied, MasterDataStore masterData) {
        List<Condition> conditions = new ArrayList<>();
        Map<String, String> single = new TreeMap<>();
        query.forEach((name, values) -> {
            checkText(name, values.toArray(String[]::new));
            if (values.size() != 1) {
                throw parameter(name, "is given " + values.size() + " times; give it once, with several values"
                        + " separated by '|'");
            }
            single.put(name, values.get(0));
        });
        implied.forEach((name, value) -> checkText(name, new String[] {value}));
        single.forEach((name, value) -> {
            if (!CONTROLS.contains(name)) {
                conditions.add(condition(name, value, masterData));
            }
        });
        implied.forEach((name, value) -> conditions.add(condition(name, value, masterData)));

        OrderBy orderBy = OrderBy.EVENT_TIME;
        String order = single.get("orderBy");
        if (order != null) {
            orderBy = Arrays.stream(OrderBy.values()).filter(o -> o.parameter.equals(order)).findFirst()
                    .orElseThrow(() -> parameter("orderBy", "'" + order + "' is not eventTime or recordTime"));
        }
        // the standard's default is DESC with an orderBy; without one the order is ours to choose: oldest first
        String direction = single.getOrDefault("orderDirection", order == null ? "ASC" : "DESC");
        if (!direction.equals("ASC") && !direction.equals("DESC")) {
            throw parameter("orderDirection", "'" + direction + "' is not ASC or DESC");
        }
        Integer limit = single.containsKey("eventCountLimit")
                ? positive("eventCountLimit", single.get("eventCountLimit"), Integer.MAX_VALUE) : null;
        if (limit != null && order == null) {
            throw parameter("eventCountLimit", "needs orderBy: the first N events are only defined in an order"
                    + " (orderBy=eventTime or recordTime, orderDirection=ASC or DESC)");
        }
        Integer max = single.containsKey("maxEventCount")
                ? positive("maxEventCount", single.get("maxEventCount"), Integer.MAX_VALUE) : null;
        if (limit != null && max != null) {
            throw parameter("maxEventCount", "cannot be given with eventCountLimit: maxEventCount refuses a larger"
                    + " result, eventCountLimit cuts it short; give one of them");
        }
        int perPage = single.containsKey("perPage")
                ? positive("perPage", single.get("perPage"), MAX_PER_PAGE) : DEFAULT_PER_PAGE;

        Map<String, String> identity = new TreeMap<>(single);
        identity.remove("nextPageToken");
        identity.remove("perPage");
        implied.forEach((name, value) -> identity.put("path:" + name, value));
        return new EventQuery(List.copyOf(conditions), orderBy, direction.equals("DESC"), limit, max, perPage,
                fingerprint("events", identity));
    }

    /**
     * Refuses text PostgreSQL cannot hold or that no parameter has a use for: NUL and the other C0 control
     * characters (tab excepted), in a parameter's name or values.
     *
     * @throws ApiProblem a QueryParameterException naming the parameter
     */
    static void checkText(String name, String[] values) {
        if (hasControl(name)) {
            throw parameter(name.replaceAll("\\p{Cntrl}", "?"), "has a control character (such as NUL) in its name");
        }
        for (String value : values) {
            if (hasControl(value)) {
                throw parameter(name, "has a control character (such as NUL, U+0000) in its value");
            }
        }
    }

    private static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    private static Condition condition(String name, String value, MasterDataStore masterData) {
        if (value.isEmpty()) {
            throw parameter(name, "has no value");
        }
        List<String> values = List.of(value.split("\\|", -1));
        if (values.contains("")) {
            throw parameter(name, "has an empty value in '" + value + "'");
        }
        switch (name) {
            case "eventType":
                for (String v : values) {
                    if (EventType.fromElementName(v) == null) {
                        throw parameter(name, "'" + v + "' is not an EPCIS event type (ObjectEvent,"
                                + " AggregationEvent, TransactionEvent, TransformationEvent, AssociationEvent)");
                    }
                }
                return anyOf("e.event_type", values);
            case "GE_eventTime":
                return new Condition("e.event_time >= ?", List.of(time(name, value)));
            case "LT_eventTime":
                return new Condition("e.event_time < ?", List.of(time(name, value)));
            case "GE_recordTime":
                return new Condition("e.record_time >= ?", List.of(time(name, value)));
            case "LT_recordTime":
                return new Condition("e.record_time < ?", List.of(time(name, value)));
            case "EQ_action":
                for (String v : values) {
                    if (Arrays.stream(Action.values()).noneMatch(a -> a.name().equals(v))) {
                        throw parameter(name, "'" + v + "' is not ADD, OBSERVE or DELETE");
                    }
                }
                return anyOf("e.action", values);
            case "EQ_bizStep":
                return anyOf("e.biz_step", cbv(CbvVocabulary.BIZ_STEP, values));
            case "EQ_disposition":
                return anyOf("e.disposition", cbv(CbvVocabulary.DISPOSITION, values));
            case "EQ_readPoint":
                return anyOf("e.read_point", keys(name, values));
            case "EQ_bizLocation":
                return anyOf("e.biz_location", keys(name, values));
            case "EQ_eventID":
                return anyOf("e.event_id", values);
            case "EQ_transformationID":
                return attributeIn("t", "", values);
            case "EXISTS_errorDeclaration":
                return switch (value) {
                    case "true" -> new Condition("e.id in (select a.event_ref from event_attribute a"
                            + " where a.kind = 'r' and a.name = 'declarationTime')", List.of());
                    case "false" -> NONE;
                    default -> throw parameter(name, "'" + value + "' is not true or false");
                };
            case "GE_errorDeclarationTime":
                return declarationTime(">=", time(name, value));
            case "LT_errorDeclarationTime":
                return declarationTime("<", time(name, value));
            case "EQ_errorReason":
                return attributeIn("r", "reason", cbv(CbvVocabulary.ERROR_REASON, values));
            case "EQ_correctiveEventID":
                return attributeIn("r", "correctiveEventID", values);
            case "EQ_persistentDisposition_set":
                return attributeIn("p", "set", cbv(CbvVocabulary.DISPOSITION, values));
            case "EQ_persistentDisposition_unset":
                return attributeIn("p", "unset", cbv(CbvVocabulary.DISPOSITION, values));
            default:
                break;
        }
        String comparison = QUANTITY_COMPARISONS.get(name);
        if (comparison != null) {
            return new Condition("e.id in (select a.event_ref from event_attribute a where a.kind = 'n'"
                    + " and a.value::numeric " + comparison + " ?)", List.of(quantity(name, value)));
        }
        String roles = MATCH_ROLES.get(name);
        if (roles != null) {
            return match(name, roles, values);
        }
        for (Map.Entry<String, String> family : ATTRIBUTE_KINDS.entrySet()) {
            if (name.startsWith(family.getKey()) && name.length() > family.getKey().length()) {
                return attribute(name, family.getValue(), name.substring(family.getKey().length()), values);
            }
        }
        Condition masterDataCondition = masterData(name, values, masterData);
        if (masterDataCondition != null) {
            return masterDataCondition;
        }
        Condition flexible = FlexibleParameters.condition(name, value, values);
        if (flexible != null) {
            return flexible;
        }
        throw parameter(name, "is not an EPCIS query parameter");
    }

    /**
     * A MATCH_ parameter: events naming one of the identifiers in one of the roles, identifiers given as EPC URNs,
     * Digital Links or EPC patterns ({@code urn:epc:idpat:...}, as key ranges: {@link EpcPatterns}).
     */
    private static Condition match(String name, String roles, List<String> values) {
        SqlArrayValue roleArray = textArray(roles.chars().mapToObj(c -> String.valueOf((char) c)).toList());
        List<String> sql = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        List<String> keys = keys(name, values.stream().filter(v -> !EpcPatterns.isPattern(v)).toList());
        if (!keys.isEmpty()) {
            sql.add("e.id in (select x.event_ref from (" + EventStore.NAMED_BY + ") x where x.role = any(?))");
            params.addAll(List.of(textArray(keys), textArray(keys), roleArray));
        }
        for (String pattern : values.stream().filter(EpcPatterns::isPattern).toList()) {
            for (String prefix : EpcPatterns.prefixes(name, pattern, !name.endsWith("Class"))) {
                sql.add("e.id in (select x.event_ref from (" + EventStore.NAMED_IN_RANGE + ") x"
                        + " where x.role = any(?))");
                String end = EpcPatterns.end(prefix);
                params.addAll(List.of(prefix, end, prefix, end, roleArray));
            }
        }
        return new Condition("(" + String.join(" or ", sql) + ")", params);
    }

    /**
     * The parameters answered with location master data: {@code WD_readPoint}/{@code WD_bizLocation} (the location
     * or one below it in the hierarchy), {@code EQ_ATTR_<field>_<attribute>} (a location whose attribute has one of
     * the values) and {@code HASATTR_<field>} (a location with one of the attributes); null for other names.
     */
    private static Condition masterData(String name, List<String> values, MasterDataStore masterData) {
        String field;
        if (name.startsWith("WD_") && LOCATION_FIELDS.containsKey(field = name.substring(3))) {
            return anyOf(LOCATION_FIELDS.get(field), masterData.withDescendants(keys(name, values)));
        }
        try {
            if (name.startsWith("HASATTR_") && LOCATION_FIELDS.containsKey(field = name.substring(8))) {
                List<String> keys = new ArrayList<>();
                for (String attribute : values) {
                    keys.addAll(masterData.withAttribute(attribute.replaceAll("^.*[:#]", ""), List.of()));
                }
                return anyOf(LOCATION_FIELDS.get(field), keys);
            }
            if (name.startsWith("EQ_ATTR_")) {
                String rest = name.substring(8);
                int split = rest.indexOf('_');
                field = split < 0 ? rest : rest.substring(0, split);
                if (split < 0 || !LOCATION_FIELDS.containsKey(field)) {
                    throw parameter(name, "names no location field: EQ_ATTR_readPoint_<attribute> and"
                            + " EQ_ATTR_bizLocation_<attribute> are answered from location master data");
                }
                return anyOf(LOCATION_FIELDS.get(field), masterData.withAttribute(
                        rest.substring(split + 1).replaceAll("^.*[:#]", ""), values));
            }
        } catch (IllegalArgumentException e) {
            throw parameter(name, e.getMessage());
        }
        if (name.startsWith("HASATTR_")) {
            throw parameter(name, "names no location field: HASATTR_readPoint and HASATTR_bizLocation are answered"
                    + " from location master data");
        }
        return null;
    }

    /** An event_attribute condition: the name is a CBV type. */
    private static Condition attribute(String parameter, String kind, String field, List<String> values) {
        String name;
        List<String> accepted = values;
        switch (kind) {
            case "b" -> name = CbvValue.parse(CbvVocabulary.BIZ_TRANSACTION_TYPE, field, true).value();
            default -> {
                name = CbvValue.parse(CbvVocabulary.SOURCE_DESTINATION_TYPE, field, true).value();
                // a party or location is stored as written: match it in its EPC URN and Digital Link forms
                accepted = values.stream().flatMap(v -> writtenForms(parameter, v).stream()).distinct().toList();
            }
        }
        return attributeIn(kind, name, accepted);
    }

    /** Events with an {@code event_attribute} of this kind and name whose value is one of these. */
    private static Condition attributeIn(String kind, String name, List<String> values) {
        return new Condition("e.id in (select a.event_ref from event_attribute a where a.kind = ? and a.name = ?"
                + " and a.value = any(?))", List.of(kind, name, textArray(values)));
    }

    private static Condition declarationTime(String comparison, OffsetDateTime time) {
        return new Condition("e.id in (select a.event_ref from event_attribute a where a.kind = 'r'"
                + " and a.name = 'declarationTime' and a.value " + comparison + " ?)",
                List.of(EventAttributes.declarationTime(time)));
    }

    private static Condition anyOf(String column, List<String> values) {
        return new Condition(column + " = any(?)", List.of(textArray(values)));
    }

    /** A text[] parameter (a plain Java array would be expanded into a list of parameters). */
    private static SqlArrayValue textArray(List<String> values) {
        return new SqlArrayValue("text", values.toArray());
    }

    private static List<String> cbv(CbvVocabulary vocabulary, List<String> values) {
        return values.stream().map(v -> CbvValue.parse(vocabulary, v, true).value()).toList();
    }

    private static List<String> keys(String parameter, List<String> values) {
        return values.stream().map(v -> key(parameter, v)).toList();
    }

    /** The canonical key of an EPC URN or GS1 Digital Link (or any other URI, as written). */
    private static String key(String parameter, String value) {
        if (value.startsWith("urn:epc:")) {
            try {
                return Epc.parse(value).toDigitalLink();
            } catch (Gs1Exception e) {
                throw parameter(parameter, "'" + value + "' is not a valid EPC URN: " + e.getMessage());
            }
        }
        return Identifiers.key(value);
    }

    /** The value, its canonical Digital Link and its EPC URN (when GS1's prefix table knows its company prefix). */
    private static List<String> writtenForms(String parameter, String value) {
        List<String> forms = new ArrayList<>(List.of(value, key(parameter, value)));
        if (value.startsWith("urn:epc:") || value.startsWith("http")) {
            try {
                forms.add(Epc.parse(value).toUrn(GcpLengthResolver.standard()));
            } catch (Gs1Exception notAnEpcOrUnknownPrefix) {
                // matched as written and as Digital Link only
            }
        }
        return forms;
    }

    /** Times PostgreSQL and the standard's xsd:dateTime both hold: years 1 to 9999. */
    private static final OffsetDateTime EARLIEST = OffsetDateTime.parse("0001-01-01T00:00:00Z");
    private static final OffsetDateTime LATEST = OffsetDateTime.parse("9999-12-31T23:59:59.999999Z");

    static OffsetDateTime time(String parameter, String value) {
        OffsetDateTime time;
        try {
            // an unencoded '+' of a time zone offset arrives as a space
            time = EpcisTime.parse(value.replace(' ', '+'));
        } catch (DateTimeException e) {
            throw parameter(parameter, e.getMessage());
        }
        if (time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
            throw parameter(parameter, "'" + value + "' is outside the years 0001 to 9999");
        }
        return time;
    }

    /** Digits a number may have before and after its decimal point: beyond, it is no quantity but an attack. */
    private static final int MAX_DIGITS = 1000;

    static BigDecimal quantity(String parameter, String value) {
        BigDecimal number;
        try {
            number = new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw parameter(parameter, "'" + value + "' is not a number");
        }
        if (number.signum() != 0 && (number.precision() - number.scale() > MAX_DIGITS || number.scale() > MAX_DIGITS)) {
            throw parameter(parameter, "'" + value + "' has more than " + MAX_DIGITS + " digits before or after its"
                    + " decimal point");
        }
        return number;
    }

    static int positive(String parameter, String value, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw parameter(parameter, "'" + value + "' is not a whole number from 1 to " + max);
    }

    static ApiProblem parameter(String name, String problem) {
        return new ApiProblem(EpcisProblemType.QUERY_PARAMETER, "query parameter " + name + " " + problem);
    }

    /** What a page token of this list with these parameters is bound to. */
    static String fingerprint(String list, Map<String, String> identity) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((list + identity)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
