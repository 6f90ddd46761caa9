-- API keys. Only the SHA-256 of each key is stored: keys are 256-bit random secrets, so a fast hash is enough
-- (see io.tracegate.gateway.security.ApiKeys). Revoked keys stay for the audit trail; a name is unique among
-- the active keys only, so a revoked name can be given to a new key.
create table api_key (
    id         bigint generated always as identity primary key,
    name       text        not null,
    key_hash   bytea       not null unique,
    roles      text[]      not null check (cardinality(roles) > 0),
    gtins      text[]      not null default '{}',
    glns       text[]      not null default '{}',
    created_at timestamptz not null,
    revoked_at timestamptz
);

create unique index api_key_active_name on api_key (name) where revoked_at is null;
