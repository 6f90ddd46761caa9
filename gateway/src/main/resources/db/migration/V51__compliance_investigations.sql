-- Suspect and illegitimate product investigations (io.tracegate.gateway.compliance.Investigations). An open
-- investigation quarantines its units, or every unit of its lot: the serial store refuses to ship them.
create table investigation (
    id            bigint generated always as identity primary key,
    -- what the product was taken for when the investigation was opened
    suspicion     text        not null check (suspicion in ('suspect', 'illegitimate')),
    status        text        not null check (status in ('open', 'cleared', 'illegitimate')),
    -- a whole lot (gtin and lot), or the units listed in investigation_unit (both null)
    gtin          text collate "C",
    lot           text collate "C",
    reason        text        not null,
    opened_by     text        not null,
    opened_at     timestamptz not null,
    closed_by     text,
    closed_at     timestamptz,
    conclusion    text,
    -- on an illegitimate close: the data FDA Form 3911 asks for, as the gateway produced it
    notification  jsonb,
    check ((gtin is null) = (lot is null))
);

create index investigation_open_lot on investigation (gtin, lot) where status = 'open' and lot is not null;
create index investigation_open on investigation (id) where status = 'open';

-- The units an investigation names (canonical keys, as serial_unit.epc), as the officer wrote them.
create table investigation_unit (
    investigation_id bigint not null references investigation (id),
    epc              text collate "C" not null,
    written          text not null,
    primary key (investigation_id, epc)
);

create index investigation_unit_epc on investigation_unit (epc);

-- What was found, in order: by an officer, or by the gateway (units already shipped when it was opened, partners
-- notified).
create table investigation_finding (
    id               bigint generated always as identity primary key,
    investigation_id bigint      not null references investigation (id),
    recorded_by      text        not null,
    recorded_at      timestamptz not null,
    text             text        not null
);

create index investigation_finding_investigation on investigation_finding (investigation_id, id);

-- The holds on units about to be shipped (io.tracegate.gateway.serials.UnitHolds), asked by a capture on its own
-- connection once the units' rows are locked. The lots' rows are locked first (key share): opening an investigation
-- on a lot locks its row for update, so a capture either waits for that investigation and then sees it, or the
-- investigation waits for the capture and then sees the units it shipped. Units named one by one are ordered by
-- their own rows' locks (the capture's no key update, the investigation's share). Each statement of a volatile
-- function reads what was committed when it starts, so the holds are read after the locks are granted.
create function compliance_unit_holds(keys text[], gtins text[], lots text[])
    returns table (epc text, investigation_id bigint, suspicion text, gtin text, lot text)
    language plpgsql volatile as $$
begin
    perform 1 from lot l join (select distinct * from unnest(gtins, lots)) k(g, n) on l.gtin = k.g and l.lot = k.n
        order by l.gtin, l.lot for key share of l;
    if not exists (select 1 from investigation i where i.status = 'open') then
        return;
    end if;
    return query
        select u.epc::text, i.id, i.suspicion, null::text, null::text
          from investigation_unit u join investigation i on i.id = u.investigation_id and i.status = 'open'
         where u.epc = any(keys)
        union all
        select null::text, i.id, i.suspicion, i.gtin::text, i.lot::text
          from investigation i join (select distinct * from unnest(gtins, lots)) k(g, n)
            on i.gtin = k.g and i.lot = k.n
         where i.status = 'open';
end
$$;
