package io.tracegate.epcis.validation;

import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.epcis.model.EpcisHeader;
import java.util.function.Consumer;

/**
 * A validation layer that works on the model while a document streams by: the header first, then each event once,
 * then the end. Implementations keep only small state (sets of product keys, counters), never the events.
 */
interface EventLayer {

    void header(EpcisHeader header, Consumer<ValidationFinding> sink);

    /**
     * @param index 0-based index of the event in the document
     * @param path  the event's path in the document (see {@link DocumentPaths#event})
     */
    void event(int index, String path, EpcisEvent event, Consumer<ValidationFinding> sink);

    /**
     * The header once the document is read to its end, before {@link #end}: content that follows the body (where
     * EPCIS 2.0 XML puts extension elements, and JSON-LD may put header members) is only in this one.
     */
    default void headerComplete(EpcisHeader header) {
    }

    void end(Consumer<ValidationFinding> sink);
}
