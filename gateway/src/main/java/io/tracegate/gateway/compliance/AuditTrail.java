package io.tracegate.gateway.compliance;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The tamper-evident audit trail: every state-changing action appends one record (see {@link AuditRecord}) chained
 * to the one before. Other packages call {@link #record}; nothing else writes the table, and the database refuses
 * to change or remove its rows.
 *
 * <p>An append locks the table against other appends (readers are not held up) until the transaction that appends
 * ends: the next record must see this one's hash, and two appends reading the same last record would fork the
 * chain. So record LAST in a transaction, right before it commits; the action and its record then commit or roll
 * back together.
 */
@Service
public class AuditTrail {

    /** The actor of what the gateway does by itself. */
    public static final String SYSTEM = "system";

    private static final String COLUMNS = "seq, recorded_at, actor, action, object_ids, payload_sha256,"
            + " previous_hash, hash";

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    AuditTrail(DataSource dataSource, JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * Appends a record in the Spring-managed transaction in progress (which it then locks against other appends
     * until it ends), or in a transaction of its own when none is.
     *
     * @param actor         the API key's name, or {@link #SYSTEM}
     * @param action        what was done, dotted lower case ({@code key.created})
     * @param objectIds     what it was done to, {@code kind:id}
     * @param payloadSha256 SHA-256 (hex) of what was sent or produced, or null
     */
    public AuditRecord record(String actor, String action, List<String> objectIds, String payloadSha256) {
        return transactions.execute(status -> {
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                return record(connection, actor, action, objectIds, payloadSha256);
            } catch (SQLException e) {
                throw new IllegalStateException("the audit record could not be appended", e);
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
        });
    }

    /** Appends a record in the JDBC transaction of {@code connection} (not auto-commit): see the class notes. */
    public AuditRecord record(Connection connection, String actor, String action, List<String> objectIds,
            String payloadSha256) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // exclusive: conflicts with other appends, not with reads
            statement.execute("lock table audit_record in exclusive mode");
        }
        long seq = 1;
        String previous = AuditRecord.GENESIS;
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select seq, hash from audit_record order by seq desc limit 1")) {
            if (rs.next()) {
                seq = rs.getLong(1) + 1;
                previous = rs.getString(2);
            }
        }
        AuditRecord record = AuditRecord.next(seq, clock.instant(), actor, action, objectIds, payloadSha256,
                previous);
        try (PreparedStatement insert = connection.prepareStatement("insert into audit_record (" + COLUMNS
                + ") values (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, record.seq());
            insert.setObject(2, OffsetDateTime.ofInstant(record.recordedAt(), ZoneOffset.UTC));
            insert.setString(3, record.actor());
            insert.setString(4, record.action());
            insert.setArray(5, connection.createArrayOf("text", record.objectIds().toArray()));
            insert.setString(6, record.payloadSha256());
            insert.setString(7, record.previousHash());
            insert.setString(8, record.hash());
            insert.executeUpdate();
        }
        return record;
    }

    /**
     * Records in {@code seq} order recorded in {@code [from, to)} (either may be null) naming {@code object} (or
     * any, when null), at most {@code limit}, from {@code afterSeq} on.
     */
    public List<AuditRecord> list(Instant from, Instant to, String object, long afterSeq, int limit) {
        return jdbc.sql("select " + COLUMNS + " from audit_record where seq > ?"
                        + " and (cast(? as timestamptz) is null or recorded_at >= ?)"
                        + " and (cast(? as timestamptz) is null or recorded_at < ?)"
                        + " and (cast(? as text) is null or object_ids @> array[cast(? as text)])"
                        + " order by seq limit ?")
                .params(afterSeq, utc(from), utc(from), utc(to), utc(to), object, object, limit)
                .query((rs, n) -> record(rs)).list();
    }

    /** The latest record, if any. */
    public Optional<AuditRecord> last() {
        return jdbc.sql("select " + COLUMNS + " from audit_record order by seq desc limit 1")
                .query((rs, n) -> record(rs)).optional();
    }

    /** The records naming any of these objects, in {@code seq} order. */
    public List<AuditRecord> naming(Collection<String> objects) {
        return jdbc.sql("select " + COLUMNS + " from audit_record where object_ids && cast(? as text[]) order by seq")
                .param(objects.toArray(String[]::new)).query((rs, n) -> record(rs)).list();
    }

    /** These records with the record before and after each (the links around them), in {@code seq} order. */
    public List<AuditRecord> withNeighbours(Collection<AuditRecord> records) {
        long[] seqs = records.stream().mapToLong(AuditRecord::seq)
                .flatMap(seq -> Arrays.stream(new long[] {seq - 1, seq, seq + 1})).filter(seq -> seq > 0)
                .distinct().sorted().toArray();
        return jdbc.sql("select " + COLUMNS + " from audit_record where seq = any(?) order by seq")
                .param(Arrays.stream(seqs).boxed().toArray(Long[]::new)).query((rs, n) -> record(rs)).list();
    }

    /** SHA-256 (lower-case hex) of the UTF-8 bytes of a text: a payload's hash. */
    public static String sha256(String text) {
        return AuditRecord.sha256(text);
    }

    /** SHA-256 (lower-case hex) of bytes: a payload's hash. */
    public static String sha256(byte[] bytes) {
        return AuditRecord.sha256(bytes);
    }

    /**
     * Runs a change and appends its record in one transaction (the Spring-managed one in progress, or its own), so
     * that the change and its record commit together; returns what the change returned.
     */
    public <T> T recorded(String actor, String action, List<String> objectIds, String payloadSha256,
            Supplier<T> change) {
        return transactions.execute(status -> {
            T result = change.get();
            record(actor, action, objectIds, payloadSha256);
            return result;
        });
    }

    /** The outcome of walking the whole chain: {@code brokenAt} is null when every link holds. */
    public record ChainCheck(boolean intact, long records, String lastHash, Long brokenAt, String problem) {
    }

    /** Re-walks the whole chain from record 1, streaming, and stops at the first link that does not hold. */
    public ChainCheck verify() {
        // a cursor (fetch size, in a transaction): the trail may hold millions of records
        return transactions.execute(status -> jdbc.sql("select " + COLUMNS + " from audit_record order by seq")
                .withFetchSize(10_000).query((ResultSetExtractor<ChainCheck>) rs -> {
                    AuditChain chain = AuditChain.fromStart();
                    String lastHash = null;
                    while (rs.next()) {
                        AuditRecord record = record(rs);
                        String wrong = chain.check(record);
                        if (wrong != null) {
                            return new ChainCheck(false, chain.checked(), null, record.seq(), wrong);
                        }
                        lastHash = record.hash();
                    }
                    return new ChainCheck(true, chain.checked(), lastHash, null, null);
                }));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static AuditRecord record(ResultSet rs) throws SQLException {
        Array objects = rs.getArray("object_ids");
        return new AuditRecord(rs.getLong("seq"), rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                rs.getString("actor"), rs.getString("action"), List.of((String[]) objects.getArray()),
                rs.getString("payload_sha256"), rs.getString("previous_hash"), rs.getString("hash"));
    }
}
