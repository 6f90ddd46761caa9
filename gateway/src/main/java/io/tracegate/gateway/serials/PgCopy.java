package io.tracegate.gateway.serials;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows streamed into a table with PostgreSQL {@code COPY ... FROM STDIN (FORMAT binary)}, the bulk path of the
 * capture pipeline: the serial store and the event store both write through it. Binary, because the server then
 * parses no text: a timestamp or a number is taken as its eight bytes, which makes COPY of the wide
 * {@code serial_unit} rows markedly cheaper for the database, the capture's bottleneck. Rows are sent in 256 KB
 * chunks, so a large batch never sits in memory.
 *
 * <p>The value methods must follow the column list given to {@link #into}, with the column's type: {@link #text}
 * for text and char columns, {@link #number} for bigint, {@link #time} for timestamptz, {@link #date} for date.
 */
public final class PgCopy implements AutoCloseable {

    private static final int CHUNK = 256 * 1024;
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    /** 2000-01-01T00:00:00Z, PostgreSQL's epoch for binary dates and timestamps. */
    private static final long PG_EPOCH_SECONDS = 946_684_800L;
    private static final long PG_EPOCH_DAYS = 10_957L;
    private static final int INT8_OID = 20;

    private final CopyIn copy;
    // Rows are encoded straight into this buffer (no per-row String or byte[]); it grows past CHUNK only for a row
    // longer than the slack, and is sent whenever a row ends beyond CHUNK.
    private byte[] buffer = new byte[CHUNK + 4096];
    private int size;
    private int rowStart = -1;
    private int fields;

    private PgCopy(CopyIn copy) {
        this.copy = copy;
        ensure(SIGNATURE.length + 8);
        System.arraycopy(SIGNATURE, 0, buffer, 0, SIGNATURE.length);
        size = SIGNATURE.length;
        int32(0); // flags: no OIDs
        int32(0); // header extension length
    }

    /** Starts {@code COPY table (columns) FROM STDIN} on the connection (of the current transaction). */
    public static PgCopy into(Connection connection, String table, String columns) throws SQLException {
        return new PgCopy(connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + table + " (" + columns + ") FROM STDIN (FORMAT binary)"));
    }

    public PgCopy text(String value) {
        field();
        if (value == null) {
            int32(-1);
            return this;
        }
        int length = value.length();
        ensure(4 + length);
        int lengthAt = size;
        size += 4;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                // Rare (identifiers are ASCII): the whole value through the UTF-8 encoder instead.
                size = lengthAt;
                byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                int32(bytes.length);
                ensure(bytes.length);
                System.arraycopy(bytes, 0, buffer, size, bytes.length);
                size += bytes.length;
                return this;
            }
            buffer[size++] = (byte) c;
        }
        putInt32(lengthAt, length);
        return this;
    }

    public PgCopy number(long value) {
        field();
        int32(8);
        int64(value);
        return this;
    }

    public PgCopy bool(boolean value) {
        field();
        int32(1);
        ensure(1);
        buffer[size++] = (byte) (value ? 1 : 0);
        return this;
    }

    /** A bigint[] (one dimension, no nulls; empty when there are no values), in PostgreSQL's binary array form. */
    public PgCopy numbers(long[] values) {
        field();
        if (values.length == 0) {
            int32(12);
            int32(0); // dimensions
            int32(0); // no nulls
            int32(INT8_OID);
            return this;
        }
        int32(20 + 12 * values.length);
        int32(1);
        int32(0);
        int32(INT8_OID);
        int32(values.length);
        int32(1); // lower bound
        for (long value : values) {
            int32(8);
            int64(value);
        }
        return this;
    }

    /** A timestamptz: microseconds since PostgreSQL's epoch (the server keeps no finer), rounded half up. */
    public PgCopy time(OffsetDateTime value) {
        field();
        if (value == null) {
            int32(-1);
            return this;
        }
        int32(8);
        int64((value.toEpochSecond() - PG_EPOCH_SECONDS) * 1_000_000L + (value.getNano() + 500) / 1000);
        return this;
    }

    public PgCopy date(LocalDate value) {
        field();
        if (value == null) {
            int32(-1);
            return this;
        }
        int32(4);
        int32((int) (value.toEpochDay() - PG_EPOCH_DAYS));
        return this;
    }

    /** Ends the current row. */
    public void endRow() throws SQLException {
        buffer[rowStart] = (byte) (fields >>> 8);
        buffer[rowStart + 1] = (byte) fields;
        rowStart = -1;
        if (size >= CHUNK) {
            send();
        }
    }

    /** Ends the COPY. */
    @Override
    public void close() throws SQLException {
        ensure(2);
        buffer[size++] = (byte) 0xFF; // the trailer: a field count of -1
        buffer[size++] = (byte) 0xFF;
        send();
        copy.endCopy();
    }

    /** Starts a field, and the row's field count before the first one (filled in by {@link #endRow}). */
    private void field() {
        if (rowStart < 0) {
            ensure(2);
            rowStart = size;
            size += 2;
            fields = 0;
        }
        fields++;
    }

    private void int32(int value) {
        ensure(4);
        putInt32(size, value);
        size += 4;
    }

    private void putInt32(int at, int value) {
        buffer[at] = (byte) (value >>> 24);
        buffer[at + 1] = (byte) (value >>> 16);
        buffer[at + 2] = (byte) (value >>> 8);
        buffer[at + 3] = (byte) value;
    }

    private void int64(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[size++] = (byte) (value >>> shift);
        }
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
