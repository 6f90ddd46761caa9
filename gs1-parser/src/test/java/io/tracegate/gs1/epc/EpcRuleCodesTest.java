package io.tracegate.gs1.epc;

import static io.tracegate.gs1.epc.EpcTest.es;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegate.gs1.Gs1Exception;
import io.tracegate.gs1.Gtin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Each rule code {@link Epc} documents, with the span it marks: one bad input per code and span kind. */
class EpcRuleCodesTest {

    private static final String SGTIN = "urn:epc:id:sgtin:030001.0012345.";
    private static final Gtin GTIN = new Gtin("00300010123455");

    @Test
    void noEpc() {
        assertEquals("EPC_EMPTY", assertThrows(Gs1Exception.class, () -> Epc.parse("")).rule());
        assertEquals("EPC_EMPTY", assertThrows(Gs1Exception.class, () -> Epc.parse(null)).rule());
    }

    @Test
    void schemeNotReadHereSpansTheScheme() {
        assertUrn("urn:epc:id:grai:030001.12345.1", "EPC_SCHEME", "urn:epc:id:grai:", null);
        assertUrn("urn:epc:id:SGTIN:030001.0012345.1", "EPC_SCHEME", "urn:epc:id:SGTIN:", null);
        // a pattern narrower or wider than one GTIN: the fields that make it so
        assertUrn("urn:epc:idpat:sgtin:030001.0012345.7", "EPC_SCHEME", "7", null);
        assertUrn("urn:epc:idpat:sgtin:030001.*.*", "EPC_SCHEME", "*.*", null);
    }

    @Test
    void syntaxSpansTheBodyOrTheBadPart() {
        assertUrn("urn:epc:id:sgtin:030001.0012345", "EPC_SYNTAX", "030001.0012345", null);
        assertUrn("urn:epc:id:sgln:030001.111111", "EPC_SYNTAX", "030001.111111", null);
        assertUrn("urn:epc:id:sscc:030001.41234.567890", "EPC_SYNTAX", ".567890", null);
        assertUrn(SGTIN + "A%2", "EPC_SYNTAX", "%2", "21");
        assertUrn(SGTIN + "A%G1B", "EPC_SYNTAX", "%G1", "21");
    }

    @Test
    void characterNotAllowedSpansTheCharacterOrTheEscape() {
        assertUrn("urn:epc:id:sgtin:030001.00123x5.1", "EPC_CSET", "x", null);
        assertUrn("urn:epc:idpat:sgtin:030001.00123X5.*", "EPC_CSET", "X", null);
        assertUrn(SGTIN + "A/B", "EPC_CSET", "/", "21");          // in set 82, but a URN must escape it
        assertUrn(SGTIN + "A#B", "EPC_CSET", "#", "21");          // not in set 82 at all
        assertUrn(SGTIN + "A%20B", "EPC_CSET", "%20", "21");      // an escaped space
        assertUrn("urn:epc:class:lgtin:030001.0012345.L\u00e91", "EPC_CSET", "\u00e9", "10");
    }

    @Test
    void companyPrefixLengthSpansThePrefixField() {
        assertUrn("urn:epc:id:sgtin:03001.00123456.1", "EPC_GCP_LENGTH", "03001", null);
        assertUrn("urn:epc:id:sgln:0300011111111.0.0", "EPC_GCP_LENGTH", "0300011111111", null);
    }

    @Test
    void lengthSpansTheKeyFieldsOrTheExcess() {
        assertUrn("urn:epc:id:sgtin:030001.001234.1", "EPC_LENGTH", "030001.001234", null);
        assertUrn("urn:epc:id:sscc:030001.4123456789", "EPC_LENGTH", "030001.4123456789", null);
        assertUrn(SGTIN + "12345678901234567890X", "EPC_LENGTH", "X", "21");
        // the excess counted in unescaped characters: the 21st character comes after an escape
        assertUrn(SGTIN + "A".repeat(19) + "%2FXY", "EPC_LENGTH", "XY", "21");
        assertUrn("urn:epc:id:sgln:030001.111111.", "EPC_LENGTH", "", "254");
    }

    @Test
    void aNonDigitGoesBeforeALengthProblem() {
        assertUrn("urn:epc:id:sgtin:03001.0012x456.1", "EPC_CSET", "x", null);
    }

    @Test
    void keysOfElementStrings() {
        assertKey(() -> Epc.fromElementString(es("01", "00300010123454", "21", "1")), "EPC_CHECK_DIGIT",
                "00300010123454", 13, 14, "01");
        assertKey(() -> Epc.fromElementString(es("00", "40300011234567890")), "EPC_LENGTH", "40300011234567890", 0,
                17, "00");
        assertKey(() -> Epc.fromElementString(es("414", "03000111111X6")), "EPC_CSET", "03000111111X6", 11, 12,
                "414");
    }

    @Test
    void componentsOfValues() {
        assertKey(() -> new Sgtin(GTIN, "A B"), "EPC_CSET", "A B", 1, 2, "21");
        assertKey(() -> new Lgtin(GTIN, "x".repeat(21)), "EPC_LENGTH", "x".repeat(21), 20, 21, "10");
        assertKey(() -> new Sgtin(GTIN, ""), "EPC_LENGTH", "", 0, 0, "21");
        Gs1Exception missing = assertThrows(Gs1Exception.class, () -> new Lgtin(GTIN, null));
        assertEquals("EPC_COMPONENT_EMPTY", missing.rule());
    }

    @Test
    void extensionZeroIsNoExtensionEvenEscaped() {
        assertNull(((Sgln) Epc.parse("urn:epc:id:sgln:030001.111111.%30")).extension());
    }

    /** The URN fails with {@code rule}, marking the first occurrence of {@code span} after the scheme's colon. */
    private static void assertUrn(String urn, String rule, String span, String ai) {
        Gs1Exception e = assertThrows(Gs1Exception.class, () -> Epc.parse(urn), urn);
        int start = span.startsWith("urn:") ? 0 : span.isEmpty() ? urn.length() : urn.indexOf(span, 16);
        String where = urn + " -> " + e.markup() + ": " + e.getMessage();
        assertEquals(rule, e.rule(), where);
        assertEquals(urn, e.input(), where);
        assertEquals(start, e.start(), where);
        assertEquals(start + span.length(), e.end(), where);
        assertEquals(ai, e.ai(), where);
        assertTrue(e.getMessage().contains(urn), where);
    }

    private static void assertKey(Executable code, String rule, String input, int start, int end, String ai) {
        Gs1Exception e = assertThrows(Gs1Exception.class, code);
        String where = e.markup() + ": " + e.getMessage();
        assertEquals(rule, e.rule(), where);
        assertEquals(input, e.input(), where);
        assertEquals(start, e.start(), where);
        assertEquals(end, e.end(), where);
        assertEquals(ai, e.ai(), where);
    }
}
