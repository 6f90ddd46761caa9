-- Recalls and unit marks (io.tracegate.gateway.compliance), which the verification responder reads.

-- A lot of a product under recall: one recall per GTIN and lot (a second is refused, naming the first).
create table recall (
    id          bigint generated always as identity primary key,
    gtin        text        not null,
    lot         text        not null,
    reason      text        not null,
    recalled_by text        not null,
    recalled_at timestamptz not null,
    unique (gtin, lot)
);

-- Marks a compliance officer puts on a unit, kept as a history: a unit's standing is its latest mark, and a
-- 'cleared' mark ends an earlier 'suspect' or 'illegitimate'. epc is the unit's canonical key (GS1 Digital Link, as
-- the serial store keys it); written is the EPC as the officer gave it.
create table unit_mark (
    id        bigint generated always as identity primary key,
    epc       text collate "C" not null,
    written   text        not null,
    mark      text        not null check (mark in ('suspect', 'illegitimate', 'cleared')),
    note      text,
    marked_by text        not null,
    marked_at timestamptz not null
);

create index unit_mark_epc on unit_mark (epc, id);
