package io.tracegate.gateway.serials;

import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/**
 * The {@code serial_unit} and {@code lot} tables. The capture path reads and writes them set-based, a batch at a
 * time, on the connection of its transaction; verification reads a unit or a lot at a time ({@link #find},
 * {@link #lot}); the trace reads them in its own statement ({@code io.tracegate.gateway.query.TraceSearch}).
 */
@Repository
public class SerialStore {

    /** A unit's state: what the lifecycle rules read. */
    private static final String STATE = "epc, written, kind, gtin, lot, expiry, status, disposition, owner, "
            + "location, parent, in_transit_to, commissioned_at, updated_at, last_event, observed";
    /** What a batch writes: the state and the events naming the unit (new ones, for a stored unit). */
    private static final String COLUMNS = STATE + ", event_refs, event_roles";

    /** New units from which a second connection takes half: below, a round trip costs more than it saves. */
    private static final int SPLIT_FROM = 10_000;

    private final JdbcClient jdbc;

    SerialStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A unit's state; {@code parent} is the parent's EPC as written; {@code observed} when it was first seen in a
     * history import (its state derived from imported events, its history begun elsewhere).
     */
    public record UnitView(String key, String epc, String kind, String gtin, String lot, LocalDate expiry,
                           UnitStatus status, String disposition, String owner, String location, String parentKey,
                           String parent, OffsetDateTime commissionedAt, boolean observed) {
    }

    /** The unit with this canonical key. */
    public Optional<UnitView> find(String key) {
        return jdbc.sql("select " + VIEWED + ", p.written as parent_written from serial_unit u"
                        + " left join serial_unit p on p.epc = u.parent where u.epc = ?")
                .param(key).query((rs, n) -> view(rs, rs.getString("parent_written"))).optional();
    }

    /**
     * The unit with this canonical key without its container's written form ({@link UnitView#parent()} null,
     * {@link UnitView#parentKey()} kept): one point look-up, for the verification responder on every request.
     */
    public Optional<UnitView> unit(String key) {
        return jdbc.sql("select " + VIEWED + " from serial_unit u where u.epc = ?")
                .param(key).query((rs, n) -> view(rs, null)).optional();
    }

    /** The columns of a {@link UnitView} (not the unit's event list, which can be long). */
    private static final String VIEWED = "u.epc, u.written, u.kind, u.gtin, u.lot, u.expiry, u.status, u.disposition,"
            + " u.owner, u.location, u.parent, u.commissioned_at, u.observed";

    /** Whether the store has a lot of this GTIN (units of it were commissioned with a lot). */
    public boolean knowsGtin(String gtin) {
        return jdbc.sql("select exists (select 1 from lot where gtin = ?)").param(gtin).query(Boolean.class).single();
    }

    /** A lot as commissioning declared it; {@code expiry} null when none was given. */
    public record Lot(String gtin, String lot, LocalDate expiry) {
    }

    /** The lot of this GTIN with this number, if the store knows it. */
    public Optional<Lot> lot(String gtin, String lot) {
        return jdbc.sql("select expiry from lot where gtin = ? and lot = ?").params(gtin, lot)
                .query((rs, n) -> {
                    Date expiry = rs.getDate(1);
                    return new Lot(gtin, lot, expiry == null ? null : expiry.toLocalDate());
                }).optional();
    }

    private static UnitView view(ResultSet rs, String parentWritten) throws SQLException {
        Date expiry = rs.getDate("expiry");
        return new UnitView(rs.getString("epc"), rs.getString("written"), rs.getString("kind"),
                rs.getString("gtin"), rs.getString("lot"), expiry == null ? null : expiry.toLocalDate(),
                UnitStatus.valueOf(rs.getString("status")), rs.getString("disposition"), rs.getString("owner"),
                rs.getString("location"), rs.getString("parent"), parentWritten,
                rs.getObject("commissioned_at", OffsetDateTime.class), rs.getBoolean("observed"));
    }

