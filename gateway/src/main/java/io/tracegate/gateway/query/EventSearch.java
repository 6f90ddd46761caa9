package io.tracegate.gateway.query;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads the event store for the query API: one parameterised statement per page, ordered and paged on the
 * {@code (event_time, id)} / {@code (record_time, id)} indexes, identifier conditions as semi-joins on the units'
 * rows and {@code event_epc}'s EPC index, and the other field conditions on {@code event_attribute}'s.
 */
@Repository
class EventSearch {

    /** An event found: its row id, the time it is ordered by, and its stored one-event JSON-LD document. */
    record Found(long id, OffsetDateTime orderTime, String body) {
    }

    /** Fields whose distinct values the top-level resources list; each is the leading column of an index. */
    enum Field {
        BIZ_STEP("biz_step"), DISPOSITION("disposition"), READ_POINT("read_point"), BIZ_LOCATION("biz_location");

        final String column;

        Field(String column) {
            this.column = column;
        }
    }

    private final JdbcClient jdbc;

    EventSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Up to {@code limit} events of the query after the token's position (from the start without one). */
    List<Found> find(EventQuery query, PageToken after, int limit) {
        String column = query.orderBy().column;
        String direction = query.descending() ? " desc" : "";
        StringBuilder sql = new StringBuilder("select e.id, e.").append(column).append(", e.body");
        List<Object> params = new ArrayList<>();
        where(query, sql, params);
        if (after != null) {
            sql.append(" and (e.").append(column).append(", e.id) ").append(query.descending() ? "<" : ">")
                    .append(" (?, ?)");
            params.add(after.afterTime());
            params.add(after.afterId());
        }
        sql.append(" order by e.").append(column).append(direction).append(", e.id").append(direction)
                .append(" limit ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params)
                .query((rs, n) -> new Found(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3)))
                .list();
    }

    /** How many events the query matches, counting no further than {@code atMost}. */
    long count(EventQuery query, long atMost) {
        StringBuilder sql = new StringBuilder("select count(*) from (select 1");
        List<Object> params = new ArrayList<>();
        where(query, sql, params);
        sql.append(" limit ?) matched");
        params.add(atMost);
        return jdbc.sql(sql.toString()).params(params).query(Long.class).single();
    }

    /** Appends the events table and the query's conditions. */
    private static void where(EventQuery query, StringBuilder sql, List<Object> params) {
        sql.append(" from epcis_event e where true");
        for (EventQuery.Condition condition : query.conditions()) {
            sql.append(" and ").append(condition.sql());
            params.addAll(condition.params());
        }
    }

    /** The stored document of the event with this eventID (the first captured, should several share it). */
    Optional<String> byEventId(String eventId) {
        return jdbc.sql("select body from epcis_event where event_id = ? order by id limit 1").param(eventId)
                .query(String.class).optional();
    }

    /**
     * Up to {@code limit} distinct values of a field in the store after {@code after} (null: from the first), in
     * order: a skip scan over the field's index (one index probe per value), not a scan of the events.
     */
    List<String> distinct(Field field, String after, int limit) {
        String c = field.column;
        return jdbc.sql("with recursive v(value) as ((select min(" + c + ") from epcis_event where " + c + " > ?)"
                        + " union all select (select min(" + c + ") from epcis_event where " + c + " > v.value)"
                        + " from v where v.value is not null) select value from v where value is not null limit ?")
                .params(after == null ? "" : after, limit).query(String.class).list();
    }

    /**
     * Up to {@code limit} EPCs (canonical keys) after {@code after}, in order: the serial store's units and the
     * instance identifiers events name (not EPC classes), each by a skip scan of its index.
     */
    List<String> epcs(String after, int limit) {
        String from = after == null ? "" : after;
        List<String> units = jdbc.sql("select epc from serial_unit where epc > ? order by epc limit ?")
                .params(from, limit).query(String.class).list();
        List<String> named = jdbc.sql("with recursive v(epc) as ((select min(epc) from event_epc where epc > ?"
                        + " and role in ('p', 'e', 'c', 'i', 'o')) union all select (select min(epc) from event_epc"
                        + " where epc > v.epc and role in ('p', 'e', 'c', 'i', 'o')) from v where v.epc is not null)"
                        + " select epc from v where epc is not null limit ?")
                .params(from, limit).query(String.class).list();
        TreeSet<String> all = new TreeSet<>(units);
        all.addAll(named);
        return all.stream().limit(limit).toList();
    }
}
