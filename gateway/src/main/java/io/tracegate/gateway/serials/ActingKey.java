package io.tracegate.gateway.serials;

import java.util.Set;

/**
 * The API key a capture is applied for, with its limits: the GTINs and the GLNs of the sites it may act on (empty:
 * any). A limit follows the effect of an event, not its text: everything inside a container the event names is
 * acted on too, and so is checked.
 *
 * @param name  the key's name, for findings
 * @param gtins GTIN-14s, or empty for any product
 * @param glns  site GLNs, or empty for any site
 */
public record ActingKey(String name, Set<String> gtins, Set<String> glns) {

    public ActingKey {
        gtins = Set.copyOf(gtins);
        glns = Set.copyOf(glns);
    }

    boolean isLimited() {
        return !gtins.isEmpty() || !glns.isEmpty();
    }
}
