package io.tracegate.gateway.capture;

import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.epcis.model.LocationRef;
import io.tracegate.epcis.model.MasterData;
import io.tracegate.epcis.model.QuantityElement;
import io.tracegate.gateway.security.ApiPrincipal;
import io.tracegate.gateway.serials.ActingKey;
import io.tracegate.gs1.Gln;
import io.tracegate.gs1.Gtin;
import io.tracegate.gs1.epc.Epc;
import io.tracegate.gs1.epc.Lgtin;
import io.tracegate.gs1.epc.Sgln;
import io.tracegate.gs1.epc.Sgtin;
import io.tracegate.gs1.epc.SgtinPattern;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A key limited to some GTINs or site GLNs may only capture events whose products and read point / business
 * location fall within its limits, and only master data about those products and sites. A GLN-limited key must say
 * where its events happen. What an event does to units it does not name (the content of a container it names) is
 * checked by the serial store against {@link #actingKey}; SSCCs carry no GTIN and pass here.
 */
final class KeyLimits {

    private KeyLimits() {
    }

    static boolean isLimited(ApiPrincipal caller) {
        return !caller.gtins().isEmpty() || !caller.glns().isEmpty();
    }

    /** The caller's limits as the serial store applies them. */
    static ActingKey actingKey(ApiPrincipal caller) {
        return new ActingKey(caller.name(), caller.gtins().stream().map(Gtin::value).collect(Collectors.toSet()),
                caller.glns().stream().map(Gln::value).collect(Collectors.toSet()));
    }

    /**
     * What in the document's master data lies outside the caller's limits, or null when nothing does;
     * {@code anyLocation}: locations outside the key's sites may be described.
     */
    static String violation(ApiPrincipal caller, MasterData masterData, boolean anyLocation) {
        for (MasterData.Vocabulary vocabulary : masterData.vocabularies()) {
            for (MasterData.VocabularyElement element : vocabulary.elements()) {
                Epc id = Identifiers.parse(element.id());
                Gtin gtin = gtin(id);
                if (gtin != null && !caller.mayUseGtin(gtin)) {
                    return "the master data describes " + element.id() + ", whose GTIN " + gtin + " the key '"
                            + caller.name() + "' may not describe";
                }
                if (!anyLocation && id instanceof Sgln sgln && !caller.mayUseGln(sgln.gln())) {
                    return "the master data describes the location " + element.id() + ", outside the sites of the"
                            + " key '" + caller.name() + "'";
                }
            }
        }
        return null;
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
        for (QuantityElement q : Stream.of(event.quantityList(), event.childQuantityList(),
                event.inputQuantityList(), event.outputQuantityList()).flatMap(List::stream).toList()) {
            Gtin gtin = gtin(Identifiers.parse(q.epcClass()));
            if (gtin != null && !caller.mayUseGtin(gtin)) {
                return "event " + index + " names class " + q.epcClass() + ", whose GTIN " + gtin
                        + " the key '" + caller.name() + "' may not capture";
            }
        }
        if (caller.glns().isEmpty()) {
            return null;
        }
        if (event.readPoint() == null && event.bizLocation() == null) {
            return "event " + index + " has neither readPoint nor bizLocation: the key '" + caller.name()
                    + "' is limited to its sites, so its events must say where they happen";
        }
        for (LocationRef place : new LocationRef[] {event.readPoint(), event.bizLocation()}) {
            if (place != null
                    && !(Identifiers.parse(place.id()) instanceof Sgln sgln && caller.mayUseGln(sgln.gln()))) {
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
