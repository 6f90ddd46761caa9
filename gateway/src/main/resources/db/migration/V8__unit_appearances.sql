-- The events naming a unit (SGTIN or SSCC in the serial store) are listed on its own row instead of in event_epc.
-- A packaging line's document names every unit twice (commissioned, then packed): as event_epc rows that was two
-- heap rows and two index entries per unit on top of its serial_unit row, half of the database's work in a large
-- capture (CaptureLoad benchmark); on the unit's row it is two array elements. The trace reads a unit's events from
-- the row it reads anyway. event_epc keeps every other identifier (EPC classes, units the store does not hold).
--   event_refs:  epcis_event ids, in the order the events were applied
--   event_roles: one character per id, the unit's role in that event, as event_epc.role (p, e, c, i, o)
alter table serial_unit
    add column event_refs  bigint[] not null default '{}',
    add column event_roles text     not null default '';

update serial_unit u
   set event_refs = a.refs, event_roles = a.roles
  from (select x.epc, array_agg(x.event_ref order by x.event_time, x.event_ref) as refs,
               string_agg(x.role::text, '' order by x.event_time, x.event_ref) as roles
          from event_epc x join serial_unit s on s.epc = x.epc
         group by x.epc) a
 where u.epc = a.epc;

delete from event_epc x using serial_unit u where u.epc = x.epc;
