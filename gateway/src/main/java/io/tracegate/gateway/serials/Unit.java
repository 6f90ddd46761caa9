package io.tracegate.gateway.serials;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;

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
    /** first seen in a history import: its state was derived from what the imported events say */
    boolean observed;
    boolean changed;
    /** Events of this batch that name the unit (appended to its {@code event_refs}), and its role in each. */
    long[] newEventRefs = NO_EVENTS;
    String newEventRoles = "";

    private static final long[] NO_EVENTS = {};

    Unit(String key, String written, String kind, String gtin, OffsetDateTime commissionedAt, boolean created) {
        this.key = key;
        this.written = written;
        this.kind = kind;
        this.gtin = gtin;
        this.commissionedAt = commissionedAt;
        this.created = created;
    }

    /** Records that this event names the unit, once per event and role. */
    void namedBy(long eventRef, char role) {
        int n = newEventRefs.length;
        if (n > 0 && newEventRefs[n - 1] == eventRef && newEventRoles.charAt(n - 1) == role) {
            return;
        }
        newEventRefs = Arrays.copyOf(newEventRefs, n + 1);
        newEventRefs[n] = eventRef;
        newEventRoles += role;
        changed = true;
    }
}
