package io.tracegate.gateway.capture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracegate.epcis.model.EpcisEvent;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The query API's index of the event fields that have no column of their own (table {@code event_attribute}), taken
 * from the event as stored, its one-event JSON-LD body, so that an indexed value is the value a query answer shows.
 * Kinds: {@code i} ILMD field (name: its local name), {@code b} business transaction, {@code s} source, {@code d}
 * destination (name: the type as stored, {@code ''} for an untyped business transaction), {@code t}
 * transformationID, {@code n} a quantity (value: the JSON number), {@code r} error declaration (name
 * {@code declarationTime}, {@code reason} or {@code correctiveEventID}), {@code p} persistent disposition (name
 * {@code set} or {@code unset}). Computed here rather than by a database trigger: parsing every stored body in the
 * database cost it an eighth of a large capture.
 */
public final class EventAttributes {

    /** An error declaration's time as the index holds it: UTC, six fraction digits, so that text order is time order. */
    public static final DateTimeFormatter DECLARATION_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'");

    // decimals as written (1.50 stays 1.50), not as doubles
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final List<String> QUANTITY_LISTS = List.of("quantityList", "childQuantityList",
            "inputQuantityList", "outputQuantityList");

    /** One {@code event_attribute} row, without its event. */
    record Row(char kind, String name, String value) {
    }

    private EventAttributes() {
    }

    /** Whether the event has any field this index takes (most events have none, and their bodies are not read). */
    static boolean any(EpcisEvent e) {
        return e.ilmd() != null && !e.ilmd().isEmpty() || !e.bizTransactionList().isEmpty()
                || !e.sourceList().isEmpty() || !e.destinationList().isEmpty() || e.transformationId() != null
                || !e.quantityList().isEmpty() || !e.childQuantityList().isEmpty() || !e.inputQuantityList().isEmpty()
                || !e.outputQuantityList().isEmpty() || e.errorDeclaration() != null
                || e.persistentDisposition() != null;
    }

    /** The index rows of a stored one-event JSON-LD body. */
    static List<Row> of(String body) {
        JsonNode event;
        try {
            event = JSON.readTree(body).path("epcisBody").path("eventList").path(0);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a stored event body is not JSON", e);
        }
        List<Row> rows = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = event.path("ilmd").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isValueNode() && !field.getValue().isNull()) {
                rows.add(new Row('i', localName(field.getKey()), text(field.getValue())));
            }
        }
        for (JsonNode t : event.path("bizTransactionList")) {
            String value = text(t.get("bizTransaction"));
            if (value != null) {
                String type = text(t.get("type"));
                rows.add(new Row('b', type == null ? "" : type, value));
            }
        }
        typed(event.path("sourceList"), "source", 's', rows);
        typed(event.path("destinationList"), "destination", 'd', rows);
        String transformation = text(event.get("transformationID"));
        if (transformation != null) {
            rows.add(new Row('t', "", transformation));
        }
        for (String list : QUANTITY_LISTS) {
            for (JsonNode q : event.path(list)) {
                if (q.path("quantity").isNumber()) {
                    rows.add(new Row('n', "", text(q.get("quantity"))));
                }
            }
        }
        JsonNode declaration = event.path("errorDeclaration");
        String declared = text(declaration.get("declarationTime"));
        if (declared != null) {
            rows.add(new Row('r', "declarationTime", declarationTime(OffsetDateTime.parse(declared))));
        }
        String reason = text(declaration.get("reason"));
        if (reason != null) {
            rows.add(new Row('r', "reason", reason));
        }
        for (JsonNode id : declaration.path("correctiveEventIDs")) {
            rows.add(new Row('r', "correctiveEventID", text(id)));
        }
        for (String change : List.of("set", "unset")) {
            for (JsonNode value : event.path("persistentDisposition").path(change)) {
                rows.add(new Row('p', change, text(value)));
            }
        }
        return rows;
    }

    /** The time as {@link #DECLARATION_TIME} writes it, to the microsecond the database keeps. */
    public static String declarationTime(OffsetDateTime time) {
        OffsetDateTime utc = time.withOffsetSameInstant(ZoneOffset.UTC);
        return DECLARATION_TIME.format(utc.plusNanos(500).truncatedTo(ChronoUnit.MICROS));
    }

    private static void typed(JsonNode list, String member, char kind, List<Row> rows) {
        for (JsonNode entry : list) {
            String type = text(entry.get("type"));
            String value = text(entry.get(member));
            if (type != null && value != null) {
                rows.add(new Row(kind, type, value));
            }
        }
    }

    /** An ILMD field's local name: what follows its prefix, namespace or path. */
    private static String localName(String key) {
        int cut = Math.max(key.lastIndexOf(':'), Math.max(key.lastIndexOf('#'), key.lastIndexOf('/')));
        return key.substring(cut + 1);
    }

    /** A scalar's text: a string as is, a number as written (in plain notation), null for none. */
    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isBigDecimal()) {
            return node.decimalValue().toPlainString();
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }
}
