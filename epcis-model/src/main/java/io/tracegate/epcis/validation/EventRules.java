package io.tracegate.epcis.validation;

import io.tracegate.epcis.io.EpcisFormat;
import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.gs1.epc.Epc;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The rules an event must meet on its own, for a capture to check each event as it streams by, cheaply (no schema
 * pass, no document state beyond small caches): its identifiers ({@link IdentifierLayer}), its CBV values
 * ({@link VocabularyLayer}) and the standard's required fields and namespaces ({@link StandardLayer}). Together with
 * the reader's own refusals (malformed syntax, a missing {@code @context}, fields out of the schema's order, numbers
 * out of range), these refuse what the EPCIS standard forbids. Not thread-safe: one instance per thread.
 */
public final class EventRules {

    private final List<EventLayer> layers;

    /** @param format the format of the document the events come from (for the paths in findings) */
    public EventRules(EpcisFormat format) {
        this(format, (written, epc) -> { });
    }

    /**
     * @param format          the format of the document the events come from (for the paths in findings)
     * @param parsedInstances told of each instance EPC that parsed (see {@link IdentifierLayer})
     */
    public EventRules(EpcisFormat format, BiConsumer<String, Epc> parsedInstances) {
        this.layers = List.of(new IdentifierLayer(format, parsedInstances), new VocabularyLayer(format),
                new StandardLayer(format));
    }

    /**
     * Checks one event.
     *
     * @param index 0-based index of the event in the document
     * @param path  the event's path, which the findings' paths extend
     */
    public void check(int index, String path, EpcisEvent event, Consumer<ValidationFinding> sink) {
        for (EventLayer layer : layers) {
            layer.event(index, path, event, sink);
        }
    }
}
