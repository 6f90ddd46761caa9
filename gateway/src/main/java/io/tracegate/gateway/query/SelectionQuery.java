package io.tracegate.gateway.query;

import io.tracegate.epcis.io.EpcisReader;
import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gs1.Gs1Exception;
import io.tracegate.gs1.epc.Epc;
import io.tracegate.gs1.epc.GcpLengthResolver;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What a compliance export covers: the units and events of a lot, a unit (with its content), a shipment (the
 * units it shipped, with their content), a partner (every shipment to it) or a time range (the events that happened
 * in it and the units they name), read as streams so that memory does not grow with the selection.
 */
@Service
public class SelectionQuery {

    private static final String UNIT_COLUMNS = "epc, written, kind, gtin, lot, expiry, status, disposition, owner,"
            + " location, parent, commissioned_at, updated_at";

    private final JdbcClient jdbc;

    SelectionQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One of: a lot ({@code gtin} optional), an EPC, a shipping event's ID, a partner, a time range. */
    public record Selection(String gtin, String lot, String epc, String shipment, String partner, Instant from,
                            Instant to) {
    }

    /** A selection resolved: its units (a lot by its columns, anything else by keys, sorted) and its events. */
    public record Resolved(String gtin, String lot, List<String> keys, List<Long> events) {

        /** Runs a statement once per part of the units, in key order: a lot in one, keys in chunks. */
        void inParts(BiConsumer<String, Object[]> statement) {
            if (keys == null) {
                statement.accept("lot = ? and (cast(? as text) is null or gtin = ?)", new Object[] {lot, gtin, gtin});
            } else {
                PackingTree.inChunks(keys, chunk -> statement.accept("epc = any(?)", new Object[] {chunk}));
            }
        }
    }

    /** A unit as an export lists it. */
    public record UnitRow(String epc, String kind, String gtin, String lot, String expiry, String status,
                          String disposition, String owner, String location, String parent,
                          OffsetDateTime commissionedAt, OffsetDateTime updatedAt) {
    }

    /** A stored event: its row, the capture job that stored it, and its one-event JSON-LD document. */
    public record StoredEvent(long ref, String eventId, String eventType, OffsetDateTime eventTime, String bizStep,
                              long captureJob, String body) {

        public EpcisEvent event() {
            try (EpcisReader reader = EpcisReader.open(new ByteArrayInputStream(body.getBytes(
                    StandardCharsets.UTF_8)))) {
                return reader.next();
            }
        }
    }

    /** Finds the units and events of a selection; refuses a selection it finds nothing for, saying so. */
    public Resolved resolve(Selection s) {
        if (s.lot() != null) {
            LotReads.prepare(jdbc);
            Resolved lot = new Resolved(s.gtin(), s.lot(), null, List.of());
            return new Resolved(s.gtin(), s.lot(), null, eventsAround(lot));
        }
        Set<String> roots = new LinkedHashSet<>();
        List<Long> direct = new ArrayList<>();
        if (s.epc() != null) {
            roots.add(key("epc", s.epc()));
        } else if (s.shipment() != null) {
            jdbc.sql("select id, body from epcis_event where event_id = ? and biz_step = 'shipping'")
                    .param(s.shipment()).query((RowCallbackHandler) rs -> named(rs, roots, direct));
            if (direct.isEmpty()) {
                throw ApiProblem.noSuchResource("no shipping event has the eventID " + s.shipment());
            }
        } else if (s.partner() != null) {
            jdbc.sql("select e.id, e.body from epcis_event e where e.biz_step = 'shipping' and e.id in (select"
                            + " event_ref from event_attribute where kind = 'd' and name = 'owning_party'"
                            + " and value = any(?))")
                    .param(partyForms(s.partner())).query((RowCallbackHandler) rs -> named(rs, roots, direct));
            if (direct.isEmpty()) {
                throw ApiProblem.noSuchResource("no shipment to the partner " + s.partner() + " is known");
            }
        } else {
            jdbc.sql("select id, body from epcis_event where event_time >= ? and event_time < ? order by event_time")
                    .params(utc(s.from()), utc(s.to())).query((RowCallbackHandler) rs -> named(rs, roots, direct));
        }
        List<String> keys = new ArrayList<>(PackingTree.withContent(jdbc, roots));
        keys.sort(null); // key order, as the units are listed
        if (keys.isEmpty() && direct.isEmpty()) {
            throw ApiProblem.noSuchResource("nothing is known for " + (s.epc() != null ? "the EPC " + s.epc()
                    : "the time range " + s.from() + " to " + s.to()));
        }
        Resolved units = new Resolved(null, null, keys, List.of());
        Set<Long> events = new TreeSet<>(direct);
        if (s.from() == null) {
            events.addAll(eventsAround(units));
        }
        return new Resolved(null, null, keys, List.copyOf(events));
    }

