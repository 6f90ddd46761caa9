package io.tracegate.gateway.compliance;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Marks on units, kept as a history; a unit's standing is its latest mark ({@link Mark#CLEARED} ends the earlier
 * ones). Units are named by their canonical key, the GS1 Digital Link the serial store uses.
 */
@Service
public class UnitMarks {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditTrail audit;

    UnitMarks(JdbcClient jdbc, Clock clock, AuditTrail audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
    }

    /** What a compliance officer has found out about a unit. */
    public enum Mark {
        SUSPECT, ILLEGITIMATE, CLEARED;

        /** {@code suspect}, {@code illegitimate} or {@code cleared}, case-insensitive. */
        public static Mark parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("'" + text + "' is not a mark (suspect, illegitimate, cleared)");
            }
        }

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One mark: the unit as written, by whom and when. */
    public record UnitMark(long id, String epc, Mark mark, String note, String markedBy, Instant markedAt) {
    }

    public UnitMark mark(String key, String written, Mark mark, String note, String by) {
        Instant now = clock.instant();
        long id = audit.recorded(by, "unit.marked." + mark.word(), List.of("epc:" + key),
                note == null ? null : AuditTrail.sha256(note), () -> jdbc.sql("insert into unit_mark (epc, written,"
                                + " mark, note, marked_by, marked_at) values (?, ?, ?, ?, ?, ?) returning id")
                        .params(key, written, mark.word(), note, by, Timestamp.from(now))
                        .query(Long.class).single());
        return new UnitMark(id, written, mark, note, by, now);
    }

    /** The unit's marks, oldest first. */
    public List<UnitMark> history(String key) {
        return jdbc.sql("select id, written, mark, note, marked_by, marked_at from unit_mark where epc = ?"
                        + " order by id").param(key).query(UnitMarks::unitMark).list();
    }

    /** The unit's standing: its latest mark, unless that is {@link Mark#CLEARED} or there is none. */
    public Optional<Mark> standing(String key) {
        return jdbc.sql("select mark from unit_mark where epc = ? order by id desc limit 1").param(key)
                .query((rs, row) -> Mark.parse(rs.getString(1))).optional().filter(mark -> mark != Mark.CLEARED);
    }

    private static UnitMark unitMark(ResultSet rs, int row) throws SQLException {
        return new UnitMark(rs.getLong("id"), rs.getString("written"), Mark.parse(rs.getString("mark")),
                rs.getString("note"), rs.getString("marked_by"), rs.getTimestamp("marked_at").toInstant());
    }
}
