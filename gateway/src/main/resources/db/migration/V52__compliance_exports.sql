-- Export bundles (io.tracegate.gateway.compliance.Exports): one row per requested bundle; the zip itself is a file
-- under <data-dir>/exports, named by the row's id.
create table export_job (
    id             bigint generated always as identity primary key,
    requested_by   text        not null,
    requested_at   timestamptz not null,
    -- what was asked for: {"gtin","lot"}, {"epc"}, {"shipment"}, {"partner"} or {"from","to"}
    selection      jsonb       not null,
    status         text        not null check (status in ('running', 'done', 'failed')),
    units_total    bigint,
    units_done     bigint      not null default 0,
    finished_at    timestamptz,
    error          text,
    bundle_sha256  text,
    bundle_bytes   bigint
);

create index export_job_running on export_job (id) where status = 'running';

-- Units by lot: the recall report, lot investigations and lot exports read every unit of a lot. (V7 dropped the
-- (gtin, lot) index when nothing read it; lot first, so that a lot is found without its GTIN too.)
create index serial_unit_lot on serial_unit (lot, gtin);
