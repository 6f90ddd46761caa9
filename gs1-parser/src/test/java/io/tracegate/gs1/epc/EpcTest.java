package io.tracegate.gs1.epc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegate.gs1.AiElement;
import io.tracegate.gs1.ElementString;
import io.tracegate.gs1.Gln;
import io.tracegate.gs1.Gs1Exception;
import io.tracegate.gs1.Gtin;
import io.tracegate.gs1.Sscc;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EpcTest {

    private static final GcpLengthResolver GS1 = GcpLengthResolver.standard();

    @Test
    void ndcBasedGtinToSgtinUrn() {
        // NDC 0001-0123-45 -> GTIN 00300010123455, labeler 0001 -> company prefix 030001
        Sgtin unit = new Sgtin(new Gtin("00300010123455"), "SN0001");
        assertEquals("urn:epc:id:sgtin:030001.0012345.SN0001", unit.toUrn(GS1));
        Sgtin kase = new Sgtin(new Gtin("10300010123452"), "C1");
        assertEquals("urn:epc:id:sgtin:030001.1012345.C1", kase.toUrn(GS1));
    }

    @Test
    void sgtinUrnAndDigitalLink() {
        Epc e = Epc.parse("urn:epc:id:sgtin:234567890.1123.9999");
        assertEquals(new Sgtin(new Gtin("12345678901231"), "9999"), e);
        assertEquals("https://id.gs1.org/01/12345678901231/21/9999", e.toDigitalLink());
        // restricted-circulation 2xx prefixes are not in GS1's list: the company's own configuration says
        assertThrows(Gs1Exception.class, () -> e.toUrn(GS1));
        assertEquals("urn:epc:id:sgtin:234567890.1123.9999",
                e.toUrn(GS1.withOverrides(Map.of("234567890", 9))));
    }

    @Test
    void ssccUrn() {
        Epc e = Epc.parse("urn:epc:id:sscc:030001.41234567890");
        assertEquals(new SsccEpc(new Sscc("403000112345678901")), e);
        assertEquals("https://id.gs1.org/00/403000112345678901", e.toDigitalLink());
        assertEquals("urn:epc:id:sscc:030001.41234567890", e.toUrn(GS1));
    }

    @Test
    void sglnUrnWithAndWithoutExtension() {
        Epc e = Epc.parse("urn:epc:id:sgln:030001.111111.0");
        assertEquals(new Sgln(new Gln("0300011111116")), e);
        assertNull(((Sgln) e).extension(), "extension 0 means no AI (254)");
        assertEquals("https://id.gs1.org/414/0300011111116", e.toDigitalLink());
        assertEquals("urn:epc:id:sgln:030001.111111.0", e.toUrn(GS1));

        Epc dock = Epc.parse("urn:epc:id:sgln:030001.111111.DOCK%2F7");
        assertEquals(new Sgln(new Gln("0300011111116"), "DOCK/7"), dock);
        assertEquals("https://id.gs1.org/414/0300011111116/254/DOCK%2F7", dock.toDigitalLink());
        assertEquals("urn:epc:id:sgln:030001.111111.DOCK%2F7", dock.toUrn(GS1));
    }

    @Test
    void twelveDigitCompanyPrefixLeavesAnEmptyLocationReference() {
        Epc e = Epc.parse("urn:epc:id:sgln:030001111111..0");
        assertEquals(new Sgln(new Gln("0300011111116")), e);
        assertEquals("urn:epc:id:sgln:030001111111..0", e.toUrn(d -> 12));
    }

    @Test
    void lgtinClassAndSgtinPattern() {
        Epc lot = Epc.parse("urn:epc:class:lgtin:030001.0012345.A1%26B");
        assertEquals(new Lgtin(new Gtin("00300010123455"), "A1&B"), lot);
        assertEquals("https://id.gs1.org/01/00300010123455/10/A1%26B", lot.toDigitalLink());
        assertEquals("urn:epc:class:lgtin:030001.0012345.A1%26B", lot.toUrn(GS1));

        Epc product = Epc.parse("urn:epc:idpat:sgtin:030001.0012345.*");
        assertEquals(new SgtinPattern(new Gtin("00300010123455")), product);
        assertEquals("https://id.gs1.org/01/00300010123455", product.toDigitalLink());
        assertEquals("urn:epc:idpat:sgtin:030001.0012345.*", product.toUrn(GS1));
    }

    @Test
    void serialsAreEscapedAsTheTagDataStandardSays() {
        // the seven GS1 character set 82 characters that are not allowed as such in a URN are %-escaped
        Sgtin s = new Sgtin(new Gtin("00300010123455"), "a\"b%c&d/e<f>g?h");
        assertEquals("urn:epc:id:sgtin:030001.0012345.a%22b%25c%26d%2Fe%3Cf%3Eg%3Fh", s.toUrn(GS1));
        assertEquals(s, Epc.parse(s.toUrn(GS1)));
        // the rest of the set stands for itself, dots included
        Sgtin plain = new Sgtin(new Gtin("00300010123455"), "!'()*+,-.:;=_Az9");
        assertEquals("urn:epc:id:sgtin:030001.0012345.!'()*+,-.:;=_Az9", plain.toUrn(GS1));
        assertEquals(plain, Epc.parse(plain.toUrn(GS1)));
        // an escape of a character that needs none is still read
        assertEquals(new Sgtin(new Gtin("00300010123455"), "AB"), Epc.parse("urn:epc:id:sgtin:030001.0012345.%41B"));
    }

    @Test
    void checkDigitsAreRecomputed() {
        // the URN carries no check digit; the GTIN built from it always has the right one
        assertEquals("02345678901128", ((Sgtin) Epc.parse("urn:epc:id:sgtin:234567890.0112.1")).gtin().value());
    }

    @Test
    void aRunOfOneProductIsCheckedLikeAnyOtherUrn() {
        Gtin gtin = new Gtin("00300010123455");
        assertEquals(new Sgtin(gtin, "1"), Epc.parse("urn:epc:id:sgtin:030001.0012345.1"));
        assertEquals(new Lgtin(gtin, "L"), Epc.parse("urn:epc:class:lgtin:030001.0012345.L"));
        // the same thirteen digits split at another company prefix length are the same GTIN ...
        assertEquals(new Sgtin(gtin, "2"), Epc.parse("urn:epc:id:sgtin:0300010.012345.2"));
        // ... unless the prefix length is not one the TDS allows
        assertEquals("EPC_GCP_LENGTH", assertThrows(Gs1Exception.class,
                () -> Epc.parse("urn:epc:id:sgtin:03000.01012345.3")).rule());
        assertEquals(new Sgtin(new Gtin("10300010123452"), "4"), Epc.parse("urn:epc:id:sgtin:030001.1012345.4"));
        assertEquals(new SgtinPattern(gtin), Epc.parse("urn:epc:idpat:sgtin:030001.0012345.*"));
    }

    @Test
    void badUrnsAreRejectedWithThePosition() {
        assertRejected("urn:epc:id:sgtin:030001.0012345", 17);               // no serial field
        assertRejected("urn:epc:id:sgtin:030001.001234.1", 17);              // 12 digits, not 13
        assertRejected("urn:epc:id:sgtin:03001.00123456.1", 17);             // company prefix too short
        assertRejected("urn:epc:id:sgtin:030001.00123x5.1", 29);             // non-digit
        assertRejected("urn:epc:id:sgtin:030001.0012345.", 32);              // empty serial
        assertRejected("urn:epc:id:sgtin:030001.0012345.A/B", 33);           // '/' must be escaped
        assertRejected("urn:epc:id:sgtin:030001.0012345.A%2", 33);           // truncated escape
        assertRejected("urn:epc:id:sgtin:030001.0012345.A%20B", 33);         // space is not in set 82
        assertRejected("urn:epc:id:sgtin:030001.0012345.123456789012345678901", 52); // 21st character
        assertRejected("urn:epc:id:sscc:030001.4123456789", 16);             // 16 digits
        assertRejected("urn:epc:id:sgln:030001.111111", 16);                 // no extension field
        assertRejected("urn:epc:idpat:sgtin:030001.0012345.7", 35);          // serial-level patterns
        assertRejected("urn:epc:id:grai:030001.12345.1", 0);                 // unsupported scheme
        assertRejected("urn:epc:id:SGTIN:030001.0012345.1", 0);
        assertRejected("URN:EPC:ID:SGTIN:030001.0012345.1", 0);
        assertThrows(Gs1Exception.class, () -> Epc.parse(""));
        assertThrows(Gs1Exception.class, () -> Epc.parse(null));
    }

    private static void assertRejected(String urn, int position) {
        Gs1Exception e = assertThrows(Gs1Exception.class, () -> Epc.parse(urn), urn);
        assertEquals(urn, e.input(), urn);
        assertEquals(position, e.start(), urn + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(urn), e.getMessage());
    }

    @Test
    void valuesCheckTheirComponents() {
        Gtin gtin = new Gtin("00300010123455");
        assertThrows(Gs1Exception.class, () -> new Sgtin(gtin, ""));
        assertThrows(Gs1Exception.class, () -> new Sgtin(gtin, null));
        assertThrows(Gs1Exception.class, () -> new Sgtin(gtin, "A B"));
        assertThrows(Gs1Exception.class, () -> new Sgtin(gtin, "x".repeat(21)));
        assertThrows(Gs1Exception.class, () -> new Sgtin(null, "1"));
        assertThrows(Gs1Exception.class, () -> new Lgtin(gtin, "#1"));
        assertThrows(Gs1Exception.class, () -> new Sgln(new Gln("0300011111116"), ""));
        assertEquals(20, new Sgtin(gtin, "x".repeat(20)).serial().length());
    }

    @Test
    void unknownCompanyPrefixLengthIsAClearError() {
        Sgtin s = new Sgtin(new Gtin("00300010123455"), "1");
        Gs1Exception e = assertThrows(Gs1Exception.class, () -> s.toUrn(d -> GcpLengthResolver.UNKNOWN));
        assertEquals("GCP_LENGTH_UNKNOWN", e.rule());
        assertTrue(e.getMessage().contains("00300010123455"), e.getMessage());
        assertEquals("GCP_LENGTH_INVALID", assertThrows(Gs1Exception.class, () -> s.toUrn(d -> 5)).rule());
        assertEquals("GCP_LENGTH_INVALID", assertThrows(Gs1Exception.class, () -> s.toUrn(d -> 13)).rule());
    }

    @Test
    void fromElementStringTakesTheMostFineGrainedKeySet() {
        Gtin gtin = new Gtin("00300010123455");
        assertEquals(new Sgtin(gtin, "S1"), Epc.fromElementString(es("01", gtin.value(), "17", "261231", "10", "L1",
                "21", "S1")));
        assertEquals(new Lgtin(gtin, "L1"), Epc.fromElementString(es("01", gtin.value(), "10", "L1")));
        assertEquals(new SgtinPattern(gtin), Epc.fromElementString(es("01", gtin.value(), "17", "261231")));
        assertEquals(new SsccEpc(new Sscc("403000112345678901")),
                Epc.fromElementString(es("00", "403000112345678901", "02", gtin.value(), "37", "10")));
        assertEquals(new Sgln(new Gln("0300011111116"), "7"),
                Epc.fromElementString(es("414", "0300011111116", "254", "7")));
        assertEquals("EPC_NO_SCHEME", assertThrows(Gs1Exception.class,
                () -> Epc.fromElementString(es("8004", "0300011234")))
                .rule());
        assertEquals("EPC_NO_KEY", assertThrows(Gs1Exception.class,
                () -> Epc.fromElementString(es("10", "L1"))).rule());
    }

    @Test
    void elementStringsOfEachEpc() {
        Gtin gtin = new Gtin("00300010123455");
        assertEquals(es("01", gtin.value(), "21", "S1"), new Sgtin(gtin, "S1").toElementString());
        assertEquals(es("01", gtin.value(), "10", "L1"), new Lgtin(gtin, "L1").toElementString());
        assertEquals(es("01", gtin.value()), new SgtinPattern(gtin).toElementString());
        assertEquals(es("00", "403000112345678901"), new SsccEpc(new Sscc("403000112345678901")).toElementString());
        assertEquals(es("414", "0300011111116"), new Sgln(new Gln("0300011111116")).toElementString());
    }

    static ElementString es(String... aiValue) {
        List<AiElement> l = new java.util.ArrayList<>();
        for (int i = 0; i < aiValue.length; i += 2) {
            l.add(new AiElement(aiValue[i], aiValue[i + 1]));
        }
        return new ElementString(l, null);
    }
}
