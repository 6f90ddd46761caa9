-- Capture jobs and the event store. The raw bytes of each accepted document live in a content-addressed file
-- (io.tracegate.gateway.capture.DocumentStore); the job row names it by its SHA-256.
create table capture_job (
    id                bigint generated always as identity primary key,
    created_at        timestamptz not null,
    finished_at       timestamptz,
    running           boolean     not null,
    success           boolean     not null,
    error_behaviour   text        not null check (error_behaviour in ('rollback', 'proceed')),
    submitted_by      text        not null,
    media_type        text,
    document_sha256   text        not null,
    document_bytes    bigint      not null,
    event_count       integer     not null default 0,
    applied_count     integer     not null default 0,
    duplicate_count   integer     not null default 0,
    -- problem objects (type, title, status, detail, instance, findings), written once when the job ends
    errors            jsonb       not null default '[]'
);

create index capture_job_running on capture_job (id) where running;
create index capture_job_created on capture_job (created_at desc);

-- One row per captured event. event_hash is the CBV 2.0 event hash ID: a re-captured event is recognised by it and
-- not applied twice. body is the event as a one-event EPCIS 2.0 JSON-LD document (the query API's source).
create table epcis_event (
    id                bigint primary key,
    event_hash        text        not null unique,
    event_id          text        not null,
    event_type        text        not null,
    event_time        timestamptz not null,
    record_time       timestamptz not null,
    event_time_zone_offset text,
    action            text,
    biz_step          text,
    disposition       text,
    read_point        text,
    biz_location      text,
    -- canonical parentID (Aggregation, Transaction, Association events): which container a child went in or out of
    parent_id         text,
    capture_job_id    bigint      not null references capture_job (id),
    body              text        not null
);

create sequence epcis_event_id_seq increment by 1;
create index epcis_event_time on epcis_event (event_time, id);
create index epcis_event_record_time on epcis_event (record_time, id);
create index epcis_event_biz_step on epcis_event (biz_step, event_time);
create index epcis_event_disposition on epcis_event (disposition, event_time);
create index epcis_event_event_id on epcis_event (event_id);
create index epcis_event_read_point on epcis_event (read_point) where read_point is not null;
create index epcis_event_biz_location on epcis_event (biz_location) where biz_location is not null;

-- Every identifier an event names, canonical (GS1 Digital Link for GS1 keys, else as written), with its role:
-- p = parentID, e = epcList, c = childEPCs, i = inputEPCList, o = outputEPCList, q = a quantity list's EPC class.
-- Written by COPY; event_time is repeated here so that "events of this EPC in time order" is one index scan.
create table event_epc (
    epc        text        not null,
    role       char(1)     not null,
    event_time timestamptz not null,
    event_ref  bigint      not null
);

create index event_epc_epc on event_epc (epc, event_time, event_ref);
