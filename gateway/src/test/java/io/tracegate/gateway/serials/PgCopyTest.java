package io.tracegate.gateway.serials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tracegate.gateway.GatewayTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Binary COPY writes exactly the values given, as the server reads them back. */
class PgCopyTest extends GatewayTest {

    @Autowired
    DataSource dataSource;

    @Test
    void valuesOfEveryKindComeBackAsWritten() throws Exception {
        String awkward = "tab\there, newline\n, backslash \\, quote ', unicode é ü 漢字 and an emoji \uD83D\uDE00";
        OffsetDateTime beforeEpoch = OffsetDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_000, ZoneOffset.ofHours(-5));
        // the server keeps microseconds: finer times are rounded half up
        OffsetDateTime nanos = OffsetDateTime.of(2026, 11, 22, 3, 4, 5, 123_456_700, ZoneOffset.ofHours(1));
        StringBuilder big = new StringBuilder();
        while (big.length() < 600_000) { // a value larger than a chunk
            big.append("urn:epc:id:sgtin:0614141.107346.").append(big.length()).append(',');
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("create temp table copy_probe (n bigint, t text, c char(1), ts timestamptz,"
                        + " d date, a bigint[]) on commit drop");
            }
            try (PgCopy copy = PgCopy.into(connection, "copy_probe", "n, t, c, ts, d, a")) {
                copy.number(Long.MIN_VALUE).text(awkward).text("e").time(beforeEpoch).date(LocalDate.of(1970, 1, 1))
                        .numbers(new long[] {Long.MIN_VALUE, -1, 0, Long.MAX_VALUE}).endRow();
                copy.number(42).text(null).text(null).time(nanos).date(LocalDate.of(2027, 12, 31))
                        .numbers(new long[0]).endRow();
                for (int i = 0; i < 20_000; i++) { // many rows: several chunks
                    copy.number(1000 + i).text("https://id.gs1.org/01/00614141073467/21/" + i).text("c")
                            .time(null).date(null).numbers(new long[] {i, i + 1}).endRow();
                }
                copy.number(999_999).text(big.toString()).text("p").time(null).date(null)
                        .numbers(LongStream.range(0, 40_000).toArray()).endRow(); // an array larger than a chunk
            }
            List<List<Object>> rows = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("select n, t, c, ts, d, a from copy_probe order by n")) {
                while (rs.next()) {
                    rows.add(Arrays.asList(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getObject(4, OffsetDateTime.class), rs.getObject(5, LocalDate.class),
                            List.of((Long[]) rs.getArray(6).getArray())));
                }
            }
            connection.rollback();
            assertEquals(20_003, rows.size());
            assertEquals(List.of(Long.MIN_VALUE, awkward, "e", beforeEpoch.withOffsetSameInstant(ZoneOffset.UTC),
                    LocalDate.of(1970, 1, 1), List.of(Long.MIN_VALUE, -1L, 0L, Long.MAX_VALUE)), rows.get(0));
            assertEquals(42L, rows.get(1).get(0));
            assertNull(rows.get(1).get(1));
            assertEquals(OffsetDateTime.of(2026, 11, 22, 2, 4, 5, 123_457_000, ZoneOffset.UTC), rows.get(1).get(3));
            assertEquals(LocalDate.of(2027, 12, 31), rows.get(1).get(4));
            assertEquals(List.of(), rows.get(1).get(5));
            assertEquals(List.of(0L, 1L), rows.get(2).get(5));
            assertEquals(List.of(1000L, "https://id.gs1.org/01/00614141073467/21/0", "c"),
                    rows.get(2).subList(0, 3));
            assertEquals("https://id.gs1.org/01/00614141073467/21/19999", rows.get(20_001).get(1));
            assertEquals(big.toString(), rows.get(20_002).get(1));
            assertEquals(LongStream.range(0, 40_000).boxed().toList(), rows.get(20_002).get(5));
        }
    }
}
