package io.tracegate.gateway.serials;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows streamed into a table with PostgreSQL {@code COPY ... FROM STDIN} (text format), the bulk path of the
 * capture pipeline: the serial store and the event store both write through it. Rows are sent in 256 KB chunks, so
 * a large batch never sits in memory as text.
 */
public final class PgCopy implements AutoCloseable {

    private static final int CHUNK = 256 * 1024;

    private final CopyIn copy;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(CHUNK + 4096);
    private final StringBuilder row = new StringBuilder(256);
    private boolean firstField = true;
    private long rows;

    private PgCopy(CopyIn copy) {
        this.copy = copy;
    }

    /** Starts {@code COPY table (columns) FROM STDIN} on the connection (of the current transaction). */
    public static PgCopy into(Connection connection, String table, String columns) throws SQLException {
        return new PgCopy(connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + table + " (" + columns + ") FROM STDIN"));
    }

    public PgCopy text(String value) {
        separate();
        if (value == null) {
            row.append("\\N");
            return this;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> row.append("\\\\");
                case '\t' -> row.append("\\t");
                case '\n' -> row.append("\\n");
                case '\r' -> row.append("\\r");
                default -> row.append(c);
            }
        }
        return this;
    }

    public PgCopy number(long value) {
        separate();
        row.append(value);
        return this;
    }

    public PgCopy time(OffsetDateTime value) {
        return text(value == null ? null : value.toString());
    }

    public PgCopy date(LocalDate value) {
        return text(value == null ? null : value.toString());
    }

    public PgCopy bool(boolean value) {
        separate();
        row.append(value ? 't' : 'f');
        return this;
    }

    /** Ends the current row. */
    public void endRow() throws SQLException {
        row.append('\n');
        byte[] bytes = row.toString().getBytes(StandardCharsets.UTF_8);
        buffer.write(bytes, 0, bytes.length);
        row.setLength(0);
        firstField = true;
        rows++;
        if (buffer.size() >= CHUNK) {
            send();
        }
    }

    /** Ends the COPY. */
    @Override
    public void close() throws SQLException {
        send();
        copy.endCopy();
    }

    public long rows() {
        return rows;
    }

    private void separate() {
        if (!firstField) {
            row.append('\t');
        }
        firstField = false;
    }

    private void send() throws SQLException {
        if (buffer.size() > 0) {
            copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
            buffer.reset();
        }
    }
}
