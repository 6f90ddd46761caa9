package io.tracegate.gateway.serials;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows streamed into a table with PostgreSQL {@code COPY ... FROM STDIN} (text format), the bulk path of the
 * capture pipeline: the serial store and the event store both write through it. Rows are sent in 256 KB chunks, so
 * a large batch never sits in memory as text.
 */
public final class PgCopy implements AutoCloseable {

    private static final int CHUNK = 256 * 1024;
    private static final int MAX_TIMES = 4096;

    private final CopyIn copy;
    // Rows are encoded straight into this buffer (no per-row String or byte[]); it grows past CHUNK only for a row
    // longer than the slack, and is sent whenever a row ends beyond CHUNK.
    private byte[] buffer = new byte[CHUNK + 4096];
    private int size;
    private boolean firstField = true;
    private long rows;
    // A batch writes few distinct timestamps (event times, the record time) on many rows, often alternating within
    // a row (commissioned at, updated at): each is formatted once. Bounded for a COPY of many distinct times.
    private final Map<OffsetDateTime, String> times = new HashMap<>();

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
            append('\\');
            append('N');
            return this;
        }
        int length = value.length();
        ensure(length);
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x80 || c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                // Rare (identifiers are ASCII and never hold these): finish the value on the general path.
                escaped(value, i);
                return this;
            }
            buffer[size++] = (byte) c;
        }
        return this;
    }

    /** The rest of a value from {@code from}: COPY text escapes, then UTF-8. */
    private void escaped(String value, int from) {
        StringBuilder rest = new StringBuilder(value.length() - from + 8);
        for (int i = from; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> rest.append("\\\\");
                case '\t' -> rest.append("\\t");
                case '\n' -> rest.append("\\n");
                case '\r' -> rest.append("\\r");
                default -> rest.append(c);
            }
        }
        byte[] bytes = rest.toString().getBytes(StandardCharsets.UTF_8);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
    }

    public PgCopy number(long value) {
        separate();
        return ascii(Long.toString(value));
    }

    public PgCopy time(OffsetDateTime value) {
        if (value == null) {
            return text(null);
        }
        String formatted = times.get(value);
        if (formatted == null) {
            if (times.size() >= MAX_TIMES) {
                times.clear();
            }
            formatted = value.toString();
            times.put(value, formatted);
        }
        separate();
        return ascii(formatted);
    }

    public PgCopy date(LocalDate value) {
        return text(value == null ? null : value.toString());
    }

    public PgCopy bool(boolean value) {
        separate();
        append(value ? 't' : 'f');
        return this;
    }

    /** Ends the current row. */
    public void endRow() throws SQLException {
        append('\n');
        firstField = true;
        rows++;
        if (size >= CHUNK) {
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
            append('\t');
        }
        firstField = false;
    }

    /** A value known to be plain ASCII with nothing to escape (numbers, formatted times). */
    private PgCopy ascii(String value) {
        ensure(value.length());
        for (int i = 0; i < value.length(); i++) {
            buffer[size++] = (byte) value.charAt(i);
        }
        return this;
    }

    private void append(char c) {
        ensure(1);
        buffer[size++] = (byte) c;
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }

    private void send() throws SQLException {
        if (size > 0) {
            copy.writeToCopy(buffer, 0, size);
            size = 0;
        }
    }
}
