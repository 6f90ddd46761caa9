package io.tracegate.epcis.model;

import java.util.List;
import java.util.Objects;

/**
 * A whole EPCIS document in memory: header and events. For large documents use the streaming readers and writers
 * in {@code io.tracegate.epcis.io}, which never hold all events.
 *
 * @param header the header (SBDH, master data, header extensions)
 * @param events the events in document order
 */
public record EpcisDocument(EpcisHeader header, List<EpcisEvent> events) {
    public EpcisDocument {
        Objects.requireNonNull(header, "header");
        events = List.copyOf(events);
    }
}
