package io.tracegate.gateway.query;

import io.tracegate.epcis.io.EpcisReader;
import io.tracegate.epcis.model.BizTransaction;
import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.epcis.model.SourceDestination;
import io.tracegate.gateway.config.TracegateProperties;
import io.tracegate.gateway.serials.UnitStatus;
import io.tracegate.gs1.Gln;
import io.tracegate.gs1.Gs1Exception;
import io.tracegate.gs1.epc.Epc;
import io.tracegate.gs1.epc.Sgln;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where every unit of a lot (or of a set of units) is: its state, owner and location, the shipment that took it
 * to a partner (the latest shipping event naming it or a case or pallet it is packed in), and whether it is still in
 * our stock.
 *
 * <p>Two passes over the units, so that memory does not grow with the lot: the first finds the cases they are packed
 * in and the shipping events naming a unit itself (then the containers above the cases, one level per statement,
 * and the shipping events naming those); the second streams the units in key order and answers each from those,
 * without a query per unit.
 */
@Service
public class RecallReport {

    private static final Set<UnitStatus> GONE = Set.of(UnitStatus.IN_TRANSIT, UnitStatus.DISPENSED,
            UnitStatus.DECOMMISSIONED, UnitStatus.DESTROYED, UnitStatus.STOLEN);

    private final JdbcClient jdbc;
    private final TransactionTemplate readOnly;
    private final Set<String> ownGlns;

