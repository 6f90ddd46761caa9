-- The serial store: one row per serialised unit (SGTIN) or logistic unit (SSCC), keyed by its canonical GS1 Digital
-- Link. status is a io.tracegate.gateway.serials.UnitStatus; parent is the canonical key of the containing case or
-- pallet (the aggregation tree). No foreign keys: rows are written in bulk and the lifecycle engine keeps them
-- consistent inside the capture transaction.
create table serial_unit (
    epc             text        primary key,
    written         text        not null,
    kind            text        not null check (kind in ('sgtin', 'sscc')),
    gtin            text,
    lot             text,
    expiry          date,
    status          text        not null,
    disposition     text,
    owner           text,
    location        text,
    parent          text,
    in_transit_to   text,
    commissioned_at timestamptz not null,
    updated_at      timestamptz not null,
    last_event      bigint      not null
);

create index serial_unit_parent on serial_unit (parent) where parent is not null;
create index serial_unit_lot on serial_unit (gtin, lot);

-- Lots as commissioning events declare them (ILMD lot number and expiry): one expiry per GTIN and lot.
create table lot (
    gtin       text        not null,
    lot        text        not null,
    expiry     date,
    first_seen timestamptz not null,
    primary key (gtin, lot)
);
