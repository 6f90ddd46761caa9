package io.tracegate.gs1.epc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EpcGcpPrefixTableTest {

    private static final String SAMPLE = """
            {"GCPPrefixFormatList": {"date": "2024-01-01", "entry": [
              { "prefix": "03000", "gcpLength": 6 },
              { "prefix": "0300374", "gcpLength": 7 },
              { "gcpLength": 9, "prefix": "95" },
              { "prefix": "951", "gcpLength": 0 },
              { "prefix": "123456789012", "gcpLength": 12 }
            ]}}""";

    @Test
    void compiledStandardTableIsGs1sList() {
        GcpPrefixTable t = GcpPrefixTable.standard();
        assertTrue(t.size() > 90_000, "GS1's list has about 100,000 prefixes, got " + t.size());
        assertEquals("2022-04-05T11:45:18.010-04:00", t.date());
    }

    @Test
    void standardTableResolvesUsPharmaLabelers() {
        GcpLengthResolver r = GcpLengthResolver.standard();
        // GTIN 00300010123455 (NDC 0001-0123-45) without its indicator digit
        assertEquals(6, r.gcpLength("0300010123455"));
        // a longer listed prefix inside 0300 wins over the shorter 03003 range
        assertEquals(7, r.gcpLength("0300374123455"));
        assertEquals(GcpLengthResolver.UNKNOWN, r.gcpLength(""));
        assertEquals(GcpLengthResolver.UNKNOWN, r.gcpLength("x300010123455"));
    }

    @Test
    void longestListedPrefixWinsAndZeroMeansUnknown() throws IOException {
        GcpPrefixTable t = GcpPrefixTable.fromGs1Json(new StringReader(SAMPLE));
        assertEquals(5, t.size());
        assertEquals("2024-01-01", t.date());
        assertEquals(6, t.gcpLength("0300010123455"));
        assertEquals(7, t.gcpLength("0300374000001"));
        assertEquals(9, t.gcpLength("9520123456788"));
        assertEquals(GcpLengthResolver.UNKNOWN, t.gcpLength("9510000000000"));
        assertEquals(GcpLengthResolver.UNKNOWN, t.gcpLength("0400000000000"));
        assertEquals(12, t.gcpLength("1234567890123"));
        assertEquals(GcpLengthResolver.UNKNOWN, t.gcpLength("12345678901"));
    }

    @Test
    void compiledFormReadsBackTheSameTable() throws IOException {
        GcpPrefixTable t = GcpPrefixTable.fromGs1Json(new StringReader(SAMPLE));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        t.write(out);
        GcpPrefixTable back = GcpPrefixTable.read(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(t.size(), back.size());
        assertEquals(t.date(), back.date());
        for (String digits : new String[] {"0300010123455", "0300374000001", "9520123456788", "9510000000000",
                "1234567890123", "5"}) {
            assertEquals(t.gcpLength(digits), back.gcpLength(digits), digits);
        }
    }

    @Test
    void rejectsWhatIsNotAPrefixList() {
        assertThrows(IOException.class, () -> GcpPrefixTable.fromGs1Json(new StringReader("{\"a\": 1}")));
        assertThrows(IOException.class, () -> GcpPrefixTable.fromGs1Json(
                new StringReader("[{\"prefix\": \"12a\", \"gcpLength\": 7}]")));
        assertThrows(IOException.class, () -> GcpPrefixTable.fromGs1Json(
                new StringReader("[{\"prefix\": \"12\", \"gcpLength\": 7}, {\"prefix\": \"12\", \"gcpLength\": 8}]")));
        assertThrows(IOException.class, () -> GcpPrefixTable.read(new ByteArrayInputStream(new byte[] {1, 2, 3})));
    }

    @Test
    void overridesTakePrecedenceLongestFirst() throws IOException {
        GcpLengthResolver r = GcpPrefixTable.fromGs1Json(new StringReader(SAMPLE))
                .withOverrides(Map.of("03", 8, "0300374", 9, "2345", 9));
        assertEquals(9, r.gcpLength("0300374000001"));
        assertEquals(8, r.gcpLength("0300010123455"));
        assertEquals(9, r.gcpLength("2345678901231"));
        assertEquals(9, r.gcpLength("9520123456788"), "no override matches: the table answers");
        assertEquals(GcpLengthResolver.UNKNOWN, r.gcpLength("7000000000000"));
    }

    @Test
    void overridesAreChecked() {
        GcpLengthResolver base = digits -> GcpLengthResolver.UNKNOWN;
        assertThrows(IllegalArgumentException.class, () -> base.withOverrides(Map.of("03a", 7)));
        assertThrows(IllegalArgumentException.class, () -> base.withOverrides(Map.of("", 7)));
        assertThrows(IllegalArgumentException.class, () -> base.withOverrides(Map.of("03", 5)));
        assertThrows(IllegalArgumentException.class, () -> base.withOverrides(Map.of("03", 13)));
    }
}