    RecallReport(JdbcClient jdbc, PlatformTransactionManager transactions, TracegateProperties properties) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.ownGlns = properties.ownGlns().stream().map(Gln::value).collect(Collectors.toUnmodifiableSet());
    }

    /** Which units: those of a lot (of one GTIN, or of any when {@code gtin} is null), or these units by key. */
    public record Selection(String gtin, String lot, List<String> keys) {

        public static Selection lot(String gtin, String lot) {
            return new Selection(gtin, lot, null);
        }

        public static Selection units(Collection<String> keys) {
            return new Selection(null, null, List.copyOf(keys));
        }

        /** The condition on the rows of {@code serial_unit} named {@code table}. */
        String where(String table) {
            return keys != null ? table + ".epc = any(?)"
                    : table + ".lot = ? and (cast(? as text) is null or " + table + ".gtin = ?)";
        }

        Object[] parameters() {
            return keys != null ? new Object[] {keys.toArray(String[]::new)} : new Object[] {lot, gtin, gtin};
        }
    }

    /**
     * A unit in the report.
     *
     * @param inStock  still with us: not shipped away, used up or lost, and (when {@code tracegate.own-glns} is
     *                 set) owned by one of our parties or by nobody known
     * @param shipment the latest shipment that took it (or its case or pallet), or null
     */
    public record Row(String epc, String gtin, String lot, String expiry, String status, String owner,
                      String location, String container, boolean inStock, Shipment shipment) {
    }

    /** Totals: units, units in stock, per partner the units it received, and the expiry of each GTIN's lot. */
    public record Summary(long units, long inStock, Map<String, Long> unitsByPartner, List<Shipment> shipments,
                          Map<String, String> expiries) {
    }

    /** Runs the report, handing every unit to {@code rows} in key order, and returns the totals. */
    public Summary run(Selection selection, Consumer<Row> rows) {
        return readOnly.execute(status -> {
            if (selection.keys() == null) {
                LotReads.prepare(jdbc);
            }
            Containers containers = containers(selection);
            Map<String, Long> byPartner = new LinkedHashMap<>();
            Map<String, String> expiries = new LinkedHashMap<>();
            Map<String, Boolean> ours = new HashMap<>(); // by owner: a lot has few, and parsing each costs
            long[] counts = new long[2];
            jdbc.sql("select epc, written, gtin, lot, expiry, status, owner, location, parent"
                            + " from serial_unit s where " + selection.where("s") + " order by epc")
                    .params(selection.parameters()).withFetchSize(10_000)
                    .query((RowCallbackHandler) rs -> {
                        Row row = row(rs, containers, ours);
                        counts[0]++;
                        if (row.inStock()) {
                            counts[1]++;
                        }
                        if (row.shipment() != null && row.shipment().partner() != null && !row.inStock()) {
                            byPartner.merge(row.shipment().partner(), 1L, Long::sum);
                        }
                        if (row.gtin() != null) {
                            expiries.putIfAbsent(row.gtin(), row.expiry());
                        }
                        rows.accept(row);
                    });
            return new Summary(counts[0], counts[1], byPartner, containers.shipments(), expiries);
        });
    }

    /** A row of {@code epc, written, gtin, lot, expiry, status, owner, location, parent}, read by position. */
    private Row row(ResultSet rs, Containers containers, Map<String, Boolean> ours) throws SQLException {
        UnitStatus status = UnitStatus.valueOf(rs.getString(6));
        String owner = rs.getString(7);
        String parent = rs.getString(9);
        Shipment shipment = containers.latest(containers.shippedDirectly(rs.getString(1)),
                parent == null ? null : containers.shipmentAbove(parent));
        boolean inStock = !GONE.contains(status) && (ownGlns.isEmpty() || owner == null
                || ours.computeIfAbsent(owner, o -> ownGlns.contains(gln(o))));
        return new Row(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), status.word(), owner,
                rs.getString(8), parent == null ? null : containers.written(parent), inStock, shipment);
    }

    private static String gln(String party) {
        try {
            return Epc.parse(party) instanceof Sgln sgln ? sgln.gln().value() : party;
        } catch (Gs1Exception e) {
            return party;
        }
    }

    /**
     * The containers of the selected units (up to the top), and the shipping events naming them or the units (those
     * naming a unit itself are kept by unit: usually few, as shipping names cases and pallets).
     */
    private Containers containers(Selection selection) {
        Containers containers = new Containers();
        List<String> parents = new ArrayList<>();
        List<Long> shippingRefs = new ArrayList<>();
        // the cases the selected units are packed in, and the shipping events naming a unit itself: two scans of
        // the same rows (the second from the cache), not a materialised CTE, which spills to disk; the shipping
        // events as a hash join, not a look-up per event a unit has
        Object[] twice = Stream.concat(Stream.of(selection.parameters()), Stream.of(selection.parameters()))
                .toArray();
        jdbc.sql("select parent, null, null from serial_unit s where " + selection.where("s")
                        + " and parent is not null group by parent"
                        + " union all select null, u.epc, e.id from serial_unit u"
                        + " cross join lateral unnest(u.event_refs) r (ref) join epcis_event e on e.id = r.ref"
                        + " where " + selection.where("u") + " and e.biz_step = 'shipping'")
                .params(twice)
                .query((RowCallbackHandler) rs -> {
                    if (rs.getString(1) != null) {
                        parents.add(rs.getString(1));
                    } else {
                        shippingRefs.add(rs.getLong(3));
                        containers.shippedDirectly(rs.getString(2), rs.getLong(3));
                    }
                });
        PackingTree.above(jdbc, parents, c -> {
            containers.add(c.epc(), c.written(), c.parent(), c.eventRefs());
            shippingRefs.addAll(List.of(c.eventRefs()));
        });
        if (!shippingRefs.isEmpty()) {
            jdbc.sql("select id, body from epcis_event where biz_step = 'shipping' and id = any(?)")
                    .param(shippingRefs.stream().distinct().toArray(Long[]::new))
                    .query((RowCallbackHandler) rs -> containers.shipping(rs.getLong(1), shipment(rs.getString(2))));
        }
        return containers;
    }

    /** A stored shipping event (a one-event JSON-LD document) as a shipment. */
    static Shipment shipment(String body) {
        try (EpcisReader reader = EpcisReader.open(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))) {
            EpcisEvent e = reader.next();
            return new Shipment(e.eventId(), e.eventTime(), party(e.sourceList(), "owning_party"),
                    party(e.destinationList(), "owning_party") != null ? party(e.destinationList(), "owning_party")
                            : party(e.destinationList(), "location"),
                    party(e.destinationList(), "location"), transactions(e, "po"), transactions(e, "desadv"),
                    transactions(e, "inv"));
        }
    }

    private static String party(List<SourceDestination> list, String type) {
        return list.stream().filter(d -> d.type().value().equals(type)).map(d -> d.value().strip()).findFirst()
                .orElse(null);
    }

    private static List<String> transactions(EpcisEvent e, String type) {
        return e.bizTransactionList().stream().filter(t -> t.type() != null && t.type().value().equals(type))
                .map(BizTransaction::value).toList();
    }

    /** The containers above the selected units, and the shipments by event row. */
    private static final class Containers {
        private final Map<String, String> written = new HashMap<>();
        private final Map<String, String> parents = new HashMap<>();
        private final Map<String, Long[]> refs = new HashMap<>();
        private final Map<Long, Shipment> shipments = new HashMap<>();
        /** The latest shipment of a container or any container above it, memoised. */
        private final Map<String, Shipment> above = new HashMap<>();
        /** The shipping events naming a selected unit itself (not through a container), by the unit's key. */
        private final Map<String, List<Long>> direct = new HashMap<>();

        void shippedDirectly(String unit, long ref) {
            direct.computeIfAbsent(unit, k -> new ArrayList<>()).add(ref);
        }

        Shipment shippedDirectly(String unit) {
            List<Long> refs = direct.get(unit);
            return refs == null ? null : shipmentOf(refs.toArray(Long[]::new));
        }

        void add(String key, String writtenAs, String parent, Long[] eventRefs) {
            written.put(key, writtenAs);
            if (parent != null) {
                parents.put(key, parent);
            }
            refs.put(key, eventRefs);
        }

        void shipping(long ref, Shipment shipment) {
            shipments.put(ref, shipment);
        }

        List<Shipment> shipments() {
            return shipments.values().stream().distinct().sorted(Comparator.comparing(Shipment::eventTime)).toList();
        }

        String written(String key) {
            return written.getOrDefault(key, key);
        }

        Shipment shipmentOf(Long[] eventRefs) {
            Shipment latest = null;
            for (Long ref : eventRefs) {
                latest = latest(latest, shipments.get(ref));
            }
            return latest;
        }

        Shipment shipmentAbove(String container) {
            if (above.containsKey(container)) {
                return above.get(container);
            }
            Long[] own = refs.get(container);
            Shipment found = own == null ? null : shipmentOf(own);
            String parent = parents.get(container);
            if (parent != null && !parent.equals(container)) {
                above.put(container, null); // a malformed loop stops here
                found = latest(found, shipmentAbove(parent));
            }
            above.put(container, found);
            return found;
        }

        Shipment latest(Shipment a, Shipment b) {
            return a == null ? b : b == null ? a : b.eventTime().isAfter(a.eventTime()) ? b : a;
        }
    }
}
