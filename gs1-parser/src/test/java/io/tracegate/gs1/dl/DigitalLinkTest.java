package io.tracegate.gs1.dl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tracegate.gs1.AiElement;
import io.tracegate.gs1.ElementString;
import io.tracegate.gs1.Gs1Exception;
import io.tracegate.gs1.Gs1Parser;
import io.tracegate.gs1.ParseOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigitalLinkTest {

    private static final Gs1Parser PARSER = new Gs1Parser();

    @Test
    void dscsaUnitWithLotSerialAndExpiry() {
        ElementString es = DigitalLink.parse(
                "https://id.gs1.org/01/00300010123455/10/A123/21/SN0001?17=261231", PARSER);
        assertEquals(es("01", "00300010123455", "10", "A123", "21", "SN0001", "17", "261231"), es);
    }

    @Test
    void anyDomainAndPathPrefixBeforeTheKey() {
        assertEquals(es("00", "006141411234567890"),
                DigitalLink.parse("HTTP://example.com:8080/some/stem/00/006141411234567890#frag", PARSER));
        // an AI-looking segment in the stem does not confuse the walk back from the end
        assertEquals(es("00", "006141411234567890"),
                DigitalLink.parse("https://a/00/faux/00/006141411234567890", PARSER));
    }

    @Test
    void percentDecodingPlusAndQueryNoise() {
        ElementString es = DigitalLink.parse(
                "https://a/01/12312312312333/22/A%2Fb+1?utm=x&98=X%2f9&&flag&99=Q", PARSER);
        // '+' in a path segment is a literal plus; non-AI parameters and singletons are ignored
        assertEquals(es("01", "12312312312333", "22", "A/b+1", "98", "X/9", "99", "Q"), es);
    }

    @Test
    void zeroSuppressedGtinOnlyWhenPermitted() {
        String uri = "https://a/01/9520123456788";
        assertThrows(Gs1Exception.class, () -> DigitalLink.parse(uri, PARSER));
        Gs1Parser zs = new Gs1Parser(ParseOptions.defaults().withPermitZeroSuppressedGtin(true));
        assertEquals(es("01", "09520123456788"), DigitalLink.parse(uri, zs));
        assertEquals(es("01", "00000002345673"), DigitalLink.parse("https://a/01/02345673", zs));
    }

    @Test
    void errorsNameTheRuleAndThePositionInTheUri() {
        assertError("HtTp://a/01/12312312312333", "DL_SCHEME", 0);
        assertError("https://a/01/12312312312333 x", "DL_ILLEGAL_CHARACTER", 27);
        assertError("https://a$b/01/12312312312333", "DL_DOMAIN_CHARACTER", 9);
        assertError("https://a", "DL_NO_DOMAIN_OR_PATH", 8);
        assertError("https://a/b/c", "DL_NO_KEY", 9);
        assertError("https://a/01/12312312312333/", "DL_NO_KEY", 9);
        assertError("https://a/01/12312312312333/10/", "DL_EMPTY_VALUE", 31);
        assertError("https://a/01/12312312312333/21/1/10/2", "DL_KEY_QUALIFIER_SEQUENCE", 31);
        assertError("https://a/01/12312312312333/99/1", "DL_KEY_QUALIFIER_SEQUENCE", 31);
        assertError("https://a/01/1231231231233%003", "DL_NULL_CHARACTER", 26);
        assertError("https://a/01/12312312312333?99=", "DL_EMPTY_VALUE", 28);
        assertError("https://a/01/12312312312333?999=1", "DL_UNKNOWN_AI", 28);
        assertError("https://a/01/12312312312333?10=L1", "DL_ATTRIBUTE_BELONGS_IN_PATH", 31);
        assertError("https://a/01/12312312312333?99=1&99=2", "DL_DUPLICATE_AI", 36);
        assertError("https://a/01/12312312312333?8200=x", "DL_NOT_DATA_ATTRIBUTE", 33);
    }

    @Test
    void valueErrorsFromValidationPointAtTheValueInTheUri() {
        Gs1Exception e = assertThrows(Gs1Exception.class,
                () -> DigitalLink.parse("https://a/01/12312312312334/21/X", PARSER));
        assertEquals("01", e.ai());
        assertEquals("https://a/01/12312312312334/21/X", e.input());
        assertEquals("https://a/01/1231231231233|4|/21/X", e.markup(), "the check digit is marked");
        // a bad character inside a value is marked where it stands in the URI ('+' is a space in the query)
        Gs1Exception c = assertThrows(Gs1Exception.class,
                () -> DigitalLink.parse("https://a/01/12312312312333?98=XYZ+987", PARSER));
        assertEquals("https://a/01/12312312312333?98=XYZ|+|987", c.markup());
        // where decoding changed the length, the whole encoded value is marked
        Gs1Exception d = assertThrows(Gs1Exception.class,
                () -> DigitalLink.parse("https://a/01/12312312312333/21/A%20B", PARSER));
        assertEquals("https://a/01/12312312312333/21/|A%20B|", d.markup());
    }

    private static void assertError(String uri, String rule, int start) {
        Gs1Exception e = assertThrows(Gs1Exception.class, () -> DigitalLink.parse(uri, PARSER), uri);
        assertEquals(rule, e.rule(), uri + ": " + e.getMessage());
        assertEquals(start, e.start(), uri + ": " + e.getMessage());
        assertEquals(uri, e.input());
    }

    @Test
    void generatesKeyQualifiersInPathOrderAndAttributesFixedLengthFirst() {
        ElementString es = es("17", "261231", "21", "S/1+", "10", "L1", "01", "00300010123455", "99", "a b");
        assertEquals("https://id.gs1.org/01/00300010123455/10/L1/21/S%2F1%2B?17=261231&99=a%20b",
                DigitalLink.generate(es, null));
        assertEquals("https://example.com/01/00300010123455/10/L1/21/S%2F1%2B?17=261231&99=a%20b",
                DigitalLink.generate(es, "https://example.com/"));
    }

    @Test
    void generationErrors() {
        assertEquals("DL_NO_PRIMARY_KEY", assertThrows(Gs1Exception.class,
                () -> DigitalLink.generate(es("10", "L1"), null)).rule());
        assertEquals("DL_NOT_DATA_ATTRIBUTE", assertThrows(Gs1Exception.class,
                () -> DigitalLink.generate(es("01", "00300010123455", "8200", "http://x"), null)).rule());
    }

    @Test
    void roundTripsElementStringToUriAndBack() {
        for (ElementString es : List.of(
                es("01", "00300010123455", "21", "SN0001", "10", "A123", "17", "261231"),
                es("01", "00300010123455", "22", "V+1", "10", "L/1", "21", "%S&"),
                es("00", "403000112345678901"),
                es("414", "0300011111116", "254", "DOCK 7".replace(' ', '-')),
                es("8004", "0300011234", "99", "x?y=z"))) {
            String uri = DigitalLink.generate(es, null);
            ElementString back = DigitalLink.parse(uri, PARSER);
            assertEquals(DigitalLink.generate(back, null), uri);
            assertEquals(sorted(es), sorted(back), uri);
        }
    }

    private static List<String> sorted(ElementString es) {
        List<String> l = new ArrayList<>();
        es.elements().forEach(e -> l.add(e.toString()));
        l.sort(null);
        return l;
    }

    static ElementString es(String... aiValue) {
        List<AiElement> l = new ArrayList<>();
        for (int i = 0; i < aiValue.length; i += 2) {
            l.add(new AiElement(aiValue[i], aiValue[i + 1]));
        }
        return new ElementString(l, null);
    }
}
