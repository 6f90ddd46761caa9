package io.tracegate.epcis.model;

import java.util.List;

/**
 * EPCIS 2.0 persistent disposition: dispositions that stay in force until unset.
 *
 * @param set   dispositions set by the event, in order
 * @param unset dispositions unset by the event, in order
 */
public record PersistentDisposition(List<CbvValue> set, List<CbvValue> unset) {
    public PersistentDisposition {
        set = List.copyOf(set);
        unset = List.copyOf(unset);
    }
}
