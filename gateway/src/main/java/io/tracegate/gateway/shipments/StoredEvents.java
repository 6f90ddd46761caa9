package io.tracegate.gateway.shipments;

import io.tracegate.epcis.io.EpcisReader;
import io.tracegate.epcis.model.CbvValue;
import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.epcis.model.SourceDestination;
import io.tracegate.gs1.Gs1Exception;
import io.tracegate.gs1.epc.Epc;
import io.tracegate.gs1.epc.Sgln;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reading the event store's events, and the parties of an event, as shipments need them. */
final class StoredEvents {

    private StoredEvents() {
    }

    /**
     * The event of a stored body (a one-event EPCIS 2.0 JSON-LD document). Buffered to its size: the reader's own
     * 64 KB buffer, allocated for each of a pallet's thousands of events, would cost more than reading them.
     */
    static EpcisEvent event(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (EpcisReader reader = EpcisReader.open(new BufferedInputStream(new ByteArrayInputStream(bytes),
                Math.max(1024, bytes.length)))) {
            return reader.next();
        }
    }

    static boolean is(CbvValue value, String standardWord) {
        return value != null && value.standard() && value.value().equals(standardWord);
    }

    /** The first source or destination of this CBV type ({@code owning_party}, {@code location}), or null. */
    static String party(List<SourceDestination> list, String type) {
        for (SourceDestination d : list) {
            if (is(d.type(), type)) {
                return d.value().strip();
            }
        }
        return null;
    }

    /** The GLN of an SGLN (URN or Digital Link), or null when it is none. */
    static String gln(String sgln) {
        if (sgln == null) {
            return null;
        }
        try {
            return Epc.parse(sgln) instanceof Sgln s ? s.gln().value() : null;
        } catch (Gs1Exception notAnSgln) {
            return null;
        }
    }
}
