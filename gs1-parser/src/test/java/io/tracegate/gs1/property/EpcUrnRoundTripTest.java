package io.tracegate.gs1.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegate.gs1.ElementString;
import io.tracegate.gs1.Gtin;
import io.tracegate.gs1.epc.Epc;
import io.tracegate.gs1.epc.GcpLengthResolver;
import io.tracegate.gs1.epc.Sgln;
import io.tracegate.gs1.epc.Sgtin;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** EPC URN and Digital Link conversions of random keys round-trip, whatever the company prefix length. */
class EpcUrnRoundTripTest {

    @Provide
    Arbitrary<ElementString> messages() {
        return ValidElementStrings.any();
    }

    @Provide
    Arbitrary<ElementString> dscsaUnits() {
        return ValidElementStrings.dscsaUnits();
    }

    /** Every key kind (SGTIN, LGTIN, SGTIN pattern, SSCC, SGLN): URN and Digital Link read back as the same EPC. */
    @Property(tries = 1000)
    void urnAndDigitalLinkReadBack(@ForAll("messages") ElementString x, @ForAll @IntRange(min = 6, max = 12) int gcp) {
        Epc epc = Epc.fromElementString(x);
        // a GLN extension of exactly "0" means "no extension" in the URN form (a documented limit of the TDS)
        Assume.that(!(epc instanceof Sgln sgln && "0".equals(sgln.extension())));
        String urn = epc.toUrn(digits -> gcp);
        assertEquals(epc, Epc.parse(urn), urn);
        assertEquals(epc, Epc.parse(epc.toDigitalLink()), epc.toDigitalLink());
    }

    /** A unit's SGTIN: the URN splits the GTIN at the resolver's prefix length and keeps the serial exactly. */
    @Property(tries = 1000)
    void sgtinUrnSplitsAtTheCompanyPrefix(@ForAll("dscsaUnits") ElementString x,
            @ForAll @IntRange(min = 6, max = 12) int gcp) {
        Sgtin sgtin = (Sgtin) Epc.fromElementString(x);
        assertEquals(x.serial(), sgtin.serial());
        String urn = sgtin.toUrn(digits -> gcp);
        String body = urn.substring("urn:epc:id:sgtin:".length());
        String gtin = x.gtin().value();
        assertTrue(body.startsWith(gtin.substring(1, 1 + gcp) + "." + gtin.charAt(0) + gtin.substring(1 + gcp, 13)
                + "."), urn);
        ElementString back = Epc.parse(urn).toElementString();
        assertEquals(x.gtin(), back.gtin());
        assertEquals(x.serial(), back.serial());
    }

    /** The standard resolver knows GS1 US prefixes: the DSCSA example GTIN of NDC 0001-0123-45. */
    @Property(tries = 50)
    void standardResolverSplitsKnownPrefixes(@ForAll("dscsaUnits") ElementString x) {
        Sgtin sgtin = new Sgtin(new Gtin("00300010123455"), x.serial());
        String urn = sgtin.toUrn(GcpLengthResolver.standard());
        assertTrue(urn.startsWith("urn:epc:id:sgtin:030001.0012345."), urn);
        assertEquals(sgtin, Epc.parse(urn));
    }
}
