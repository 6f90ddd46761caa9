-- The query API's own state (io.tracegate.gateway.query) and the location hierarchy of master data.

-- Secrets the gateway signs what it hands out with (page tokens), generated at the first start that needs one.
create table query_secret (
    name   text  primary key,
    secret bytea not null
);

-- A location's parent in the master data's hierarchy (EPCIS 'children' of a Location vocabulary element, or the PUT
-- API's "parent"), for the WD_readPoint and WD_bizLocation query parameters.
alter table location add column parent_gln text, add column parent_extension text;
create index location_parent on location (parent_gln, parent_extension) where parent_gln is not null;

-- Named queries (POST /queries): the query as its JSON object of EPCIS query parameters.
create table named_query (
    name       text        primary key,
    definition jsonb       not null,
    created_by text        not null,
    created_at timestamptz not null
);

-- Webhook subscriptions to named queries: on capture (stream) or on a schedule (cron-like fields as JSON).
-- WebSocket subscriptions live as long as their connection and are not stored.
create table query_subscription (
    id                  uuid        primary key,
    query_name          text        not null references named_query (name) on delete cascade,
    dest                text        not null,
    signature_token     text,
    stream              boolean     not null,
    schedule            jsonb,
    report_if_empty     boolean     not null,
    initial_record_time timestamptz not null,
    min_record_time     timestamptz not null,
    epc_format          text        not null,
    created_by          text        not null,
    created_at          timestamptz not null,
    last_notified_at    timestamptz
);

create index query_subscription_query on query_subscription (query_name);