    /** Adds the serialised units an event names (by key) to {@code roots}, and the event to {@code events}. */
    private static void named(ResultSet rs, Set<String> roots, List<Long> events) throws SQLException {
        events.add(rs.getLong(1));
        EpcisEvent e = new StoredEvent(rs.getLong(1), null, null, null, null, 0, rs.getString(2)).event();
        for (String id : e.allEpcs()) {
            try {
                roots.add(Epc.parse(id).toDigitalLink());
            } catch (Gs1Exception notAUnit) {
                // a class or another identifier: no unit to list
            }
        }
    }

    /** The events naming the units or the containers above them. */
    private List<Long> eventsAround(Resolved units) {
        Set<Long> refs = new TreeSet<>();
        Set<String> parents = new HashSet<>();
        units.inParts((where, parameters) -> jdbc.sql("with units as materialized (select parent, event_refs"
                        + " from serial_unit where " + where + ") select null, ref from (select distinct"
                        + " unnest(event_refs) as ref from units) r union all select parent, null from units"
                        + " where parent is not null group by parent")
                .params(parameters)
                .query((RowCallbackHandler) rs -> {
                    if (rs.getString(1) != null) {
                        parents.add(rs.getString(1));
                    } else {
                        refs.add(rs.getLong(2));
                    }
                }));
        PackingTree.above(jdbc, parents, c -> refs.addAll(List.of(c.eventRefs())));
        return List.copyOf(refs);
    }

    /** How many units a resolved selection has (in a transaction: see {@link LotReads}). */
    public long unitCount(Resolved resolved) {
        if (resolved.keys() != null) {
            return resolved.keys().size();
        }
        LotReads.prepare(jdbc);
        return jdbc.sql("select count(*) from serial_unit where lot = ? and (cast(? as text) is null or gtin = ?)")
                .params(resolved.lot(), resolved.gtin(), resolved.gtin()).query(Long.class).single();
    }

    /** Streams the units, in key order. */
    public void units(Resolved resolved, Consumer<UnitRow> each) {
        if (resolved.keys() == null) {
            LotReads.prepare(jdbc);
        }
        resolved.inParts((where, parameters) -> jdbc.sql("select " + UNIT_COLUMNS + " from serial_unit where "
                        + where + " order by epc")
                .params(parameters).withFetchSize(10_000)
                .query((RowCallbackHandler) rs -> each.accept(new UnitRow(rs.getString("written"),
                        rs.getString("kind"), rs.getString("gtin"), rs.getString("lot"), rs.getString("expiry"),
                        rs.getString("status").toLowerCase(), rs.getString("disposition"), rs.getString("owner"),
                        rs.getString("location"), rs.getString("parent"),
                        rs.getObject("commissioned_at", OffsetDateTime.class),
                        rs.getObject("updated_at", OffsetDateTime.class)))));
    }

    /** Streams the events in time order, a thousand at a time. */
    public void events(Resolved resolved, Consumer<StoredEvent> each) {
        List<Long> refs = resolved.events();
        for (int i = 0; i < refs.size(); i += 1000) {
            jdbc.sql("select id, event_id, event_type, event_time, biz_step, capture_job_id, body from epcis_event"
                            + " where id = any(?) order by event_time, id")
                    .param(refs.subList(i, Math.min(refs.size(), i + 1000)).toArray(Long[]::new))
                    .query((RowCallbackHandler) rs -> each.accept(new StoredEvent(rs.getLong(1), rs.getString(2),
                            rs.getString(3), rs.getObject(4, OffsetDateTime.class), rs.getString(5), rs.getLong(6),
                            rs.getString(7))));
        }
    }

    /** The capture jobs that stored these events, with the SHA-256 of each job's document, by job. */
    public List<CapturedDocument> documents(Resolved resolved) {
        return jdbc.sql("select j.id, j.document_sha256, j.media_type from capture_job j where j.id in (select"
                        + " distinct capture_job_id from epcis_event where id = any(?)) order by j.id")
                .param(resolved.events().toArray(Long[]::new))
                .query((rs, n) -> new CapturedDocument(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
    }

    public record CapturedDocument(long captureJob, String sha256, String mediaType) {
    }

    /** The canonical key of an EPC URN or Digital Link, or a 400 naming the parameter. */
    static String key(String parameter, String written) {
        try {
            return Epc.parse(written).toDigitalLink();
        } catch (Gs1Exception e) {
            throw ApiProblem.validation(parameter + ": '" + written + "' is not an EPC URN or GS1 Digital Link");
        }
    }

    /** A party as written in events: its URN and its Digital Link, either may have been used. */
    private static String[] partyForms(String party) {
        try {
            Epc epc = Epc.parse(party);
            return Arrays.asList(party, epc.toDigitalLink(), epc.toUrn(GcpLengthResolver.standard())).stream()
                    .distinct().toArray(String[]::new);
        } catch (Gs1Exception e) {
            return new String[] {party};
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
