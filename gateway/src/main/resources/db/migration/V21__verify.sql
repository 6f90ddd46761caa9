-- Verification (io.tracegate.gateway.verify): the lookup directory of the requester/router and the request log.

-- Where requests for another responder's products go: by GTIN, or by GS1 company prefix (matched against the GTIN-14
-- without its indicator digit, so a U.P.C. company prefix is written with its leading 0, as in EPC URNs); the
-- longest match wins (a GTIN entry before any prefix). api_key is sent to the responder as a bearer token.
create table vrs_route (
    id         bigint generated always as identity primary key,
    match      text        not null unique check (match ~ '^[0-9]{4,14}$'),
    kind       text        not null check (kind in ('gtin', 'companyPrefix')),
    url        text        not null,
    api_key    text,
    timeout_ms integer     check (timeout_ms between 1 and 600000),
    created_by text        not null,
    created_at timestamptz not null
);

-- Every verification answered or forwarded (LMS requests and scans), for the six-year retention. Rows are written
-- by COPY in group commits (see io.tracegate.gateway.verify.RequestLog); nothing updates them.
--   channel:   lms (GET /vrs/gtin/..), scan (POST /verify/scan), image (POST /verify/image)
--   outcome:   verified, not_verified, or the HTTP status of an answer without a verdict (400, 403, 404, 502, 504, ...)
--   responder: 'local', or the base URL the request was forwarded to
create table vrs_request_log (
    id              bigint      generated always as identity primary key,
    at              timestamptz not null,
    requestor       text        not null,
    req_gln         text,
    channel         text        not null,
    gtin            text,
    serial          text,
    lot             text,
    expiry          text,
    context         text,
    outcome         text        not null,
    reason          text,
    additional_info text,
    corr_uuid       text,
    latency_micros  bigint      not null,
    responder       text        not null
);

create index vrs_request_log_at on vrs_request_log (at);
create index vrs_request_log_gtin on vrs_request_log (gtin, at);
create index vrs_request_log_requestor on vrs_request_log (requestor, at);
