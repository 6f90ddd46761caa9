package io.tracegate.epcis.io;

import io.tracegate.epcis.model.EpcisDocument;
import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.epcis.model.EpcisHeader;
import java.io.OutputStream;

/**
 * Writes an EPCIS document event by event: {@link #writeHeader} once, then {@link #write} per event, then
 * {@link #close} to end the document. Nothing but the current event is held in memory.
 */
public interface EpcisWriter extends AutoCloseable {

    /** A writer in this format with default options. */
    static EpcisWriter create(EpcisFormat format, OutputStream out) {
        return create(format, out, WriteOptions.DEFAULT);
    }

    /** A writer in this format. The stream is flushed, not closed, by {@link #close()}. */
    static EpcisWriter create(EpcisFormat format, OutputStream out, WriteOptions options) {
        return switch (format) {
            case XML_1_2, XML_2_0 -> new XmlEpcisWriter(format, out, options);
            case JSON_LD_2_0 -> new JsonLdEpcisWriter(out, options);
        };
    }

    /** Writes a whole in-memory document. */
    static void write(EpcisDocument document, EpcisFormat format, OutputStream out, WriteOptions options) {
        try (EpcisWriter w = create(format, out, options)) {
            w.writeHeader(document.header());
            for (EpcisEvent e : document.events()) {
                w.write(e);
            }
        }
    }

    /** Starts the document with its header; call once, before any event. */
    void writeHeader(EpcisHeader header);

    /** Writes one event. */
    void write(EpcisEvent event);

    /** Ends the document and flushes. */
    @Override
    void close();
}
