package io.tracegate.gateway.compliance;

import io.tracegate.gateway.compliance.UnitMarks.Mark;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What the verification responder reads about one unit on every request: its standing mark (or the suspicion of an
 * open investigation holding it or its lot) and whether its lot is under a recall, in one query (one round trip instead of asking {@link UnitMarks} and {@link Recalls} in turn).
 */
@Service
public class UnitStanding {

    private final JdbcClient jdbc;

    UnitStanding(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param mark       the unit's standing mark (never {@link Mark#CLEARED}), or null
     * @param recalledAt when its lot was recalled, or null when it is not under a recall
     */
    public record Standing(Mark mark, Instant recalledAt) {
    }

    /** The unit's (by canonical key) standing; its lot given by GTIN and lot number (null lot: none). */
    public Standing of(String unitKey, String gtin, String lot) {
        return jdbc.sql("select (select mark from unit_mark where epc = ? order by id desc limit 1),"
                        + " (select recalled_at from recall where gtin = ? and lot = ?),"
                        + " (select i.suspicion from investigation i where i.status = 'open' and ((i.gtin = ?"
                        + " and i.lot = ?) or exists (select 1 from investigation_unit u where u.investigation_id"
                        + " = i.id and u.epc = ?)) order by i.id limit 1)")
                .params(unitKey, gtin, lot, gtin, lot, unitKey)
                .query((rs, row) -> {
                    String mark = rs.getString(1);
                    Timestamp recalled = rs.getTimestamp(2);
                    String investigated = rs.getString(3);
                    Mark standing = mark == null ? null : Mark.parse(mark);
                    if (investigated != null && (standing == null || standing == Mark.CLEARED)) {
                        standing = Mark.parse(investigated); // an open investigation holds it: suspect until closed
                    }
                    return new Standing(standing == Mark.CLEARED ? null : standing,
                            recalled == null ? null : recalled.toInstant());
                }).single();
    }
}
