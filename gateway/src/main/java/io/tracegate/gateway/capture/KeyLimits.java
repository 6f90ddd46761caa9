package io.tracegate.gateway.capture;

import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.epcis.model.LocationRef;
import io.tracegate.epcis.model.QuantityElement;
import io.tracegate.gateway.security.ApiPrincipal;
import io.tracegate.gs1.Gtin;
import io.tracegate.gs1.epc.Epc;
import io.tracegate.gs1.epc.Lgtin;
import io.tracegate.gs1.epc.Sgln;
import io.tracegate.gs1.epc.Sgtin;
import io.tracegate.gs1.epc.SgtinPattern;

/**
 * A key limited to some GTINs or site GLNs may only capture events whose products and read point / business
 * location fall within its limits. SSCCs carry no GTIN and pass.
 */
final class KeyLimits {

    private KeyLimits() {
    }

    static boolean isLimited(ApiPrincipal caller) {
        return !caller.gtins().isEmpty() || !caller.glns().isEmpty();
    }

    /** What in the event lies outside the caller's limits, or null when nothing does. */
    static String violation(ApiPrincipal caller, EpcisEvent event, int index) {
        for (String epc : event.allEpcs()) {
            Gtin gtin = gtin(Identifiers.parse(epc));
            if (gtin != null && !caller.mayUseGtin(gtin)) {
                return "event " + index + " names " + epc + ", whose GTIN " + gtin + " the key '" + caller.name()
                        + "' may not capture";
            }
        }
        for (QuantityElement q : event.quantityList()) {
            Gtin gtin = gtin(Identifiers.parse(q.epcClass()));
            if (gtin != null && !caller.mayUseGtin(gtin)) {
                return "event " + index + " names class " + q.epcClass() + ", whose GTIN " + gtin
                        + " the key '" + caller.name() + "' may not capture";
            }
        }
        for (LocationRef place : new LocationRef[] {event.readPoint(), event.bizLocation()}) {
            if (place != null && Identifiers.parse(place.id()) instanceof Sgln sgln && !caller.mayUseGln(sgln.gln())) {
                return "event " + index + " happens at " + place.id() + ", outside the sites of the key '"
                        + caller.name() + "'";
            }
        }
        return null;
    }

    private static Gtin gtin(Epc epc) {
        if (epc instanceof Sgtin s) {
            return s.gtin();
        }
        if (epc instanceof Lgtin l) {
            return l.gtin();
        }
        return epc instanceof SgtinPattern p ? p.gtin() : null;
    }
}
