package io.tracegate.gateway.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Walks the packing hierarchy of the serial store one level per statement, by key: the containers above some units,
 * or the content below some containers. Not a recursive SQL query: PostgreSQL cannot estimate a recursive query's
 * work table and plans its join as a hash join over the whole store (a sequential scan of every unit at every level:
 * 4 s for a 50,000-unit lot in a 1,000,000-unit store), where a level is a few hundred index look-ups.
 */
final class PackingTree {

    /** Cases in pallets in ...: deeper trees do not occur in DSCSA, and a malformed loop stops here. */
    static final int MAX_DEPTH = 8;
    /**
     * Keys per {@code = any(?)}: with many more, PostgreSQL scans the whole store instead of looking the keys up
     * (its plan for {@code epc = any(?)} of 100,000 keys filtered all 1,000,000 rows; 5,000 are an index scan).
     */
    static final int KEYS_PER_STATEMENT = 5_000;

    private PackingTree() {
    }

    /** A container above the units: its key, its EPC as written, its own parent, and the events naming it. */
    record Container(String epc, String written, String parent, Long[] eventRefs) {
    }

    /** Every container above {@code parents} (the parents of some units), each once, level by level. */
    static void above(JdbcClient jdbc, Collection<String> parents, Consumer<Container> each) {
        Set<String> seen = new HashSet<>(parents);
        List<String> level = List.copyOf(parents);
        for (int depth = 0; depth < MAX_DEPTH && !level.isEmpty(); depth++) {
            List<String> next = new ArrayList<>();
            inChunks(level, keys -> jdbc.sql("select epc, written, parent, event_refs from serial_unit"
                            + " where epc = any(?)")
                    .param(keys)
                    .query((RowCallbackHandler) rs -> {
                        String parent = rs.getString(3);
                        each.accept(new Container(rs.getString(1), rs.getString(2), parent,
                                (Long[]) rs.getArray(4).getArray()));
                        if (parent != null && seen.add(parent)) {
                            next.add(parent);
                        }
                    }));
            level = next;
        }
    }

    /** {@code roots} and every unit packed in them, at any depth (the keys the store holds, each once). */
    static Set<String> withContent(JdbcClient jdbc, Collection<String> roots) {
        Set<String> all = new HashSet<>();
        inChunks(List.copyOf(roots), keys -> all.addAll(jdbc.sql("select epc from serial_unit where epc = any(?)")
                .param(keys).query(String.class).list()));
        List<String> level = List.copyOf(all);
        for (int depth = 0; depth < MAX_DEPTH && !level.isEmpty(); depth++) {
            List<String> next = new ArrayList<>();
            inChunks(level, keys -> jdbc.sql("select epc from serial_unit where parent = any(?)").param(keys)
                    .query((RowCallbackHandler) rs -> {
                        if (all.add(rs.getString(1))) {
                            next.add(rs.getString(1));
                        }
                    }));
            level = next;
        }
        return all;
    }

    /** Hands the keys on {@value #KEYS_PER_STATEMENT} at a time, in their order, as a statement's array. */
    static void inChunks(List<String> keys, Consumer<String[]> chunk) {
        for (int i = 0; i < keys.size(); i += KEYS_PER_STATEMENT) {
            chunk.accept(keys.subList(i, Math.min(keys.size(), i + KEYS_PER_STATEMENT)).toArray(String[]::new));
        }
    }
}
