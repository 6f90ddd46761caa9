-- The audit trail (io.tracegate.gateway.compliance.AuditTrail): one row per state-changing action, chained by
-- SHA-256. hash is the SHA-256 of the record's canonical bytes (io.tracegate.gateway.compliance.AuditRecord), which
-- include previous_hash, the hash of the record before it (64 zeros for the first): changing, removing or inserting
-- a row breaks the chain at that row. Appends are serialised by a lock on the table (AuditTrail), so seq has no gaps.
create table audit_record (
    seq            bigint      primary key,
    recorded_at    timestamptz not null,
    actor          text        not null,
    action         text        not null,
    object_ids     text[]      not null,
    payload_sha256 text,
    previous_hash  text        not null,
    hash           text        not null
);

create index audit_record_time on audit_record (recorded_at, seq);
create index audit_record_objects on audit_record using gin (object_ids);

-- Append-only: the database itself refuses to change or remove a record, whoever asks.
create function audit_record_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the audit trail is append-only: % of audit records is refused', tg_op;
end
$$;

create trigger audit_record_append_only before update or delete on audit_record
    for each row execute function audit_record_append_only();
create trigger audit_record_no_truncate before truncate on audit_record
    for each statement execute function audit_record_append_only();
