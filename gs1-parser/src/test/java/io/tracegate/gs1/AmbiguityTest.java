package io.tracegate.gs1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A variable-length value that swallowed text which itself reads as element strings (issue item 7). */
class AmbiguityTest {

    private static final String GS = "\u001D";
    private static final String SWALLOWED = "]d2" + "0100300010123455" + "10ABC12317271231";

    private final Gs1Parser parser = new Gs1Parser(ParseOptions.defaults().withClock(Gs1ParserTest.CLOCK));

    @Test
    void longestReadingIsChosenAndTheSplitIsOffered() {
        ElementString es = parser.parseScanData(SWALLOWED);
        assertEquals("ABC12317271231", es.lot());
        Ambiguity ambiguity = es.ambiguity().orElseThrow();
        assertTrue(ambiguity.alternatives().contains(List.of(new AiElement("01", "00300010123455"),
                new AiElement("10", "ABC123"), new AiElement("17", "271231"))), ambiguity.toString());
        // every alternative is itself a valid reading, as the parser would accept it with brackets
        for (List<AiElement> alternative : ambiguity.alternatives()) {
            assertEquals(alternative, parser.validate(alternative).elements());
        }
    }

    @Test
    void strictModeRejectsAmbiguousData() {
        Gs1Parser strict = new Gs1Parser(ParseOptions.defaults().withClock(Gs1ParserTest.CLOCK)
                .withStrictAmbiguity(true));
        Gs1Exception e = assertThrows(Gs1Exception.class, () -> strict.parseScanData(SWALLOWED));
        assertEquals("AMBIGUOUS", e.rule());
        assertEquals("10", e.ai());
        assertEquals(SWALLOWED.indexOf("10ABC"), e.start());
        assertEquals(SWALLOWED.length(), e.end());
        assertEquals("ABC123", strict.parseScanData(SWALLOWED.replace("ABC123", "ABC123" + GS)).lot());
    }

    @Test
    void valueEndedBySeparatorOrWithoutEmbeddedAiIsNotAmbiguous() {
        assertTrue(parser.parseScanData("]d2" + "0100300010123455" + "10ABC12317271231" + GS + "21X")
                .ambiguity().isEmpty());
        assertTrue(parser.parseScanData("]d2" + "0100300010123455" + "17271231" + "21ABCDEFGHIJ")
                .ambiguity().isEmpty());
        assertTrue(parser.parseBracketed("(01)00300010123455(10)ABC12317271231").ambiguity().isEmpty());
    }

    @Test
    void cutsBreakingCrossAiRulesAreNoAlternative() {
        // (254) would need (414); a second (01) with another GTIN would repeat an AI with a different value
        assertTrue(parser.parseScanData("]d2" + "0100300010123455" + "10ABC254XYZ").ambiguity().isEmpty());
        assertTrue(parser.parseScanData("]d2" + "0100300010123455" + "10AB0100012345678004").ambiguity().isEmpty());
        // the same GTIN again is a valid repeat, so that cut is an alternative
        List<List<AiElement>> same = parser.parseScanData("]d2" + "0100300010123455" + "10AB0100300010123455")
                .ambiguity().orElseThrow().alternatives();
        assertTrue(same.contains(List.of(new AiElement("01", "00300010123455"), new AiElement("10", "AB"),
                new AiElement("01", "00300010123455"))), same.toString());
    }

    @Test
    void lostSeparatorInUnbracketedFormIsReportedToo() {
        ElementString es = parser.parseUnbracketed("^010030001012345521SN00110LOT1");
        assertEquals("SN00110LOT1", es.serial());
        assertTrue(es.ambiguity().orElseThrow().alternatives().contains(List.of(new AiElement("01", "00300010123455"),
                new AiElement("21", "SN001"), new AiElement("10", "LOT1"))));
    }
}
