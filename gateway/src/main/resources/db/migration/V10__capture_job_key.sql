-- A capture job belongs to the API key that submitted it, by the key's id (api_key.id): a revoked key's name may be
-- given to a new key, which must not see the old key's jobs. submitted_by keeps the name, for people to read.
alter table capture_job add column api_key_id bigint;

-- Jobs submitted before: the key of that name that was active when the job was created.
update capture_job j set api_key_id = (
    select k.id from api_key k
    where k.name = j.submitted_by and k.created_at <= j.created_at
      and (k.revoked_at is null or k.revoked_at > j.created_at)
    order by k.created_at desc
    limit 1);

create index capture_job_key on capture_job (api_key_id, id desc);

-- The document retention sweep asks which jobs name a stored document.
create index capture_job_document on capture_job (document_sha256);
