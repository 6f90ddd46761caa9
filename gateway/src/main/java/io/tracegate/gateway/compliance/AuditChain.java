package io.tracegate.gateway.compliance;

/**
 * Walks audit records in {@code seq} order and finds the first one that does not hold: its hash is not that of its
 * canonical bytes (the row was changed), or it does not follow the record before it (a row removed, inserted or
 * changed before it). Used by {@code GET /audit/verify} over the whole trail and by {@code verify-export} over the
 * segments a bundle carries; no Spring, no database.
 */
public final class AuditChain {

    private final boolean fromStart;
    private AuditRecord last;
    private long checked;

    private AuditChain(boolean fromStart) {
        this.fromStart = fromStart;
    }

    /** A walk over the whole trail: the first record must be record 1, starting the chain. */
    public static AuditChain fromStart() {
        return new AuditChain(true);
    }

    /** A walk over segments that may start anywhere (a bundle's excerpt); see {@link #restart}. */
    public static AuditChain segments() {
        return new AuditChain(false);
    }

    /** What is wrong with the next record, or null when it holds. */
    public String check(AuditRecord record) {
        String broken = null;
        if (!record.computedHash().equals(record.hash())) {
            broken = "the record's hash " + record.hash() + " is not the SHA-256 of its content ("
                    + record.computedHash() + "): the record was changed";
        } else if (last == null && fromStart && record.seq() != 1) {
            broken = "records 1 to " + (record.seq() - 1) + " are missing before record " + record.seq();
        } else if (last == null && record.seq() == 1 && !AuditRecord.GENESIS.equals(record.previousHash())) {
            broken = "the first record does not start the chain (its previous hash is not " + AuditRecord.GENESIS
                    + ")";
        } else if (last != null && record.seq() != last.seq() + 1) {
            broken = "record " + (last.seq() + 1) + (record.seq() > last.seq() + 1 ? " is missing" : " is out of order")
                    + " before record " + record.seq();
        } else if (last != null && !last.hash().equals(record.previousHash())) {
            broken = "the record's previous hash " + record.previousHash() + " is not the hash of record "
                    + last.seq() + " (" + last.hash() + ")";
        }
        last = record;
        checked++;
        return broken;
    }

    /** Starts a new segment: the next record need not follow the last one (a bundle's separate runs). */
    public void restart() {
        last = null;
    }

    public long checked() {
        return checked;
    }
}
