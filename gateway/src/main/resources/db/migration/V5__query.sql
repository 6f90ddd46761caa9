-- The query API's index of event fields that have no column of their own: ILMD fields, business transactions,
-- sources and destinations (EQ_ILMD_<field>, EQ_bizTransaction_<type>, EQ_source_<type>, EQ_destination_<type>).
-- kind: i = ILMD field (name = its local name), b = bizTransaction, s = source, d = destination (name = the type,
-- a bare CBV word for standard types, else the type URI; '' for an untyped bizTransaction); value as written.
-- Filled from each event's stored JSON-LD body by a statement trigger, so every writer of epcis_event (capture's
-- COPY included) keeps it complete without knowing about it.
create table event_attribute (
    event_ref bigint  not null,
    kind      char(1) not null,
    name      text    not null,
    value     text    not null
);

create index event_attribute_value on event_attribute (kind, name, value, event_ref);

create function event_attributes(body text) returns table (kind char(1), name text, value text)
language sql immutable as $$
    with e as (select (body::jsonb) -> 'epcisBody' -> 'eventList' -> 0 as ev)
    select 'i'::char(1), regexp_replace(f.key, '^.*[:#/]', ''), f.value #>> '{}'
      from e, jsonb_each(coalesce(e.ev -> 'ilmd', '{}'::jsonb)) f
     where jsonb_typeof(f.value) in ('string', 'number', 'boolean')
    union all
    select 'b', coalesce(t ->> 'type', ''), t ->> 'bizTransaction'
      from e, jsonb_array_elements(coalesce(e.ev -> 'bizTransactionList', '[]'::jsonb)) t
     where t ->> 'bizTransaction' is not null
    union all
    select 's', t ->> 'type', t ->> 'source'
      from e, jsonb_array_elements(coalesce(e.ev -> 'sourceList', '[]'::jsonb)) t
     where t ->> 'type' is not null and t ->> 'source' is not null
    union all
    select 'd', t ->> 'type', t ->> 'destination'
      from e, jsonb_array_elements(coalesce(e.ev -> 'destinationList', '[]'::jsonb)) t
     where t ->> 'type' is not null and t ->> 'destination' is not null
$$;

create function index_event_attributes() returns trigger language plpgsql as $$
begin
    insert into event_attribute (event_ref, kind, name, value)
    select a.id, x.kind, x.name, x.value from added a, lateral event_attributes(a.body) x;
    return null;
end
$$;

create trigger epcis_event_attributes after insert on epcis_event
    referencing new table as added for each statement execute function index_event_attributes();

insert into event_attribute (event_ref, kind, name, value)
select e.id, x.kind, x.name, x.value from epcis_event e, lateral event_attributes(e.body) x;
