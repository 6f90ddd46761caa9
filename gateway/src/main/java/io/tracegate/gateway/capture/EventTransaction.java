package io.tracegate.gateway.capture;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The event store's own transaction in a large capture under {@code rollback}: on a second connection, so that
 * PostgreSQL writes the events on one core while the job's transaction writes the serial store on the other (one
 * backend works on one core, and COPY into the indexes is most of a capture). Both commit together by two-phase
 * commit: this one is prepared, the job's transaction (which finishes the job row) commits, then this one is
 * committed. A gateway that stops in between leaves it prepared; at the next start {@link CaptureJobs#resolvePrepared}
 * commits it if the job's row was committed as finished, and rolls it back otherwise.
 */
final class EventTransaction implements AutoCloseable {

    /** Transaction names: this prefix and the job's id. */
    static final String PREFIX = "tracegate-capture-";

    private final Connection connection;
    private final String name;
    private boolean prepared;
    private boolean ended;

    private EventTransaction(Connection connection, long jobId) {
        this.connection = connection;
        this.name = PREFIX + jobId;
    }

    static EventTransaction begin(DataSource dataSource, long jobId) throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        return new EventTransaction(connection, jobId);
    }

    Connection connection() {
        return connection;
    }

    /** Prepares the transaction: its writes are on disk and can no longer fail to commit. */
    void prepare() throws SQLException {
        execute("PREPARE TRANSACTION '" + name + "'");
        prepared = true;
        // COMMIT/ROLLBACK PREPARED may not run inside a transaction block, which the driver would open
        connection.setAutoCommit(true);
    }

    /** Commits the prepared transaction (after the job's transaction committed). */
    void commitPrepared() throws SQLException {
        execute("COMMIT PREPARED '" + name + "'");
        ended = true;
    }

    /** Leaves the prepared transaction for {@link CaptureJobs#resolvePrepared} at the next start to commit. */
    void leavePrepared() {
        ended = true;
    }

    /** Rolls back, prepared or not. */
    void rollback() throws SQLException {
        if (ended) {
            return;
        }
        if (prepared) {
            execute("ROLLBACK PREPARED '" + name + "'");
        } else {
            connection.rollback();
        }
        ended = true;
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Rolls back what was not committed, and gives the connection back (the pool resets its auto-commit). */
    @Override
    public void close() throws SQLException {
        try {
            rollback();
        } finally {
            connection.close();
        }
    }
}
