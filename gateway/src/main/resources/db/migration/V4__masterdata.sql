-- Product and location master data, set through the API or learned from captured EPCIS master data. Values set
-- through the API win: learning only fills what is still empty (see io.tracegate.gateway.masterdata).
create table product (
    gtin            text primary key,
    ndc             text,
    name            text,
    dosage_form     text,
    strength        text,
    net_content     text,
    company_prefix  text,
    manufacturer    text,
    updated_at      timestamptz not null
);

create table location (
    gln             text not null,
    extension       text not null default '0',
    name            text,
    street_address_one text,
    street_address_two text,
    city            text,
    state           text,
    postal_code     text,
    country_code    text,
    licences        text[] not null default '{}',
    updated_at      timestamptz not null,
    primary key (gln, extension)
);
