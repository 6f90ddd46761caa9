package io.tracegate.gs1.property;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tracegate.gs1.AiElement;
import io.tracegate.gs1.ElementString;
import io.tracegate.gs1.Gs1Parser;
import io.tracegate.gs1.ParseOptions;
import io.tracegate.gs1.Symbology;
import io.tracegate.gs1.dl.DigitalLink;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** parse(format(x)) == x for random valid messages, in every input and output form. */
class ElementStringRoundTripTest {

    private static final char GS = '\u001D';

    private final Gs1Parser parser = new Gs1Parser(ParseOptions.defaults().withClock(ValidElementStrings.CLOCK));

    @Provide
    Arbitrary<ElementString> messages() {
        return ValidElementStrings.any();
    }

    @Property(tries = 1000)
    void bracketed(@ForAll("messages") ElementString x) {
        assertEquals(x, parser.parseBracketed(x.toBracketed()));
    }

    @Property(tries = 1000)
    void unbracketed(@ForAll("messages") ElementString x) {
        assertEquals(x, parser.parseUnbracketed(x.toUnbracketed()));
    }

    /** GS only after variable-length values that are not last, as a printer should encode it. */
    @Property(tries = 1000)
    void scanDataWithSeparatorsOnlyWhereNeeded(@ForAll("messages") ElementString x) {
        assertEquals(x, parser.parseScanData(x.toScanData()));
    }

    /** The other carriers, and the fixed-length-first order that saves separators (a different message order). */
    @Property(tries = 1000)
    void scanDataOfEveryGs1Carrier(@ForAll("messages") ElementString x) {
        for (Symbology s : List.of(Symbology.DATA_MATRIX, Symbology.QR_CODE, Symbology.DOTCODE, Symbology.GS1_128,
                Symbology.GS1_DATABAR)) {
            assertEquals(x, parser.parseScanData(x.toScanData(s, false)), s.name());
            assertEquals(Set.copyOf(x.elements()), Set.copyOf(parser.parseScanData(x.toScanData(s, true)).elements()),
                    s.name());
        }
    }

    /** A GS after every element, even of predefined length, and a trailing one: tolerated, same message. */
    @Property(tries = 1000)
    void scanDataWithSeparatorsEverywhere(@ForAll("messages") ElementString x) {
        StringBuilder b = new StringBuilder("]d2");
        for (AiElement e : x.elements()) {
            b.append(e.ai()).append(e.value()).append(GS);
        }
        assertEquals(x, parser.parseScanData(b.toString()));
    }

    /**
     * A Digital Link puts the key and its qualifiers in the path and the rest in the query, so the order changes
     * but the elements do not; and a URI read and written again is the same URI.
     */
    @Property(tries = 1000)
    void digitalLink(@ForAll("messages") ElementString x) {
        for (String stem : List.of(DigitalLink.CANONICAL_STEM, "https://example.com", "http://scan.example.org/dl")) {
            String uri = x.toDigitalLink(stem);
            ElementString back = parser.parseDigitalLink(uri);
            assertEquals(new HashSet<>(x.elements()), new HashSet<>(back.elements()), uri);
            assertEquals(x.elements().size(), back.elements().size(), uri);
            assertEquals(uri, back.toDigitalLink(stem));
        }
    }
}
