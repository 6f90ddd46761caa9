package io.tracegate.gs1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class Gs1ParserTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-15T10:00:00Z"), ZoneOffset.UTC);
    static final String GS = "\u001D";
    /** A DSCSA carrier: GTIN (NDC 0001-0123-45), expiry, lot, serial. */
    static final String DSCSA = "]d2" + "0100300010123455" + "17271231" + "10ABC123" + GS + "21SN0001";

    private final Gs1Parser parser = new Gs1Parser(ParseOptions.defaults().withClock(CLOCK));

    @Test
    void readsDscsaScanDataWithTypedAccessors() {
        ElementString es = parser.parseScanData(DSCSA);
        assertEquals(List.of(new AiElement("01", "00300010123455"), new AiElement("17", "271231"),
                new AiElement("10", "ABC123"), new AiElement("21", "SN0001")), es.elements());
        assertEquals(new Gtin("00300010123455"), es.gtin());
        assertEquals("ABC123", es.lot());
        assertEquals("SN0001", es.serial());
        assertEquals(LocalDate.of(2027, 12, 31), es.expiry().date());
        assertEquals("0001-0123-45", es.ndc(Ndc.Format.L4_P4_K2).toString());
        assertTrue(es.ambiguity().isEmpty());
    }

    @Test
    void everyGs1SymbologyIdentifierCarriesTheSameElements() {
        ElementString expected = parser.parseScanData(DSCSA);
        for (String id : List.of("]Q3", "]J1", "]C1", "]e0")) {
            assertEquals(expected, parser.parseScanData(id + DSCSA.substring(3)), id);
        }
    }

    @Test
    void plainDataSymbologiesAreRejectedAsNotGs1() {
        for (String id : List.of("]d1", "]Q1", "]J0")) {
            Gs1Exception e = assertThrows(Gs1Exception.class, () -> parser.parseScanData(id + "0100300010123455"));
            assertEquals("PLAIN_DATA", e.rule());
            assertTrue(e.getMessage().contains("plain data"), e.getMessage());
        }
    }

    @Test
    void digitalLinkInPlainDataSymbologyGoesToTheDigitalLinkParser() {
        ElementString es = parser.parseScanData("]d1https://example.com/01/00300010123455/21/SN1?17=271231");
        assertEquals("(01)00300010123455(21)SN1(17)271231", es.toBracketed());
        assertEquals(es, parser.parseScanData("]Q1HTTPS://example.com/01/00300010123455/21/SN1?17=271231"));
        assertEquals("https://id.gs1.org/01/00300010123455/21/SN1?17=271231", es.toDigitalLink("https://id.gs1.org"));
        // only a scheme in one case is a URI; anything else in ]Q1 is plain data
        assertEquals("PLAIN_DATA", assertThrows(Gs1Exception.class,
                () -> parser.parseScanData("]Q1HtTps://example.com/01/00300010123455")).rule());
    }

    @Test
    void symbologyIdentifierIsRequiredAndMustBeKnown() {
        assertEquals("MISSING_SYMBOLOGY_IDENTIFIER",
                assertThrows(Gs1Exception.class, () -> parser.parseScanData("0100300010123455")).rule());
        assertEquals("UNSUPPORTED_SYMBOLOGY_IDENTIFIER",
                assertThrows(Gs1Exception.class, () -> parser.parseScanData("]X90100300010123455")).rule());
        assertEquals("The AI data is empty",
                assertThrows(Gs1Exception.class, () -> parser.parseScanData("]d2")).getMessage());
    }

    @Test
    void upcScanReadsAsGtinWithCompositeComponent() {
        ElementString es = parser.parseScanData("]E00300010123455|]e010ABC" + GS + "21X");
        assertEquals("(01)00300010123455(10)ABC(21)X", es.toBracketed());
        Gs1Exception e = assertThrows(Gs1Exception.class, () -> parser.parseScanData("]E00300010123454"));
        assertEquals("Primary message check digit is incorrect", e.getMessage());
    }

    @Test
    void unbracketedAndBracketedFormsReadTheSame() {
        ElementString scan = parser.parseScanData(DSCSA);
        assertEquals(scan, parser.parseUnbracketed("^01003000101234551727123110ABC123^21SN0001"));
        assertEquals(scan, parser.parseBracketed("(01)00300010123455(17)271231(10)ABC123(21)SN0001"));
    }

    @Test
    void bracketEscapeIsALiteralBracket() {
        ElementString es = parser.parseBracketed("(01)00300010123455(10)AB\\(C)");
        assertEquals("AB(C)", es.lot());
        assertEquals("(01)00300010123455(10)AB\\(C)", es.toBracketed());
        assertEquals(es, parser.parseBracketed(es.toBracketed()));
    }

    @Test
    void badCheckDigitNamesAiRuleAndSpanInTheInputAsGiven() {
        String input = "]d2" + "0100300010123454" + "17271231";
        Gs1Exception e = assertThrows(Gs1Exception.class, () -> parser.parseScanData(input));
        assertEquals("01", e.ai());
        assertEquals("GS1_LINTER_INCORRECT_CHECK_DIGIT", e.rule());
        assertEquals(input.indexOf("4172"), e.start());
        assertEquals(e.start() + 1, e.end());
        assertEquals("AI (01): The numeric check digit is incorrect.", e.getMessage());
        assertEquals("]d2010030001012345|4|17271231", e.markup());
    }

    @Test
    void errorSpanCountsCharactersThatWereStripped() {
        String input = "\uFEFF]d2\r" + "0100300010123454";
        Gs1Exception e = assertThrows(Gs1Exception.class, () -> parser.parseScanData(input));
        assertEquals(input.length() - 1, e.start());
        assertEquals('4', input.charAt(e.start()));
    }

    @Test
    void lengthErrorsNameTheAiAndItsElementString() {
        String input = "(01)00300010123455(10)" + "L".repeat(21);
        Gs1Exception e = assertThrows(Gs1Exception.class, () -> parser.parseBracketed(input));
        assertEquals("10", e.ai());
        assertEquals("VALUE_TOO_LONG", e.rule());
        assertEquals("AI (10) value is too long", e.getMessage());
        assertEquals(input.indexOf("(10)"), e.start());
        assertEquals(input.length(), e.end());
        Gs1Exception tooLong = assertThrows(Gs1Exception.class,
                () -> parser.parseScanData("]d2" + "0100300010123455" + "21" + "S".repeat(21)));
        assertEquals("21", tooLong.ai());
        assertEquals("DATA_TOO_LONG", tooLong.rule());
    }

    @Test
    void mandatoryAssociationsAreEnforced() {
        Gs1Exception e = assertThrows(Gs1Exception.class, () -> parser.parseScanData("]d210ABC123" + GS + "21X"));
        assertEquals("REQUIRED_AIS", e.rule());
        assertEquals("10", e.ai());
        assertEquals("Required AIs for AI (10) are not satisfied: 01,02,03,8006,8026", e.getMessage());
        ElementString relaxed = new Gs1Parser(ParseOptions.defaults().withValidateAssociations(false))
                .parseScanData("]d210ABC123" + GS + "21X");
        assertEquals("X", relaxed.serial());
    }

    @Test
    void mutuallyExclusiveAndRepeatedAisAreRejected() {
        assertEquals("It is invalid to pair AI (21) with AI (235)", assertThrows(Gs1Exception.class,
                () -> parser.parseBracketed("(01)00300010123455(21)A(235)B")).getMessage());
        Gs1Exception e = assertThrows(Gs1Exception.class,
                () -> parser.parseBracketed("(01)00300010123455(10)A(10)B"));
        assertEquals("REPEATED_AI", e.rule());
        assertEquals("(01)00300010123455(10)A(10)B".indexOf("(10)B"), e.start());
        // the same AI twice with the same value is allowed (two carriers on one label read together)
        assertEquals("A", parser.parseBracketed("(01)00300010123455(10)A(10)A").lot());
    }

    @Test
    void unknownAisOnlyWhenPermitted() {
        String data = "^0100300010123455236XYZ";
        assertEquals("NO_AI_FOR_PREFIX", assertThrows(Gs1Exception.class, () -> parser.parseUnbracketed(data)).rule());
        Gs1Parser permissive = new Gs1Parser(ParseOptions.defaults().withPermitUnknownAis(true));
        assertEquals("XYZ", permissive.parseUnbracketed(data).get("236"));
        // an unallocated predefined-length prefix takes its length from the prefix table
        ElementString es = permissive.parseUnbracketed("^0100300010123455181234561012");
        assertEquals("123456", es.get("18"));
        assertEquals("12", es.lot());
        assertEquals("Unrecognised AI: 89", assertThrows(Gs1Exception.class,
                () -> parser.parseBracketed("(89)ABC")).getMessage());
    }

    @Test
    void validateChecksElementsAndNamesTheirPosition() {
        ElementString es = parser.validate(List.of(new AiElement("01", "00300010123455"), new AiElement("21", "X")));
        assertEquals("X", es.serial());
        Gs1Exception e = assertThrows(Gs1Exception.class,
                () -> parser.validate(List.of(new AiElement("01", "00300010123455"), new AiElement("17", "271331"))));
        assertEquals("17", e.ai());
        assertEquals("GS1_LINTER_ILLEGAL_MONTH", e.rule());
        assertEquals("(01)00300010123455(17)27|13|31", e.markup());
    }

    @Test
    void tooManyElementsAreRejected() {
        String sixtyFive = "^99X".repeat(65);
        assertEquals("Too many AIs", assertThrows(Gs1Exception.class,
                () -> parser.parseUnbracketed(sixtyFive)).getMessage());
        assertEquals(64, parser.parseUnbracketed("^99X".repeat(64)).elements().size());
    }

    @Test
    void outputFormsRoundTrip() {
        ElementString es = parser.parseScanData("]d2" + "0100300010123455" + "21SN(1)" + GS + "17271231" + "10L1");
        assertEquals("^010030001012345521SN(1)^1727123110L1", es.toUnbracketed());
        assertEquals("(01)00300010123455(21)SN\\(1)(17)271231(10)L1", es.toBracketed());
        assertEquals("]d2010030001012345521SN(1)" + GS + "1727123110L1", es.toScanData());
        assertEquals("]d2" + "0100300010123455" + "17271231" + "21SN(1)" + GS + "10L1",
                es.toScanData(Symbology.DATA_MATRIX, true));
        assertEquals("]Q3010030001012345521SN(1)" + GS + "1727123110L1", es.toScanData(Symbology.QR_CODE, false));
        assertEquals(es, parser.parseScanData(es.toScanData()));
        assertEquals(es.elements().size(), parser.parseUnbracketed(es.toUnbracketed()).elements().size());
        assertEquals("]E0" + "0300010123455" + "|]e0" + "21SN(1)" + GS + "17271231" + "10L1",
                es.toScanData(Symbology.EAN_13, false));
        assertThrows(IllegalArgumentException.class, () -> es.toScanData(Symbology.EAN_8, false));
    }

    @Test
    void absentAttributesAreNull() {
        ElementString es = parser.parseBracketed("(00)003000101234567893");
        assertNull(es.gtin());
        assertNull(es.expiry());
        assertNull(es.ndc(Ndc.Format.L4_P4_K2));
        assertEquals("003000101234567893", es.sscc().value());
        assertFalse(es.ambiguity().isPresent());
    }
}
