package io.tracegate.gateway.serials;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** The working copy of a unit while a batch of events is applied; written back by {@link SerialStore#flush}. */
final class Unit {
    final String key;
    final String written;
    final String kind;
    final String gtin;
    String lot;
    LocalDate expiry;
    UnitStatus status;
    String disposition;
    String owner;
    String location;
    String parent;
    String inTransitTo;
    final OffsetDateTime commissionedAt;
    OffsetDateTime updatedAt;
    long lastEvent;
    /** not yet in the table */
    final boolean created;
    boolean changed;

    Unit(String key, String written, String kind, String gtin, OffsetDateTime commissionedAt, boolean created) {
        this.key = key;
        this.written = written;
        this.kind = kind;
        this.gtin = gtin;
        this.commissionedAt = commissionedAt;
        this.created = created;
    }
}