    /**
     * A unit in a container tree, with the events naming it.
     *
     * @param parentKey  the canonical key of the container it is packed in, or null
     * @param eventRefs  the event store rows of the events naming it, in the order they were applied
     * @param eventRoles its role in each ({@code p}arent, {@code e}pcList, {@code c}hild, {@code i}nput,
     *                   {@code o}utput), one character per row
     */
    public record PackedUnit(String key, String written, String kind, String gtin, String lot, LocalDate expiry,
                             String parentKey, long[] eventRefs, String eventRoles) {
    }

    /** These units and everything packed in them at any depth, containers before their content. */
    public List<PackedUnit> withContent(Collection<String> keys) {
        return jdbc.sql("with recursive tree as (select epc, 0 as depth from serial_unit where epc = any(?)"
                        + " union all select u.epc, tree.depth + 1 from serial_unit u join tree on u.parent = tree.epc"
                        + " where tree.depth < 16)"
                        + " select u.epc, u.written, u.kind, u.gtin, u.lot, u.expiry, u.parent, u.event_refs,"
                        + " u.event_roles from tree join serial_unit u on u.epc = tree.epc order by tree.depth, u.epc")
                .param(new SqlArrayValue("text", keys.toArray()))
                .query((rs, n) -> {
                    Date expiry = rs.getDate(6);
                    Long[] refs = (Long[]) rs.getArray(8).getArray();
                    return new PackedUnit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), expiry == null ? null : expiry.toLocalDate(), rs.getString(7),
                            Arrays.stream(refs).mapToLong(Long::longValue).toArray(), rs.getString(9));
                }).list();
    }

    /** Rounds of locking the rows a batch reads before concurrent repacking is reported as a conflict. */
    private static final int LOCK_ROUNDS = 4;

    /**
     * These units, by key, with everything packed in those of {@code withContent} (at any depth) and the containers
     * of those of {@code withContainers} (up to the top), each row locked ({@code FOR NO KEY UPDATE}) until the
     * transaction ends: the rules check and then write these rows, and two captures must not both check one state
     * and each write its own (a destroyed unit shipped, one child in two cases). The rows are found, locked in key
     * order (so that two batches locking overlapping sets wait for each other instead of deadlocking), and read
     * again: a row's latest committed state is read only once it is locked. Whoever packs into or unpacks from a
     * container locks the container too, so once a container is locked its content is stable; should the second
     * read find rows the first did not (packed in between), those are locked and everything read once more.
     */
    Map<String, Unit> load(Connection connection, Collection<String> keys, Collection<String> withContent,
            Collection<String> withContainers) throws SQLException {
        if (keys.isEmpty()) {
            return new HashMap<>();
        }
        Set<String> locked = new HashSet<>();
        Map<String, Unit> units = read(connection, keys, withContent, withContainers);
        for (int round = 0; round < LOCK_ROUNDS; round++) {
            List<String> unlocked = units.keySet().stream().filter(key -> !locked.contains(key)).sorted().toList();
            if (unlocked.isEmpty()) {
                return units;
            }
            lock(connection, unlocked);
            locked.addAll(unlocked);
            units = null; // the first read's units are garbage before the second read fills the heap again
            units = read(connection, keys, withContent, withContainers);
        }
        throw new SQLException("the units kept being repacked by concurrent captures while they were locked",
                SERIALIZATION_FAILURE);
    }

    /** SQLSTATE serialization_failure: a conflict with a concurrent transaction that a new attempt resolves. */
    public static final String SERIALIZATION_FAILURE = "40001";

    private static void lock(Connection connection, List<String> sortedKeys) throws SQLException {
        // rows are locked as the sort hands them over: in key order
        try (PreparedStatement statement = connection.prepareStatement("select 1 from serial_unit where epc = any(?)"
                + " order by epc for no key update")) {
            statement.setFetchSize(10_000);
            statement.setArray(1, connection.createArrayOf("text", sortedKeys.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    // locked as read
                }
            }
        }
    }

    private static Map<String, Unit> read(Connection connection, Collection<String> keys,
            Collection<String> withContent, Collection<String> withContainers) throws SQLException {
        Map<String, Unit> units = new HashMap<>(keys.size() * 2);
        String sql = "with recursive down as (select * from serial_unit where epc = any(?)"
                + " union all select u.* from serial_unit u join down on u.parent = down.epc),"
                + " up as (select * from serial_unit where epc = any(?)"
                + " union all select u.* from serial_unit u join up on u.epc = up.parent)"
                + " select " + STATE + " from serial_unit where epc = any(?)"
                + " union all select " + STATE + " from down union all select " + STATE + " from up";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setFetchSize(10_000); // rows streamed through a cursor, not all held by the driver
            statement.setArray(1, connection.createArrayOf("text", withContent.toArray()));
            statement.setArray(2, connection.createArrayOf("text", withContainers.toArray()));
            statement.setArray(3, connection.createArrayOf("text", keys.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    if (units.containsKey(rs.getString(1))) {
                        continue;
                    }
                    Unit unit = new Unit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getObject(13, OffsetDateTime.class), false);
                    unit.lot = rs.getString(5);
                    Date expiry = rs.getDate(6);
                    unit.expiry = expiry == null ? null : expiry.toLocalDate();
                    unit.status = UnitStatus.valueOf(rs.getString(7));
                    unit.disposition = rs.getString(8);
                    unit.owner = rs.getString(9);
                    unit.location = rs.getString(10);
                    unit.parent = rs.getString(11);
                    unit.inTransitTo = rs.getString(12);
                    unit.updatedAt = rs.getObject(14, OffsetDateTime.class);
                    unit.lastEvent = rs.getLong(15);
                    unit.observed = rs.getBoolean(16);
                    units.put(unit.key, unit);
                }
            }
        }
        return units;
    }

    /**
     * A second connection of the capture's transaction (the events' own, committed with it by two-phase commit),
     * which may take the upper half of a batch's new units: COPY into {@code serial_unit} and its two indexes is
     * the longest step of a large capture, and one backend works on one core. Only for a job's one and only batch:
     * units the second connection writes are invisible to the first until both commit.
     *
     * @param connection the connection
     * @param free       completes when the connection is free (its events written)
     * @param executor   where its COPY is run from
     */
    public record SecondConnection(Connection connection, CompletableFuture<?> free, Executor executor) {
    }

    /**
     * Writes new units with COPY and changed ones with COPY into a staging table and one UPDATE (which appends the
     * events of the batch to those the unit was named by before). New units go in key order: the primary key's
     * index then takes them leaf after leaf instead of all over (serials are random), which saves the database
     * about a fifth of the COPY. With a {@code second} connection, it writes the upper half of the new units; if
     * either half fails, the second connection is rolled back to before its half and the failure thrown.
     */
    void flush(Connection connection, Collection<Unit> units, SecondConnection second) throws SQLException {
        List<Unit> created = new ArrayList<>();
        boolean anyChanged = false;
        for (Unit unit : units) {
            if (unit.created) {
                created.add(unit);
            } else {
                anyChanged |= unit.changed;
            }
        }
        created.sort(Comparator.comparing(unit -> unit.key));
        if (second == null || created.size() < SPLIT_FROM) {
            copyNew(connection, created);
        } else {
            List<Unit> lower = created.subList(0, created.size() / 2);
            List<Unit> upper = created.subList(created.size() / 2, created.size());
            CompletableFuture<Savepoint> upperWritten = copyNew(second, upper);
            SQLException failure = null;
            try {
                copyNew(connection, lower);
            } catch (SQLException e) {
                failure = e;
            }
            try {
                Savepoint before = upperWritten.join();
                if (failure != null) {
                    second.connection().rollback(before);
                }
            } catch (CompletionException e) {
                SQLException upperFailure = e.getCause() instanceof SQLException sql ? sql
                        : new SQLException("writing the upper half of the new units failed", e.getCause());
                if (failure == null) {
                    failure = upperFailure;
                } else {
                    failure.addSuppressed(upperFailure);
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
        if (!anyChanged) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("create temp table if not exists serial_unit_stage (like serial_unit)"
                    + " on commit drop");
        }
        try (PgCopy copy = PgCopy.into(connection, "serial_unit_stage", COLUMNS)) {
            for (Unit unit : units) {
                if (!unit.created && unit.changed) {
                    row(copy, unit);
                }
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("update serial_unit u set lot = s.lot, expiry = s.expiry, status = s.status,"
                    + " disposition = s.disposition,"
                    + " owner = s.owner, location = s.location, parent = s.parent, in_transit_to = s.in_transit_to,"
                    + " updated_at = s.updated_at, last_event = s.last_event,"
                    + " event_refs = u.event_refs || s.event_refs, event_roles = u.event_roles || s.event_roles"
                    + " from serial_unit_stage s where u.epc = s.epc");
            statement.execute("truncate serial_unit_stage");
        }
    }

    /**
     * COPYs these new units on the second connection once it is free, after a savepoint, which it returns; if the
     * COPY fails, the connection is rolled back to it first.
     */
    private static CompletableFuture<Savepoint> copyNew(SecondConnection second, List<Unit> created) {
        return second.free().thenApplyAsync(free -> {
            try {
                Savepoint before = second.connection().setSavepoint();
                try {
                    copyNew(second.connection(), created);
                } catch (SQLException e) {
                    second.connection().rollback(before);
                    throw e;
                }
                return before;
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        }, second.executor());
    }

    private static void copyNew(Connection connection, List<Unit> created) throws SQLException {
        try (PgCopy copy = PgCopy.into(connection, "serial_unit", COLUMNS)) {
            for (Unit unit : created) {
                row(copy, unit);
            }
        }
    }

    private static void row(PgCopy copy, Unit unit) throws SQLException {
        copy.text(unit.key).text(unit.written).text(unit.kind).text(unit.gtin).text(unit.lot).date(unit.expiry)
                .text(unit.status.name()).text(unit.disposition).text(unit.owner).text(unit.location)
                .text(unit.parent).text(unit.inTransitTo).time(unit.commissionedAt).time(unit.updatedAt)
                .number(unit.lastEvent).bool(unit.observed).numbers(unit.newEventRefs).text(unit.newEventRoles)
                .endRow();
    }

    /** The known expiry of each of these lots ({@code gtin + '\t' + lot} to expiry, null when none was given). */
    Map<String, LocalDate> lotExpiries(Connection connection, List<String> gtins, List<String> lots)
            throws SQLException {
        Map<String, LocalDate> known = new HashMap<>();
        if (gtins.isEmpty()) {
            return known;
        }
        try (PreparedStatement statement = connection.prepareStatement("select l.gtin, l.lot, l.expiry from lot l"
                + " join unnest(?::text[], ?::text[]) as k(gtin, lot) on l.gtin = k.gtin and l.lot = k.lot")) {
            statement.setArray(1, textArray(connection, gtins));
            statement.setArray(2, textArray(connection, lots));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Date expiry = rs.getDate(3);
                    known.put(lotKey(rs.getString(1), rs.getString(2)), expiry == null ? null : expiry.toLocalDate());
                }
            }
        }
        return known;
    }

    /** Records lots first seen in this batch. */
    void insertLots(Connection connection, List<String> gtins, List<String> lots, List<LocalDate> expiries,
            OffsetDateTime now) throws SQLException {
        if (gtins.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement("insert into lot (gtin, lot, expiry, first_seen)"
                + " select gtin, lot, expiry, ? from unnest(?::text[], ?::text[], ?::date[]) as k(gtin, lot, expiry)"
                + " on conflict do nothing")) {
            statement.setObject(1, now);
            statement.setArray(2, textArray(connection, gtins));
            statement.setArray(3, textArray(connection, lots));
            statement.setArray(4, connection.createArrayOf("date",
                    expiries.stream().map(e -> e == null ? null : Date.valueOf(e)).toArray()));
            statement.executeUpdate();
        }
    }

    static String lotKey(String gtin, String lot) {
        return gtin + '\t' + lot;
    }

    private static Array textArray(Connection connection, List<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray());
    }
}
