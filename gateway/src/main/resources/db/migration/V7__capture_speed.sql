-- What a large capture costs the database, the bottleneck of capture (measured with the CaptureLoad benchmark).

-- Units of one case share its key: deduplicated, every packing rewrote the case's growing posting list.
drop index serial_unit_parent;

-- Identifier keys compare byte by byte: they are GS1 Digital Links and URIs, whose order is their code points. The
-- database's libc collation (C.UTF-8 on the embedded server, often en_US elsewhere) makes every index insert and
-- lookup on them call strcoll and turns off abbreviated keys; "C" makes them memcmp.
alter table serial_unit alter column epc type text collate "C", alter column parent type text collate "C";
alter table event_epc alter column epc type text collate "C";
alter table epcis_event alter column event_hash type text collate "C", alter column parent_id type text collate "C";
create index serial_unit_parent on serial_unit (parent) with (deduplicate_items = off) where parent is not null;

-- Nothing looks units up by lot (lots have their own table); the index only slowed every commissioning down.
drop index serial_unit_lot;

-- Capture writes event_attribute rows itself (io.tracegate.gateway.capture.EventAttributes): the statement trigger
-- parsed every stored body as jsonb again, an eighth of the database's work in a large capture.
drop trigger epcis_event_attributes on epcis_event;
drop function index_event_attributes();
drop function event_attributes(text);

