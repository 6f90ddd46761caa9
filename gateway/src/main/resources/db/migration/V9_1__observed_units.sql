-- Units first seen in a history import (Tracegate-Lifecycle: observe): their history did not start here, so the
-- store derived their state from what the imported events say instead of holding it to the lifecycle rules.
alter table serial_unit add column observed boolean not null default false;

-- Keys that may import history (besides ADMIN keys): created with "import": true.
alter table api_key add column may_import boolean not null default false;

-- How a job's events were taken: 'enforce' (the lifecycle rules hold) or 'observe' (a history import).
alter table capture_job add column lifecycle text not null default 'enforce' check (lifecycle in ('enforce', 'observe'));
