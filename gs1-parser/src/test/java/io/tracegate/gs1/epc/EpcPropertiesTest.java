package io.tracegate.gs1.epc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tracegate.gs1.AiElement;
import io.tracegate.gs1.ElementString;
import io.tracegate.gs1.Gln;
import io.tracegate.gs1.Gs1Parser;
import io.tracegate.gs1.Gtin;
import io.tracegate.gs1.Sscc;
import io.tracegate.gs1.dl.DigitalLink;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Random EPCs survive URN and Digital Link conversions; random DSCSA element strings survive Digital Link. */
class EpcPropertiesTest {

    /** GS1 AI encodable character set 82, the alphabet of serials, lots and GLN extensions. */
    private static final String CSET82 =
            "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

    @Property(tries = 300)
    void urnToDigitalLinkAndBack(@ForAll("epcs") Epc epc, @ForAll @IntRange(min = 6, max = 12) int gcpLength) {
        GcpLengthResolver resolver = digits -> gcpLength;
        String urn = epc.toUrn(resolver);
        assertEquals(epc, Epc.parse(urn), urn);
        String dl = epc.toDigitalLink();
        Epc fromDl = Epc.parse(dl);
        assertEquals(epc, fromDl, dl);
        assertEquals(urn, fromDl.toUrn(resolver), dl);
    }

    /** The direct Digital Link of units and logistic units is the general one, character for character. */
    @Property(tries = 1000)
    void directDigitalLinksEqualTheGeneralOnes(@ForAll("epcs") Epc epc, @ForAll("unicodeSerials") String serial,
            @ForAll("gtins") Gtin gtin) {
        assertEquals(DigitalLink.generate(epc.toElementString(), DigitalLink.CANONICAL_STEM), epc.toDigitalLink());
        // a serial outside CSET 82 cannot be an Sgtin; the encoding of such text is checked through the key alone
        String general = DigitalLink.generate(new ElementString(List.of(new AiElement("01", gtin.value()),
                new AiElement("21", serial)), null), DigitalLink.CANONICAL_STEM);
        assertEquals(general, DigitalLink.canonical("01", gtin.value(), "21", serial));
    }

    @Provide
    Arbitrary<String> unicodeSerials() {
        return Arbitraries.strings().all().ofMinLength(1).ofMaxLength(20);
    }

    @Property(tries = 200)
    void dscsaElementStringsThroughDigitalLink(@ForAll("gtins") Gtin gtin, @ForAll("components") String serial,
            @ForAll("components") String lot, @ForAll("expiries") String expiry) {
        ElementString es = new ElementString(List.of(new AiElement("01", gtin.value()), new AiElement("17", expiry),
                new AiElement("10", lot), new AiElement("21", serial)), null);
        String uri = DigitalLink.generate(es, null);
        ElementString back = DigitalLink.parse(uri, new Gs1Parser());
        // the URI carries the key and qualifiers first, then the attributes
        assertEquals(List.of(es.elements().get(0), es.elements().get(2), es.elements().get(3), es.elements().get(1)),
                back.elements(), uri);
        assertEquals(uri, DigitalLink.generate(back, null));
        assertEquals(new Sgtin(gtin, serial), Epc.fromElementString(back));
    }

    @Provide
    Arbitrary<Epc> epcs() {
        Arbitrary<Epc> sgtin = Combinators.combine(gtins(), components()).as(Sgtin::new);
        Arbitrary<Epc> lgtin = Combinators.combine(gtins(), components()).as(Lgtin::new);
        Arbitrary<Epc> pattern = gtins().map(SgtinPattern::new);
        Arbitrary<Epc> sscc = digits(17).map(d -> new SsccEpc(Sscc.withCheckDigit(d)));
        // extension "0" would read back as "no extension" from the URN, which the TDS defines that way
        Arbitrary<Epc> sgln = Combinators.combine(digits(12), components().filter(x -> !x.equals("0")).injectNull(0.3))
                .as((d, ext) -> new Sgln(Gln.withCheckDigit(d), ext));
        return Arbitraries.oneOf(sgtin, lgtin, pattern, sscc, sgln);
    }

    @Provide
    Arbitrary<Gtin> gtins() {
        return digits(13).map(Gtin::withCheckDigit);
    }

    @Provide
    Arbitrary<String> components() {
        return Arbitraries.strings().withChars(CSET82.toCharArray()).ofMinLength(1).ofMaxLength(20);
    }

    @Provide
    Arbitrary<String> expiries() {
        return Combinators.combine(Arbitraries.integers().between(0, 99), Arbitraries.integers().between(1, 12),
                Arbitraries.integers().between(0, 28)).as((y, m, d) -> String.format("%02d%02d%02d", y, m, d));
    }

    private static Arbitrary<String> digits(int n) {
        return Arbitraries.strings().numeric().ofLength(n);
    }
}
