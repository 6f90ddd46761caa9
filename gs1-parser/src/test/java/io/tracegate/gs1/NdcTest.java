package io.tracegate.gs1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NdcTest {

    @Test
    void gs1UsExampleMapsBothWays() {
        Ndc ndc = Ndc.parse("0001-0123-45");
        assertEquals(Ndc.Format.L4_P4_K2, ndc.format());
        assertEquals(new Gtin("00300010123455"), ndc.toGtin());
        assertEquals(ndc, Ndc.fromGtin(new Gtin("00300010123455"), Ndc.Format.L4_P4_K2));
        assertEquals("0001012345", ndc.digits());
    }

    @Test
    void higherPackagingLevelsChangeOnlyTheIndicator() {
        Ndc ndc = Ndc.parse("0001-0123-45");
        assertEquals(new Gtin("10300010123452"), ndc.toGtin(1));
        assertEquals(ndc, Ndc.fromGtin(new Gtin("10300010123452"), Ndc.Format.L4_P4_K2));
        assertThrows(IllegalArgumentException.class, () -> ndc.toGtin(9));
    }

    @Test
    void hyphenationComesFromTheCaller() {
        Gtin gtin = new Gtin("00300010123455");
        assertEquals("0001-0123-45", Ndc.fromGtin(gtin, Ndc.Format.L4_P4_K2).toString());
        assertEquals("00010-123-45", Ndc.fromGtin(gtin, Ndc.Format.L5_P3_K2).toString());
        assertEquals("00010-1234-5", Ndc.fromGtin(gtin, Ndc.Format.L5_P4_K1).toString());
    }

    @Test
    void elevenDigitFormPadsTheShortSegment() {
        assertEquals("00001-0123-45", Ndc.parse("0001-0123-45").ndc11());
        assertEquals("12345-0678-90", Ndc.parse("12345-678-90").ndc11());
        assertEquals("12345-6789-01", Ndc.parse("12345-6789-1").ndc11());
        for (String s : new String[] {"0001-0123-45", "12345-678-90", "12345-6789-1"}) {
            Ndc ndc = Ndc.parse(s);
            assertEquals(ndc, Ndc.fromNdc11(ndc.ndc11(), ndc.format()));
        }
        assertThrows(IllegalArgumentException.class, () -> Ndc.fromNdc11("12345-6789-01", Ndc.Format.L4_P4_K2));
    }

    @Test
    void onlyGtinsWithTheUsPrefixCarryAnNdc() {
        assertTrue(Ndc.isNdcGtin(new Gtin("00300010123455")));
        assertFalse(Ndc.isNdcGtin(new Gtin("09520123456788")));
        assertThrows(IllegalArgumentException.class,
                () -> Ndc.fromGtin(new Gtin("09520123456788"), Ndc.Format.L4_P4_K2));
    }

    @Test
    void malformedNdcsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Ndc.parse("0001012345"));
        assertThrows(IllegalArgumentException.class, () -> Ndc.parse("001-0123-45"));
        assertThrows(IllegalArgumentException.class, () -> Ndc.parse("0001-0123-4X"));
        assertThrows(IllegalArgumentException.class, () -> Ndc.of("000101234", Ndc.Format.L4_P4_K2));
    }
}
