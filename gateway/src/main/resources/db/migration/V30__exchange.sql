-- Exchange: trading partners, their certificates, and the log of AS2/HTTPS messages in and out, which is also the
-- durable outbound queue and the store of every raw message and MDN kept as evidence.

create table exchange_partner (
    id            bigserial primary key,
    name          text not null,
    as2_id        text not null,
    url           text not null,
    transport     text not null check (transport in ('as2', 'https')),
    glns          text[] not null,
    signing       text not null,
    encryption    text not null,
    compression   boolean not null,
    mdn_signed    boolean not null,
    mdn_async     boolean not null,
    mdn_url       text,
    document_form text not null,
    async_mdn_hosts text[] not null,
    interop       jsonb not null,
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    -- A removed partner keeps its rows for the message history; its AS2 name may be given to a new partner.
    removed_at    timestamptz
);
create unique index exchange_partner_as2_id on exchange_partner (as2_id) where removed_at is null;

create table exchange_partner_certificate (
    partner_id bigint not null references exchange_partner,
    sha256     text not null,
    pem        text not null,
    not_before timestamptz not null,
    not_after  timestamptz not null,
    primary key (partner_id, sha256)
);
-- The mutual-TLS connector finds a client certificate's partner by fingerprint.
create index exchange_partner_certificate_sha256 on exchange_partner_certificate (sha256);

create table exchange_message (
    id              bigserial primary key,
    direction       text not null check (direction in ('in', 'out')),
    partner_id      bigint references exchange_partner,
    as2_from        text not null,
    as2_to          text not null,
    -- The AS2 Message-ID, angle brackets included.
    message_id      text not null,
    status          text not null check (status in ('queued', 'sending', 'delivered', 'rejected', 'failed',
                                                    'received', 'processed')),
    -- out: sending attempts; in: how many times the partner posted it (a resend gets the first MDN again).
    attempts        int not null default 0,
    next_attempt_at timestamptz,
    -- A worker's claim on a row it is sending; an expired claim (its gateway died) is taken over.
    claimed_until   timestamptz,
    error           text,
    -- The document: out, as given to send; in, as extracted from the message.
    content_type    text,
    document        bytea,
    document_sha256 text,
    document_bytes  bigint,
    -- The message as it went over the wire: HTTP header lines, then the body.
    message_headers text,
    message_body    bytea,
    mic             text,
    -- The MDN as it went over the wire, its Message-ID, disposition, MIC, and whether its signature verified.
    mdn_headers     text,
    mdn_body        bytea,
    mdn_message_id  text,
    mdn_disposition text,
    mdn_mic         text,
    mdn_signed      boolean,
    mdn_verified    boolean,
    -- in: where an asynchronous MDN goes, and its delivery ('pending', 'sent', 'failed').
    mdn_url         text,
    mdn_delivery    text,
    mdn_attempts    int not null default 0,
    -- in: the capture job the document became, or why it could not be handed to capture.
    capture_id      bigint,
    capture_error   text,
    -- in: a worker handing the document to capture holds it until then.
    capture_claimed_until timestamptz,
    created_at      timestamptz not null,
    sent_at         timestamptz,
    mdn_at          timestamptz,
    updated_at      timestamptz not null
);
create unique index exchange_message_in on exchange_message (as2_from, message_id) where direction = 'in';
create unique index exchange_message_out on exchange_message (message_id) where direction = 'out';
create index exchange_message_partner on exchange_message (partner_id, direction, id);
create index exchange_message_due on exchange_message (next_attempt_at)
    where status in ('queued', 'sending') or mdn_delivery = 'pending';
create index exchange_message_unfinished on exchange_message (id)
    where status = 'received' or (status = 'processed' and capture_id is null and capture_error is null);
-- Encrypted bodies do not compress: spare PostgreSQL the attempt.
alter table exchange_message alter column message_body set storage external;
