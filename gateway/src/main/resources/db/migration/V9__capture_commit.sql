-- A large capture commits its events from a second transaction, prepared before the job's own commits and
-- committed right after it (two-phase commit). Between the two the job is decided (its row finished) but its events
-- are not yet visible: events_pending says so, and the job is shown as still running until it is cleared, so that a
-- job is reported successful only when its events can be read.
alter table capture_job add column events_pending boolean not null default false;

create index capture_job_events_pending on capture_job (id) where events_pending;

-- An eventID names one event: captures refuse a different event with a stored eventID from now on. Stores that
-- took such clashes before are not changed; the clashes are listed here, and the gateway reports them at start.
create table event_id_clash as
    select event_id, array_agg(id order by id) as event_refs from epcis_event group by event_id having count(*) > 1;
