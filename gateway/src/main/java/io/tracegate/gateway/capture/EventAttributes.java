package io.tracegate.gateway.capture;

import io.tracegate.epcis.model.BizTransaction;
import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.epcis.model.ErrorDeclaration;
import io.tracegate.epcis.model.ExtensionElement;
import io.tracegate.epcis.model.QuantityElement;
import io.tracegate.epcis.model.SourceDestination;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The query API's index of the event fields that have no column of their own (table {@code event_attribute}), with
 * each value in the form the stored JSON-LD body shows it (CBV values as bare words for standard ones, numbers in plain
 * notation), so that a query finds what its answers show. Kinds: {@code i} ILMD field (name: its local name; only
 * simple fields, as the body holds them: a field repeated or with structure or attributes is not indexed), {@code b}
 * business transaction, {@code s} source, {@code d} destination (name: the type, {@code ''} for an untyped business
 * transaction), {@code t} transformationID, {@code n} a quantity, {@code r} error declaration (name
 * {@code declarationTime}, {@code reason} or {@code correctiveEventID}), {@code p} persistent disposition (name
 * {@code set} or {@code unset}). Taken from the event model at capture; V5/V6 indexed events captured before V7 from
 * their stored bodies the same way.
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
            Map<String, List<ExtensionElement>> fields = new LinkedHashMap<>();
            for (ExtensionElement field : e.ilmd()) {
                fields.computeIfAbsent(field.expandedName(), k -> new ArrayList<>()).add(field);
            }
            for (List<ExtensionElement> same : fields.values()) {
                ExtensionElement field = same.get(0);
                if (same.size() == 1 && field.isLeaf() && field.attributes().isEmpty()) {
                    rows.add(new Row('i', field.localName(), field.text()));
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
        }
        if (e.persistentDisposition() != null) {
            e.persistentDisposition().set().forEach(v -> rows.add(new Row('p', "set", v.toBareWord())));
            e.persistentDisposition().unset().forEach(v -> rows.add(new Row('p', "unset", v.toBareWord())));
        }
        return rows;
    }

    /** The time as {@link #DECLARATION_TIME} writes it, to the microsecond the database keeps. */
    public static String declarationTime(OffsetDateTime time) {
        OffsetDateTime utc = time.withOffsetSameInstant(ZoneOffset.UTC);
        return DECLARATION_TIME.format(utc.plusNanos(500).truncatedTo(ChronoUnit.MICROS));
    }
}
