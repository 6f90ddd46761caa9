package io.tracegate.gateway.compliance;

import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gs1.Gtin;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Lots under recall. One recall per GTIN and lot. */
@Service
public class Recalls {

    private static final String COLUMNS = "id, gtin, lot, reason, recalled_by, recalled_at";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditTrail audit;

    Recalls(JdbcClient jdbc, Clock clock, AuditTrail audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
    }

    /** A recall of a lot, with who recorded it and when. */
    public record Recall(long id, String gtin, String lot, String reason, String recalledBy, Instant recalledAt) {
    }

    /** Records a recall; a lot already under recall is refused (409) naming that recall. */
    public Recall recall(Gtin gtin, String lot, String reason, String by) {
        Instant now = clock.instant();
        try {
            long id = audit.recorded(by, "recall.created", List.of("lot:" + gtin.value() + ":" + lot),
                    AuditTrail.sha256(reason), () -> jdbc.sql("insert into recall (gtin, lot, reason, recalled_by,"
                                    + " recalled_at) values (?, ?, ?, ?, ?) returning id")
                            .params(gtin.value(), lot, reason, by, Timestamp.from(now))
                            .query(Long.class).single());
            return new Recall(id, gtin.value(), lot, reason, by, now);
        } catch (DuplicateKeyException e) {
            Recall first = of(gtin.value(), lot).orElseThrow(() -> e);
            throw ApiProblem.alreadyExists("lot '" + lot + "' of GTIN " + gtin + " is already under recall "
                    + first.id() + " (recorded " + first.recalledAt() + " by " + first.recalledBy() + ")");
        }
    }

    /** The recall of this lot, if it is under one. */
    public Optional<Recall> of(String gtin, String lot) {
        return jdbc.sql("select " + COLUMNS + " from recall where gtin = ? and lot = ?").params(gtin, lot)
                .query(Recalls::recall).optional();
    }

    /** Every recall, newest first. */
    public List<Recall> list() {
        return jdbc.sql("select " + COLUMNS + " from recall order by id desc").query(Recalls::recall).list();
    }

    private static Recall recall(ResultSet rs, int row) throws SQLException {
        return new Recall(rs.getLong("id"), rs.getString("gtin"), rs.getString("lot"), rs.getString("reason"),
                rs.getString("recalled_by"), rs.getTimestamp("recalled_at").toInstant());
    }
}
