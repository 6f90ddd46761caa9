package io.tracegate.epcis.model;

import java.util.Objects;

/**
 * An entry of a source or destination list, e.g. the DSCSA seller as {@code owning_party}.
 *
 * @param type  the source/destination type ({@code owning_party}, {@code location}, ...)
 * @param value the party or location identifier, exactly as written
 */
public record SourceDestination(CbvValue type, String value) {
    public SourceDestination {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }
}
