package io.tracegate.gateway.capture;

import io.tracegate.gateway.serials.UnitRef;
import io.tracegate.gs1.Gs1Exception;
import io.tracegate.gs1.epc.Epc;
import io.tracegate.gs1.epc.Sgtin;
import io.tracegate.gs1.epc.SsccEpc;

/**
 * Canonical keys of the identifiers events carry: a GS1 key (EPC URN or Digital Link on any domain) becomes its
 * canonical GS1 Digital Link, so that {@code urn:epc:id:sgtin:030001.0012345.1} and
 * {@code https://id.gs1.org/01/00300010123455/21/1} are the same unit; anything else is kept as written.
 */
public final class Identifiers {

    private Identifiers() {
    }

    /** The canonical key of an identifier (EPC, EPC class, SGLN, or a non-GS1 URI as written). */
    public static String key(String written) {
        return key(written, parse(written));
    }

    /** The canonical key of an identifier already parsed ({@link #parse}). */
    static String key(String written, Epc epc) {
        return epc == null ? written : epc.toDigitalLink();
    }

    /** The serialised unit an identifier already parsed ({@link #parse}) names (an SGTIN or SSCC), or null. */
    static UnitRef unit(String written, Epc epc) {
        if (epc instanceof Sgtin sgtin) {
            return new UnitRef(epc.toDigitalLink(), written, "sgtin", sgtin.gtin().value());
        }
        if (epc instanceof SsccEpc) {
            return new UnitRef(epc.toDigitalLink(), written, "sscc", null);
        }
        return null;
    }

    /** The EPC, or null when the identifier is not a GS1 key (or not a valid one: the identifier layer says why). */
    static Epc parse(String written) {
        if (!written.startsWith("urn:epc:") && !written.startsWith("http")) {
            return null;
        }
        try {
            return Epc.parse(written);
        } catch (Gs1Exception notAnEpc) {
            return null;
        }
    }
}
