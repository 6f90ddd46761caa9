-- Shipments (io.tracegate.gateway.shipments): outbound shipment documents, inbound expected receipts, their
-- reconciliation on receiving and the exceptions it opens. See docs/shipments.md.

-- Capture jobs for the shipments worker to act on. Written in the capture job's own transaction
-- (CaptureListener.committing), so that no committed job is lost before the worker sees it; deleted in the
-- transaction that acts on the job, so that none is acted on twice.
create table shipment_capture (
    job_id          bigint      primary key,
    submitted_by    text        not null,
    from_partner    boolean     not null,
    -- the GLNs the submitting partner may act for (its key's or AS2 partner's limits); empty when not said
    partner_glns    text[]      not null,
    lifecycle       text        not null,
    document_sha256 text        not null,
    recorded_at     timestamptz not null,
    -- a job whose examination failed is tried again later, and the failure shown in the log and here
    attempts        integer     not null default 0,
    next_attempt_at timestamptz,
    error           text
);

-- The shipping and receiving events of a capture job, for the worker (EventStore.shippingAndReceiving): a job's
-- few such events without reading its others.
create index epcis_event_shipping_receiving on epcis_event (capture_job_id)
    where biz_step in ('shipping', 'receiving');

-- Outbound: one shipment per shipping event to a partner, composed, validated and then sent or held.
create table shipment (
    id              bigint      generated always as identity primary key,
    event_ref       bigint      not null unique,
    event_id        text        not null,
    partner_id      bigint      not null,
    partner_name    text        not null,
    receiver        text        not null,
    document_form   text        not null,
    -- pending: to compose; held: its document failed validation (findings say what to fix); sent: queued for the
    -- partner's transport (message_id)
    status          text        not null check (status in ('pending', 'held', 'sent')),
    findings        jsonb       not null default '[]',
    document        bytea,
    content_type    text,
    document_sha256 text,
    units           integer,
    containers      integer,
    events          integer,
    compose_millis  integer,
    attempts        integer     not null default 0,
    message_id      bigint,
    created_at      timestamptz not null,
    composed_at     timestamptz,
    sent_at         timestamptz,
    updated_at      timestamptz not null
);

create index shipment_pending on shipment (id) where status = 'pending';
create index shipment_status on shipment (status, id);

-- Inbound: what a partner's shipping event to us says is coming.
create table receipt (
    id               bigint      generated always as identity primary key,
    -- the CBV 2.0 hash of the shipping event: a document sent again expects nothing new
    event_hash       text        not null unique,
    event_id         text        not null,
    capture_job_id   bigint      not null,
    submitted_by     text        not null,
    seller           text,
    partner_id       bigint,
    partner_name     text,
    buyer            text,
    ship_to          text,
    shipped_at       timestamptz not null,
    document_number  text,
    purchase_orders  text[]      not null default '{}',
    despatch_advices text[]      not null default '{}',
    -- expected: not received yet; matched / mismatched: received, without or with exceptions
    status           text        not null check (status in ('expected', 'matched', 'mismatched')),
    units            integer     not null,
    containers       integer     not null,
    created_at       timestamptz not null,
    reconciled_at    timestamptz
);

create index receipt_status on receipt (status, id);

-- Every unit and container a receipt expects, with its lot and where the document packs it.
create table receipt_item (
    receipt_id bigint  not null references receipt (id),
    epc        text    not null,   -- canonical key (GS1 Digital Link)
    written    text    not null,
    kind       text    not null check (kind in ('sgtin', 'sscc')),
    gtin       text,
    lot        text,
    expiry     date,
    parent     text,               -- canonical key of its container in the document, or null
    primary key (receipt_id, epc)
);

create index receipt_item_epc on receipt_item (epc);

-- What was received: scans, and the EPCs of receiving events.
create table receipt_scan (
    id         bigint      generated always as identity primary key,
    receipt_id bigint      not null references receipt (id),
    epc        text        not null,
    written    text        not null,
    parent     text,                -- canonical key of the container it was found in, when the scan says
    lot        text,
    expiry     date,
    event_ref  bigint,              -- the receiving event, or null for a scan
    scanned_by text        not null,
    scanned_at timestamptz not null
);

create index receipt_scan_receipt on receipt_scan (receipt_id);

-- A mismatch to resolve within the business days the settings give.
create table receipt_exception (
    id          bigint      generated always as identity primary key,
    receipt_id  bigint      not null references receipt (id),
    kind        text        not null check (kind in ('overage', 'shortage', 'lot_expiry_mismatch',
                                                     'hierarchy_mismatch', 'unknown_sender', 'unexpected_sender')),
    epc         text,
    detail      text        not null,
    opened_at   timestamptz not null,
    due_on      date        not null,
    owner       text,
    notes       jsonb       not null default '[]',
    status      text        not null check (status in ('open', 'resolved')),
    resolution  text,
    resolved_by text,
    resolved_at timestamptz
);

create index receipt_exception_open on receipt_exception (due_on) where status = 'open';
create index receipt_exception_receipt on receipt_exception (receipt_id);
