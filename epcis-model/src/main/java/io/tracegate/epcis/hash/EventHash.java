package io.tracegate.epcis.hash;

import io.tracegate.epcis.model.EpcisEvent;

/**
 * The CBV 2.0 event hash ID of an EPCIS event ({@code ni:///sha-256;<hex>?ver=CBV2.0}, CBV 2.0 section 8.9): the
 * SHA-256 of a canonical "pre-hash" string of the event's meaning, so that the same event captured twice, written
 * in XML or JSON-LD, with another time zone, list order, namespace prefix or identifier syntax, gets the same ID.
 *
 * <p>Computed from the model, so XML and JSON-LD inputs of one event hash identically. {@code recordTime},
 * {@code eventID} and {@code errorDeclaration} are not part of the hash. Thread-safe: each thread reuses its own
 * buffers and digest.
 */
public final class EventHash {

    /** The {@code ver} parameter of the IDs produced here. */
    public static final String VERSION = "CBV2.0";

    private static final ThreadLocal<PreHashWriter> WRITERS = ThreadLocal.withInitial(PreHashWriter::new);

    private EventHash() {
    }

    /** The event hash ID, e.g. {@code ni:///sha-256;6ae9...39d7?ver=CBV2.0}. */
    public static String of(EpcisEvent event) {
        return WRITERS.get().hashId(event);
    }

    /** The canonical pre-hash string the ID is the SHA-256 of: for diagnosing why two events differ. */
    public static String preHash(EpcisEvent event) {
        return WRITERS.get().preHash(event);
    }
}
