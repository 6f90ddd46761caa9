package io.tracegate.gs1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Damage that keyboard-wedge scanners do to scan data, and what the parser makes of it. */
class KeyboardWedgeTest {

    private static final String GS = "\u001D";
    private static final String CLEAN = "]d2" + "0100300010123455" + "10ABC123" + GS + "21SN0001";

    private final Gs1Parser plain = new Gs1Parser(ParseOptions.defaults().withClock(Gs1ParserTest.CLOCK));
    private final Gs1Parser substitutes = new Gs1Parser(ParseOptions.defaults().withClock(Gs1ParserTest.CLOCK)
            .withSeparators(List.of("|", "<GS>", "{GS}")));

    @Test
    void substituteSeparatorsStandForGs() {
        ElementString expected = plain.parseScanData(CLEAN);
        for (String sub : List.of("|", "<GS>", "{GS}")) {
            assertEquals(expected, substitutes.parseScanData(CLEAN.replace(GS, sub)), sub);
        }
    }

    @Test
    void substitutesAreOnlyHonouredWhenConfigured() {
        Gs1Exception e = assertThrows(Gs1Exception.class, () -> plain.parseScanData(CLEAN.replace(GS, "|")));
        assertEquals("GS1_LINTER_INVALID_CSET82_CHARACTER", e.rule());
        assertEquals(CLEAN.indexOf(GS), e.start());
    }

    @Test
    void strayControlCharactersAndByteOrderMarkAreDropped() {
        ElementString expected = plain.parseScanData(CLEAN);
        assertEquals(expected, plain.parseScanData("\uFEFF" + CLEAN));
        assertEquals(expected, plain.parseScanData(CLEAN + "\r\n"));
        assertEquals(expected, plain.parseScanData(CLEAN.replace("ABC", "A\u0000BC")));
        assertEquals(expected, plain.parseScanData(CLEAN.replace("21SN", "21\rSN")));
    }

    @Test
    void trailingSeparatorIsTolerated() {
        assertEquals(plain.parseScanData(CLEAN), plain.parseScanData(CLEAN + GS));
        assertEquals(plain.parseScanData(CLEAN), substitutes.parseScanData(CLEAN + "{GS}\r\n"));
    }

    @Test
    void separatorAfterPredefinedLengthElementIsTolerated() {
        assertEquals(plain.parseScanData(CLEAN),
                plain.parseScanData(CLEAN.replace("0100300010123455", "0100300010123455" + GS)));
    }

    @Test
    void leadingSeparatorAfterSymbologyIdentifierIsAnError() {
        Gs1Exception e = assertThrows(Gs1Exception.class, () -> plain.parseScanData("]d2" + GS + CLEAN.substring(3)));
        assertEquals("LEADING_SEPARATOR", e.rule());
        assertEquals(3, e.start());
    }

    @Test
    void doubledSeparatorIsAnError() {
        Gs1Exception e = assertThrows(Gs1Exception.class, () -> plain.parseScanData(CLEAN.replace(GS, GS + GS)));
        assertEquals("NO_AI_FOR_PREFIX", e.rule());
    }

    @Test
    void compositeBoundaryInUnbracketedFormIsAnFnc1EvenWithBarAsSubstitute() {
        String data = "^0100300010123455|^10ABC123^21SN0001";
        assertEquals(plain.parseScanData(CLEAN), plain.parseUnbracketed(data));
        assertEquals(plain.parseScanData(CLEAN), substitutes.parseUnbracketed(data));
    }

    @Test
    void unbracketedFormAcceptsGsForFnc1() {
        assertEquals(plain.parseScanData(CLEAN), plain.parseUnbracketed("^0100300010123455" + "10ABC123" + GS
                + "21SN0001\n"));
    }
}
