-- More of the query API's index (V5): event_attribute gains four kinds, still filled by V5's statement trigger
-- from each event's stored body, so capture needs no change for them:
--   t = transformationID (name ''), for EQ_transformationID;
--   n = the quantity of a quantity list entry (name '', value a JSON number), for EQ/GT/GE/LT/LE_quantity;
--   r = error declaration: name 'declarationTime' (value in UTC as YYYY-MM-DDTHH:MI:SS.ffffffZ, so that text order is
--       time order), 'reason' (bare CBV word or URI, as stored) or 'correctiveEventID', for EXISTS_errorDeclaration,
--       GE/LT_errorDeclarationTime, EQ_errorReason and EQ_correctiveEventID;
--   p = persistent disposition: name 'set' or 'unset', value as stored, for EQ_persistentDisposition_set/unset.
-- event_epc gains two roles (written by capture): I = an inputQuantityList's EPC class, O = an outputQuantityList's;
-- q now means a quantityList's or childQuantityList's class only (MATCH_epcClass versus MATCH_input/outputEPCClass).
-- stable rather than immutable: it reads a declarationTime as timestamptz (deterministic all the same for EPCIS times,
-- which always carry an offset)
create or replace function event_attributes(body text) returns table (kind char(1), name text, value text)
language sql stable as $$
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
    union all
    -- the new kinds behind one test of the event's keys: most events have none of them, and capture pays for
    -- every branch an event goes through
    select x.kind, x.name, x.value
      from e cross join lateral (
        select 't'::char(1) as kind, '' as name, e.ev ->> 'transformationID' as value
         where e.ev ->> 'transformationID' is not null
        union all
        select 'n', '', q -> 'quantity' #>> '{}'
          from jsonb_array_elements(coalesce(e.ev -> 'quantityList', '[]'::jsonb)
                                    || coalesce(e.ev -> 'childQuantityList', '[]'::jsonb)
                                    || coalesce(e.ev -> 'inputQuantityList', '[]'::jsonb)
                                    || coalesce(e.ev -> 'outputQuantityList', '[]'::jsonb)) q
         where jsonb_typeof(q -> 'quantity') = 'number'
        union all
        select 'r', 'declarationTime', to_char(((e.ev -> 'errorDeclaration' ->> 'declarationTime')::timestamptz)
                                               at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
         where e.ev -> 'errorDeclaration' ->> 'declarationTime' is not null
        union all
        select 'r', 'reason', e.ev -> 'errorDeclaration' ->> 'reason'
         where e.ev -> 'errorDeclaration' ->> 'reason' is not null
        union all
        select 'r', 'correctiveEventID', c #>> '{}'
          from jsonb_array_elements(coalesce(e.ev -> 'errorDeclaration' -> 'correctiveEventIDs', '[]'::jsonb)) c
        union all
        select 'p', s.key, v #>> '{}'
          from jsonb_each(coalesce(e.ev -> 'persistentDisposition', '{}'::jsonb)) s,
               jsonb_array_elements(case jsonb_typeof(s.value) when 'array' then s.value else '[]'::jsonb end) v
         where s.key in ('set', 'unset')) x
     where e.ev ?| array['transformationID', 'quantityList', 'childQuantityList', 'inputQuantityList',
                         'outputQuantityList', 'errorDeclaration', 'persistentDisposition']
$$;

-- range conditions on quantities (the general index serves equality on text, not numeric order)
create index event_attribute_quantity on event_attribute ((value::numeric), event_ref) where kind = 'n';

-- the new kinds for the events stored before this migration
insert into event_attribute (event_ref, kind, name, value)
select e.id, x.kind, x.name, x.value from epcis_event e, lateral event_attributes(e.body) x
 where (e.body like '%"transformationID"%' or e.body like '%"quantity"%' or e.body like '%"errorDeclaration"%'
        or e.body like '%"persistentDisposition"%')
   and x.kind in ('t', 'n', 'r', 'p');

-- Quantity classes of TransformationEvents stored before this migration are all role q: re-role each as I or O where
-- the stored body tells which list it came from (only one list, or its canonical key written as such in one list).
-- A class written in a non-canonical form (an EPC URN) in an event with both lists stays q: found by
-- MATCH_anyEPCClass, as before.
update event_epc x
   set role = case when l.outputs is null then 'I'
                   when l.inputs is null then 'O'
                   when x.epc = any(l.inputs) and not x.epc = any(l.outputs) then 'I'
                   else 'O' end
  from (select e.id,
               (select array_agg(q ->> 'epcClass') from jsonb_array_elements(b -> 'inputQuantityList') q) as inputs,
               (select array_agg(q ->> 'epcClass') from jsonb_array_elements(b -> 'outputQuantityList') q) as outputs
          from (select id, (body::jsonb) -> 'epcisBody' -> 'eventList' -> 0 as b
                  from epcis_event where event_type = 'TransformationEvent') e) l
 where x.event_ref = l.id and x.role = 'q'
   and (l.inputs is null or l.outputs is null
        or (x.epc = any(l.inputs)) <> (x.epc = any(l.outputs)));
