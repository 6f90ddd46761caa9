package io.tracegate.gateway.query;

import io.tracegate.gateway.capture.EventStore;
import io.tracegate.gateway.serials.UnitStatus;
import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads what the trace of one identifier needs in one statement, so one round trip and one snapshot: the unit's row
 * (read once) with its parent's and children's EPCs, and the events naming it and every container it was ever
 * packed into, found by a recursive walk up the packing events. Events come with their indexed columns only,
 * never their stored bodies. Which of the containers' events the unit inherits is for {@link TraceService} to say.
 */
@Repository
class TraceSearch {

    /** Cases in pallets in ... : deeper trees do not occur in DSCSA; the bound stops a malformed (cyclic) history. */
    static final int MAX_DEPTH = 8;

    /** An event as the trace lists it. */
    record Event(long ref, String eventId, String eventType, OffsetDateTime eventTime, String bizStep, String action,
                 String disposition, String readPoint, String bizLocation) {
    }

    /**
     * An identifier's part in an event: its role ({@code p}arent, {@code e}pcList, {@code c}hild, ...) and, for a
     * child, the canonical key of the parent it was packed into or out of.
     */
    record Appearance(Event event, char role, String parentKey) {
    }

    /** A unit as the trace shows it: EPCs as written; {@code observed} when first seen in a history import. */
    record Unit(String epc, String kind, String gtin, UnitStatus status, String disposition, String owner,
                String inTransitTo, String location, String lot, LocalDate expiry, String parent, List<String> children,
                OffsetDateTime commissionedAt, boolean observed) {
    }

    /**
     * What was found for a canonical key: the unit (null when the serial store does not hold it), and for it and
     * each container on the walk, by canonical key, its appearances in time order and its EPC as written (for the
     * containers the store holds).
     */
    record Found(Unit unit, Map<String, List<Appearance>> appearances, Map<String, String> written) {

        List<Appearance> appearancesOf(String key) {
            return appearances.getOrDefault(key, List.of());
        }

        String writtenOf(String key) {
            return written.getOrDefault(key, key);
        }
    }

    /** The columns of an appearance: its identifier, the event's listed columns and the identifier's role. */
    private static final String APPEARANCE = "key, written, ref, event_id, event_type, event_time, biz_step, action,"
            + " disposition, read_point, biz_location, role, parent";

    /**
     * The unit row first ({@code key} null), then the appearances by key and time. The walk goes into a container
     * from the packing ({@code ADD}) that put a walked identifier in it as a child, carrying each event's columns
     * (read once); its {@code union} drops rows found again (a unit packed into the same case twice), and depth
     * bounds it.
     */
    private static final String TRACE = "with recursive unit as materialized ("
            + "select * from serial_unit where epc = :key"
            + "), appearance(depth, " + APPEARANCE + ") as ("
            + "select 0, cast(:key as text) collate \"C\", " + eventColumns()
            + " from (" + EventStore.namedBy("k.epc = :key", "unit") + ") n join epcis_event e on e.id = n.event_ref"
            + " union"
            + " select a.depth + 1, a.parent, " + eventColumns() + " from appearance a"
            + " cross join lateral (" + EventStore.namedBy("k.epc = a.parent", "serial_unit") + ") n"
            + " join epcis_event e on e.id = n.event_ref"
            + " where a.role = 'c' and a.action = 'ADD' and a.depth < " + MAX_DEPTH
            + ") select null as key, u.written, u.kind, u.gtin, u.lot, u.expiry, u.status, u.disposition, u.owner,"
            + " u.in_transit_to, u.location, (select p.written from serial_unit p where p.epc = u.parent) as parent,"
            + " array(select c.written from serial_unit c where c.parent = u.epc order by c.written) as children,"
            + " u.commissioned_at, u.observed, null::bigint as ref, null as event_id, null as event_type,"
            + " null::timestamptz as event_time, null as biz_step, null as action, null as read_point,"
            + " null as biz_location, null as role, null as parent_key from unit u"
            + " union all select key, written, null, null, null, null, null, disposition, null, null, null, null, null,"
            + " null, null, ref, event_id, event_type, event_time, biz_step, action, read_point, biz_location, role,"
            + " case when role = 'c' then parent end"
            + " from (select distinct " + APPEARANCE + " from appearance) a"
            + " order by key nulls first, event_time, ref";

    /** The columns of {@link #APPEARANCE} after the key, from a named-by row {@code n} and its event {@code e}. */
    private static String eventColumns() {
        return "n.written, n.event_ref, e.event_id, e.event_type, e.event_time, e.biz_step, e.action, e.disposition,"
                + " e.read_point, e.biz_location, n.role, e.parent_id";
    }

    private final JdbcClient jdbc;

    TraceSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Everything the trace of this canonical key needs. */
    Found find(String key) {
        return jdbc.sql(TRACE).param("key", key).query(TraceSearch::found);
    }

    private static Found found(ResultSet rs) throws SQLException {
        Unit unit = null;
        Map<String, List<Appearance>> appearances = new HashMap<>();
        Map<String, String> written = new HashMap<>();
        while (rs.next()) {
            String key = rs.getString("key");
            if (key == null) {
                unit = unit(rs);
                continue;
            }
            Event event = new Event(rs.getLong("ref"), rs.getString("event_id"), rs.getString("event_type"),
                    rs.getObject("event_time", OffsetDateTime.class), rs.getString("biz_step"),
                    rs.getString("action"), rs.getString("disposition"), rs.getString("read_point"),
                    rs.getString("biz_location"));
            appearances.computeIfAbsent(key, k -> new ArrayList<>())
                    .add(new Appearance(event, rs.getString("role").charAt(0), rs.getString("parent_key")));
            String epc = rs.getString("written");
            if (epc != null) {
                written.put(key, epc);
            }
        }
        return new Found(unit, appearances, written);
    }

    private static Unit unit(ResultSet rs) throws SQLException {
        Date expiry = rs.getDate("expiry");
        Array children = rs.getArray("children");
        return new Unit(rs.getString("written"), rs.getString("kind"), rs.getString("gtin"),
                UnitStatus.valueOf(rs.getString("status")), rs.getString("disposition"), rs.getString("owner"),
                rs.getString("in_transit_to"), rs.getString("location"), rs.getString("lot"), expiry == null ? null : expiry.toLocalDate(),
                rs.getString("parent"), List.of((String[]) children.getArray()), rs.getObject("commissioned_at",
                OffsetDateTime.class), rs.getBoolean("observed"));
    }
}
