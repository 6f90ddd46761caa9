package io.tracegate.epcis.model;

import java.util.List;
import java.util.Objects;

/**
 * A read point or business location: an identifier (usually an SGLN) plus any extension elements.
 *
 * @param id         the location identifier, exactly as written
 * @param extensions extension elements inside the location, in order
 */
public record LocationRef(String id, List<ExtensionElement> extensions) {
    public LocationRef {
        Objects.requireNonNull(id, "id");
        extensions = List.copyOf(extensions);
    }

    /** A location with no extensions. */
    public static LocationRef of(String id) {
        return new LocationRef(id, List.of());
    }
}
