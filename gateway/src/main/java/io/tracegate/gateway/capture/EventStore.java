package io.tracegate.gateway.capture;

import io.tracegate.gateway.serials.PgCopy;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code epcis_event} and {@code event_epc} tables: written by COPY in the capture transaction, read by the
 * trace (and the query API) through index scans.
 */
@Repository
public class EventStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    EventStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The events naming identifiers, with the identifier's role in each, as a query: those of a unit the serial
     * store holds are listed on its row, any other identifier's (and a unit's from before the store held it) are
     * in {@code event_epc}. Its parameters: the canonical keys (text[]) twice.
     */
    public static final String NAMED_BY = namedBy("k.epc = any(?)", "serial_unit");

    /**
     * {@link #NAMED_BY} for the identifiers in a range of keys (those starting with one prefix: an EPC pattern). Its
     * parameters: the range's first key and the first key after it, twice.
     */
    public static final String NAMED_IN_RANGE = namedBy("k.epc >= ? and k.epc < ?", "serial_unit");

    /**
     * {@link #NAMED_BY} for the identifiers whose key meets {@code keyCondition} (on {@code k.epc}; used twice), the
     * units' rows read from {@code units} ({@code serial_unit}, or a relation of its rows already read): columns
     * {@code event_ref}, {@code role} and {@code written} (the unit's EPC as written, null for the events in
     * {@code event_epc}).
     */
    public static String namedBy(String keyCondition, String units) {
        return "select k.event_ref, k.role::text as role, null as written from event_epc k where " + keyCondition
                + " union all select r.ref, substr(k.event_roles, r.n::int, 1), k.written from " + units + " k,"
                + " unnest(k.event_refs) with ordinality as r(ref, n) where " + keyCondition;
    }

    /** A stored event: its row and its body (a one-event EPCIS 2.0 JSON-LD document). */
    public record StoredBody(long ref, String body) {
    }

    /** The stored events of these rows, in row order. */
    public List<StoredBody> bodies(Collection<Long> refs) {
        return jdbc.sql("select id, body from epcis_event where id = any(?) order by id")
                .param(new SqlArrayValue("bigint", refs.toArray()))
                .query((rs, n) -> new StoredBody(rs.getLong(1), rs.getString(2))).list();
    }

    /**
     * The shipping and receiving events a capture job wrote, in row order (the partial index
     * {@code epcis_event_shipping_receiving} finds them without reading the job's other events).
     */
    public List<StoredBody> shippingAndReceiving(long jobId) {
        return jdbc.sql("select id, body from epcis_event where capture_job_id = ?"
                        + " and biz_step in ('shipping', 'receiving') order by id")
                .param(jobId).query((rs, n) -> new StoredBody(rs.getLong(1), rs.getString(2))).list();
    }

    /**
     * The stored event with this eventID as a standalone JSON-LD event: the event object of its one-event document,
     * with the document's {@code @context} (and the event's own, if any) as its own.
     */
    String standalone(String eventId) {
        String body = jdbc.sql("select body from epcis_event where event_id = ? order by id limit 1").param(eventId)
                .query(String.class).single();
        JsonNode document = JSON.readTree(body);
        JsonNode event = document.path("epcisBody").path("eventList").path(0);
        ArrayNode context = JSON.createArrayNode();
        for (JsonNode source : List.of(document.path("@context"), event.path("@context"))) {
            if (source.isArray()) {
                source.forEach(context::add);
            } else if (!source.isMissingNode()) {
                context.add(source);
            }
        }
        ObjectNode standalone = JSON.createObjectNode();
        standalone.set("@context", context);
        event.properties().forEach(field -> {
            if (!field.getKey().equals("@context")) {
                standalone.set(field.getKey(), field.getValue());
            }
        });
        return JSON.writeValueAsString(standalone);
    }

    /** The hashes among these that are already stored. */
    Set<String> existing(Connection connection, Collection<String> hashes) throws SQLException {
        Set<String> found = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "select event_hash from epcis_event where event_hash = any(?)")) {
            statement.setArray(1, connection.createArrayOf("text", hashes.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }

    /**
     * The eventIDs among these that already name a stored event. Each is locked first (a transaction-level advisory
     * lock on its hash, taken in order), so that two captures giving one eventID to different events wait for each
     * other and the second finds it taken.
     */
    Set<String> takenEventIds(Connection connection, Collection<String> eventIds) throws SQLException {
        Set<String> taken = new HashSet<>();
        if (eventIds.isEmpty()) {
            return taken;
        }
        Array ids = connection.createArrayOf("text", eventIds.toArray());
        try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(h) from (select"
                + " distinct hashtextextended(id, 0) as h from unnest(?::text[]) as id order by 1) as ids");
             PreparedStatement find = connection.prepareStatement(
                     "select distinct event_id from epcis_event where event_id = any(?)")) {
            lock.setArray(1, ids);
            lock.execute();
            find.setArray(1, ids);
            try (ResultSet rs = find.executeQuery()) {
                while (rs.next()) {
                    taken.add(rs.getString(1));
                }
            }
        }
        return taken;
    }

    /** How many eventIDs the store held for several events when it began to refuse that (V9 migration). */
    int eventIdClashes() {
        return jdbc.sql("select count(*) from event_id_clash").query(Integer.class).single();
    }

    /** Row ids for this many new events, in one round trip. */
    List<Long> allocate(Connection connection, int count) throws SQLException {
        List<Long> ids = new ArrayList<>(count);
        try (PreparedStatement statement = connection.prepareStatement(
                "select nextval('epcis_event_id_seq') from generate_series(1, ?)")) {
            statement.setInt(1, count);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    /**
     * One {@code event_epc} row. Rows are written in the order of the table's index: it then takes them leaf after
     * leaf instead of all over (serials are random), which saves the database about a quarter of the COPY.
     */
    private record EpcRow(String epc, char role, OffsetDateTime eventTime, long eventRef) {
        static final Comparator<EpcRow> INDEX_ORDER = Comparator.comparing(EpcRow::epc)
                .thenComparing(EpcRow::eventTime).thenComparingLong(EpcRow::eventRef);

        EpcRow(PreparedEvent.Key key, PreparedEvent event) {
            this(key.key(), key.role(), event.event().eventTime(), event.ref());
        }
    }

    /** An event as it is stored: its body and its attribute index rows. */
    private record StoredEvent(PreparedEvent event, String body, List<EventAttributes.Row> attributes) {
    }

    /**
     * What {@link #write} sends for a batch of events, built without the database (so while it is busy with the
     * serial store): each event's stored body and attributes, and the rows of its identifiers other than units
     * (whose events the serial store keeps) in index order.
     */
    static final class Rows {
        private final List<StoredEvent> events;
        private final List<EpcRow> epcs;
        private final OffsetDateTime recordTime;

        Rows(List<PreparedEvent> events, OffsetDateTime recordTime) {
            this.recordTime = recordTime;
            this.events = new ArrayList<>(events.size());
            List<EpcRow> epcs = new ArrayList<>();
            for (PreparedEvent e : events) {
                this.events.add(new StoredEvent(e, e.body(recordTime), EventAttributes.of(e.event())));
                for (PreparedEvent.Key key : e.keys()) {
                    if (!key.unit()) {
                        epcs.add(new EpcRow(key, e));
                    }
                }
            }
            epcs.sort(EpcRow.INDEX_ORDER);
            this.epcs = epcs;
        }
    }

    /** Writes the events of these rows that are {@code accepted} (by event ref), and their indexes. */
    void write(Connection connection, Rows rows, Set<Long> accepted, long jobId) throws SQLException {
        try (PgCopy copy = PgCopy.into(connection, "epcis_event", "id, event_hash, event_id, event_type,"
                + " event_time, record_time, event_time_zone_offset, action, biz_step, disposition, read_point,"
                + " biz_location, parent_id, capture_job_id, body")) {
            for (StoredEvent stored : rows.events) {
                PreparedEvent e = stored.event();
                if (!accepted.contains(e.ref())) {
                    continue;
                }
                copy.number(e.ref()).text(e.hash()).text(e.eventId()).text(e.event().type().elementName())
                        .time(e.event().eventTime()).time(rows.recordTime).text(e.event().eventTimeZoneOffset())
                        .text(e.event().action() == null ? null : e.event().action().name())
                        .text(e.event().bizStep() == null ? null : e.event().bizStep().value())
                        .text(e.event().disposition() == null ? null : e.event().disposition().value())
                        .text(e.readPoint()).text(e.bizLocation()).text(e.parentKey()).number(jobId)
                        .text(stored.body()).endRow();
            }
        }
        try (PgCopy copy = PgCopy.into(connection, "event_attribute", "event_ref, kind, name, value")) {
            for (StoredEvent stored : rows.events) {
                long ref = stored.event().ref();
                if (accepted.contains(ref)) {
                    for (EventAttributes.Row row : stored.attributes()) {
                        copy.number(ref).text(String.valueOf(row.kind())).text(row.name()).text(row.value()).endRow();
                    }
                }
            }
        }
        writeEpcs(connection, rows.epcs.stream().filter(row -> accepted.contains(row.eventRef())).toList());
    }

    /**
     * Writes the {@code event_epc} rows of units these events name that the serial store does not hold (by event
     * ref: see {@link io.tracegate.gateway.serials.SerialLifecycle.Outcome}).
     */
    void writeUnitsNotHeld(Connection connection, Rows rows, Map<Long, Set<String>> notHeld) throws SQLException {
        if (notHeld.isEmpty()) {
            return;
        }
        List<EpcRow> epcs = new ArrayList<>();
        for (StoredEvent stored : rows.events) {
            Set<String> units = notHeld.get(stored.event().ref());
            if (units != null) {
                for (PreparedEvent.Key key : stored.event().keys()) {
                    if (key.unit() && units.contains(key.key())) {
                        epcs.add(new EpcRow(key, stored.event()));
                    }
                }
            }
        }
        epcs.sort(EpcRow.INDEX_ORDER);
        writeEpcs(connection, epcs);
    }

    private static void writeEpcs(Connection connection, List<EpcRow> epcs) throws SQLException {
        if (epcs.isEmpty()) {
            return;
        }
        try (PgCopy copy = PgCopy.into(connection, "event_epc", "epc, role, event_time, event_ref")) {
            for (EpcRow row : epcs) {
                copy.text(row.epc()).text(String.valueOf(row.role())).time(row.eventTime()).number(row.eventRef())
                        .endRow();
            }
        }
    }
}
