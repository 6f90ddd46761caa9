package io.tracegate.gs1.epc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tracegate.gs1.ElementString;
import io.tracegate.gs1.Gs1Exception;
import io.tracegate.gs1.Gs1Parser;
import io.tracegate.gs1.Gtin;
import io.tracegate.gs1.dl.DigitalLink;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** URN to Digital Link and back, and element strings through Digital Link, with real resolvers. */
class EpcRoundTripTest {

    private static final GcpLengthResolver RESOLVER =
            GcpLengthResolver.standard().withOverrides(Map.of("234567890", 9));

    private static final List<String> URNS = List.of(
            "urn:epc:id:sgtin:030001.0012345.SN0001",
            "urn:epc:id:sgtin:030001.1012345.%22%25%26%2F%3C%3E%3F!'()*+,-.:;=_",
            "urn:epc:id:sgtin:234567890.1123.9999",
            "urn:epc:class:lgtin:030001.0012345.LOT.7",
            "urn:epc:idpat:sgtin:030001.0012345.*",
            "urn:epc:id:sscc:030001.41234567890",
            "urn:epc:id:sgln:030001.111111.0",
            "urn:epc:id:sgln:030001.111111.A%2FB");

    @Test
    void urnToDigitalLinkToUrn() {
        for (String urn : URNS) {
            Epc epc = Epc.parse(urn);
            String dl = epc.toDigitalLink();
            Epc fromDl = Epc.parse(dl);
            assertEquals(epc, fromDl, dl);
            assertEquals(urn, fromDl.toUrn(RESOLVER), dl);
        }
    }

    @Test
    void digitalLinkOnAnyDomainGivesTheCanonicalOne() {
        Epc e = Epc.parse("https://example.com/stem/01/12345678901231/10/L1/21/9999?17=261231");
        assertEquals(new Sgtin(new Gtin("12345678901231"), "9999"), e);
        assertEquals("https://id.gs1.org/01/12345678901231/21/9999", e.toDigitalLink());
        assertEquals("urn:epc:id:sgtin:234567890.1123.9999", e.toUrn(RESOLVER));
    }

    @Test
    void digitalLinkInputIsValidated() {
        assertThrows(Gs1Exception.class, () -> Epc.parse("https://id.gs1.org/01/12345678901232/21/1"));
        assertThrows(Gs1Exception.class, () -> Epc.parse("https://id.gs1.org/8004/0300011234"));
        assertThrows(Gs1Exception.class, () -> Epc.parse("ftp://id.gs1.org/01/12345678901231"));
    }

    @Test
    void elementStringToDigitalLinkToElementString() {
        Gs1Parser parser = new Gs1Parser();
        for (String urn : URNS) {
            ElementString es = Epc.parse(urn).toElementString();
            ElementString back = DigitalLink.parse(DigitalLink.generate(es, null), parser);
            assertEquals(es, back, urn);
            assertEquals(Epc.parse(urn), Epc.fromElementString(back), urn);
        }
    }
}
