package io.tracegate.gateway.shipments;

import io.tracegate.epcis.builder.Location;
import io.tracegate.epcis.builder.Product;
import io.tracegate.epcis.builder.ShipmentDocumentBuilder;
import io.tracegate.epcis.convert.ConversionOptions;
import io.tracegate.epcis.convert.EpcisConverter;
import io.tracegate.epcis.io.CbvXmlFormat;
import io.tracegate.epcis.io.EpcisFormat;
import io.tracegate.epcis.io.EpcisWriter;
import io.tracegate.epcis.io.WriteOptions;
import io.tracegate.epcis.model.Action;
import io.tracegate.epcis.model.EpcisDocument;
import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.epcis.model.EpcisHeader;
import io.tracegate.epcis.model.EventType;
import io.tracegate.epcis.model.SourceDestination;
import io.tracegate.epcis.validation.ValidationFinding;
import io.tracegate.epcis.validation.Validator;
import io.tracegate.gateway.capture.EventStore;
import io.tracegate.gateway.capture.Identifiers;
import io.tracegate.gateway.masterdata.MasterDataStore;
import io.tracegate.gateway.serials.SerialStore;
import io.tracegate.gateway.serials.SerialStore.PackedUnit;
import io.tracegate.gs1.Gs1Exception;
import io.tracegate.gs1.Ndc;
import io.tracegate.gs1.epc.Epc;
import io.tracegate.gs1.epc.GcpLengthResolver;
import io.tracegate.gs1.epc.Sgln;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * Composes the shipment document of a shipping event for its partner: the SBDH (sender and receiver GLNs), master
 * data for every product shipped and every party and place the document names, the DSCSA transaction statement,
 * the commissioning and packing history of every unit and container shipped at every level (events that also name
 * units not shipped are cut down to those shipped), and the shipping event itself; written in the partner's form
 * and validated with epcis-model's validator (schema, identifiers, DSCSA rules) before anything leaves.
 */
@Component
class ShipmentComposer {

    private static final WriteOptions COMPACT = new WriteOptions(CbvXmlFormat.NO_PREFERENCE, Map.of(), false);

    private final EventStore events;
    private final SerialStore units;
    private final MasterDataStore masterData;
    private final Clock clock;
    private final Validator validator;
    private final EpcisConverter converter = new EpcisConverter();
    private final GcpLengthResolver prefixes = GcpLengthResolver.standard();

    ShipmentComposer(EventStore events, SerialStore units, MasterDataStore masterData, Clock clock)
            throws IOException {
        this.events = events;
        this.units = units;
        this.masterData = masterData;
        this.clock = clock;
        this.validator = Validator.bundled();
    }

    /**
     * A composed document and what validation found; {@code units}, {@code containers} and {@code events} count
     * what it holds.
     */
    record Composed(byte[] document, String contentType, List<Finding> findings, int units, int containers,
                    int events, long millis) {

        /** No document: composing it failed, as the finding says. */
        static Composed failed(Finding why) {
            return new Composed(null, null, List.of(why), 0, 0, 0, 0);
        }

        boolean passes() {
            return findings.stream().noneMatch(Finding::isError);
        }
    }

    /** The document of shipment {@code id}, whose shipping event is the event store's row {@code eventRef}. */
    Composed compose(long id, long eventRef, String documentForm) {
        long started = System.nanoTime();
        List<Finding> findings = new ArrayList<>();
        DocumentForm form;
        try {
            form = DocumentForm.of(documentForm);
        } catch (IllegalArgumentException e) {
            form = DocumentForm.XML_1_2_R1_3;
            findings.add(Finding.error("shipments.document-form", "the partner's " + e.getMessage(),
                    "set the partner's documentForm, then POST /shipments/{id}/retry"));
        }
        EpcisEvent shipping = StoredEvents.event(events.bodies(List.of(eventRef)).get(0).body());
        Map<String, String> tops = new LinkedHashMap<>();
        shipping.epcList().forEach(epc -> tops.put(Identifiers.key(epc), epc));
        List<PackedUnit> content = units.withContent(tops.keySet());
        Set<String> shipped = new HashSet<>();
        Set<String> parents = new HashSet<>();
        Map<Long, Naming> history = new TreeMap<>();
        for (PackedUnit unit : content) {
            shipped.add(unit.key());
            if (unit.parentKey() != null) {
                parents.add(unit.parentKey());
            }
            for (int i = 0; i < unit.eventRefs().length; i++) {
                if (unit.eventRefs()[i] != eventRef) {
                    history.computeIfAbsent(unit.eventRefs()[i], ref -> new Naming())
                            .named(unit.eventRoles().charAt(i));
                }
            }
        }
        tops.forEach((key, written) -> {
            if (!shipped.contains(key)) {
                findings.add(Finding.error("shipments.unknown-epc", "the shipping event names " + written
                        + ", which the serial store does not hold: its history cannot be sent", null));
            }
        });
        List<EpcisEvent> sent = new ArrayList<>();
        for (EventStore.StoredBody stored : events.bodies(history.keySet())) {
            EpcisEvent kept = history.get(stored.ref()).history(StoredEvents.event(stored.body()), shipped);
            if (kept != null) {
                sent.add(kept);
            }
        }
        sent.sort(Comparator.comparing(EpcisEvent::eventTime)); // stable: row order within one time

        ShipmentDocumentBuilder builder = ShipmentDocumentBuilder.forRelease(form.release, clock)
                .documentNumber("TG-SHIPMENT-" + id);
        addProducts(builder, content, findings);
        Set<String> places = new LinkedHashSet<>();
        for (SourceDestination party : shipping.sourceList()) {
            places.add(party.value());
        }
        for (SourceDestination party : shipping.destinationList()) {
            places.add(party.value());
        }
        for (EpcisEvent e : sent) {
            if (e.readPoint() != null) {
                places.add(e.readPoint().id());
            }
            if (e.bizLocation() != null) {
                places.add(e.bizLocation().id());
            }
        }
        places.forEach(place -> addLocation(builder, place));
        String seller = StoredEvents.party(shipping.sourceList(), "owning_party");
        String buyer = StoredEvents.party(shipping.destinationList(), "owning_party");
        builder.sender(urn(seller != null ? seller : shipping.readPoint() == null ? "" : shipping.readPoint().id()));
        builder.receiver(urn(buyer != null ? buyer : StoredEvents.party(shipping.destinationList(), "location")));
        sent.forEach(builder::event);
        builder.event(shipping);

        byte[] document = write(builder.build(), form);
        findings.addAll(validate(document));
        int containers = (int) content.stream().filter(u -> parents.contains(u.key())).count();
        return new Composed(document, form.contentType, findings.stream().map(f -> f.forShipment(id)).toList(),
                content.size() - containers, containers, sent.size() + 1,
                (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * How many shipped units an event names in each role, which says what of it belongs in their history (without
     * reading its identifiers again, unless it must be cut down).
     */
    static final class Naming {
        int epcs;
        int children;
        boolean parent;

        void named(char role) {
            switch (role) {
                case 'e' -> epcs++;
                case 'c' -> children++;
                case 'p' -> parent = true;
                default -> {
                    // an input or output of a transformation is not commissioning or packing history
                }
            }
        }

        /**
         * What of the event belongs in the history of the shipped units: a commissioning (ObjectEvent ADD) or a
         * packing or unpacking of a shipped container, with only the shipped units; null for anything else. A copy
         * cut down to the shipped units is another event, so it loses the original's eventID.
         */
        EpcisEvent history(EpcisEvent e, Set<String> shipped) {
            if (e.type() == EventType.OBJECT_EVENT && e.action() == Action.ADD && epcs > 0) {
                return epcs == e.epcList().size() ? e : withUnits(e, shippedOf(e.epcList(), shipped), List.of());
            }
            if (e.type() == EventType.AGGREGATION_EVENT && e.action() != Action.OBSERVE && parent) {
                if (children == e.childEpcs().size()) {
                    return e;
                }
                return children == 0 ? null : withUnits(e, List.of(), shippedOf(e.childEpcs(), shipped));
            }
            return null;
        }
    }

    private static List<String> shippedOf(List<String> epcs, Set<String> shipped) {
        return epcs.stream().filter(epc -> shipped.contains(Identifiers.key(epc))).toList();
    }

    private static EpcisEvent withUnits(EpcisEvent e, List<String> epcs, List<String> children) {
        return new EpcisEvent(e.type(), e.eventTime(), e.recordTime(), e.eventTimeZoneOffset(), null,
                e.errorDeclaration(), e.certificationInfo(), e.parentId(), epcs, children, e.inputEpcList(),
                e.outputEpcList(), e.quantityList(), e.childQuantityList(), e.inputQuantityList(),
                e.outputQuantityList(), e.action(), e.transformationId(), e.bizStep(), e.disposition(),
                e.persistentDisposition(), e.readPoint(), e.bizLocation(), e.bizTransactionList(), e.sourceList(),
                e.destinationList(), e.sensorElementList(), e.ilmd(), e.extensions());
    }

    /** Product master data of every GTIN shipped; a product the gateway cannot describe is a finding naming it. */
    private void addProducts(ShipmentDocumentBuilder builder, List<PackedUnit> content, List<Finding> findings) {
        Set<String> gtins = new TreeSet<>();
        content.stream().filter(u -> u.gtin() != null).forEach(u -> gtins.add(u.gtin()));
        for (String gtin : gtins) {
            var product = masterData.product(gtin);
            if (product.isEmpty() || product.get().name() == null || product.get().name().isBlank()) {
                findings.add(Finding.error("shipments.product-master-data", "product GTIN " + gtin + " has no master"
                        + " data with a name in this gateway", Finding.productFix(gtin)));
                continue;
            }
            var p = product.get();
            Ndc ndc = ndc(gtin, p.ndc());
            if (ndc == null) {
                findings.add(Finding.error("shipments.product-ndc", "product GTIN " + gtin + " (" + p.name() + ") has "
                        + (p.ndc() == null || p.ndc().isBlank() ? "no NDC" : "NDC '" + p.ndc()
                        + "', which is not the NDC inside the GTIN") + " in the master data",
                        Finding.productFix(gtin)));
                continue;
            }
            builder.product(new Product(ndc, gtin.charAt(0) - '0', p.name(), p.manufacturer(), p.dosageForm(),
                    p.strength(), p.netContent()));
        }
    }

    /**
     * The NDC of a product as its master data gives it (hyphenated NDC-10, or the 10 or 11 digits), when it is the
     * one inside the GTIN; else null.
     */
    static Ndc ndc(String gtin, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        List<Ndc> candidates = new ArrayList<>();
        try {
            if (value.split("-", -1).length == 3 && value.replace("-", "").length() == 10) {
                candidates.add(Ndc.parse(value));
            } else {
                String digits = value.replace("-", "");
                for (Ndc.Format format : Ndc.Format.values()) {
                    try {
                        candidates.add(digits.length() == 11 ? Ndc.fromNdc11(digits, format)
                                : Ndc.of(digits, format));
                    } catch (IllegalArgumentException notThisLayout) {
                        // the padding or length says it is another layout
                    }
                }
            }
        } catch (IllegalArgumentException notAnNdc) {
            return null;
        }
        for (Ndc ndc : candidates) {
            if (ndc.toGtin(gtin.charAt(0) - '0').value().equals(gtin)) {
                return ndc;
            }
        }
        return null;
    }

    /** Location master data of a party or place, when the gateway has it (the DSCSA rules say which must). */
    private void addLocation(ShipmentDocumentBuilder builder, String place) {
        Sgln sgln = sgln(place);
        if (sgln == null) {
            return;
        }
        masterData.location(sgln.gln().value(), sgln.extension() == null ? "0" : sgln.extension())
                .filter(l -> l.name() != null && !l.name().isBlank())
                .ifPresent(l -> builder.location(new Location(urn(place), l.name(), l.streetAddressOne(), l.city(),
                        l.state(), l.postalCode(), l.countryCode())));
    }

    private static Sgln sgln(String place) {
        try {
            return place != null && Epc.parse(place) instanceof Sgln s ? s : null;
        } catch (Gs1Exception notAnSgln) {
            return null;
        }
    }

    /** An SGLN as its EPC URN (EPCIS 1.2 and the SBDH know no Digital Links); anything else as written. */
    private String urn(String place) {
        Sgln sgln = sgln(place);
        return sgln == null ? place : sgln.toUrn(prefixes);
    }

    /**
     * The document in the partner's form. An EPCIS 1.2 document takes EPC URNs only, while stored events keep the
     * identifiers as captured: when some are Digital Links, it is written as 2.0 XML and converted, which puts every
     * identifier in URN form.
     */
    private byte[] write(EpcisDocument document, DocumentForm form) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        if (form.format != EpcisFormat.XML_1_2) {
            // EPCIS 2.0 has no place for them in its header: the DSCSA elements go at the document's level
            EpcisHeader h = document.header();
            EpcisHeader header = new EpcisHeader("2.0", h.creationDate(), h.documentId(), h.sbdh(), h.masterData(),
                    List.of(), h.headerExtensions());
            EpcisWriter.write(new EpcisDocument(header, document.events()), form.format, out, COMPACT);
            return out.toByteArray();
        }
        if (document.events().stream().noneMatch(ShipmentComposer::hasDigitalLink)) {
            EpcisWriter.write(document, EpcisFormat.XML_1_2, out, COMPACT);
            return out.toByteArray();
        }
        ByteArrayOutputStream staged = new ByteArrayOutputStream(1 << 16);
        EpcisWriter.write(document, EpcisFormat.XML_2_0, staged, COMPACT);
        converter.convert(new ByteArrayInputStream(staged.toByteArray()), out,
                ConversionOptions.to(EpcisFormat.XML_1_2).withRelease(form.release));
        return out.toByteArray();
    }

    private static boolean hasDigitalLink(EpcisEvent e) {
        return e.allEpcs().stream().anyMatch(ShipmentComposer::isWebUri)
                || e.readPoint() != null && isWebUri(e.readPoint().id())
                || e.bizLocation() != null && isWebUri(e.bizLocation().id())
                || e.sourceList().stream().anyMatch(x -> isWebUri(x.value()))
                || e.destinationList().stream().anyMatch(x -> isWebUri(x.value()));
    }

    private static boolean isWebUri(String identifier) {
        return identifier.startsWith("http");
    }

    /** The validator's errors and warnings (its remarks, such as the release it recognised, are left out). */
    private List<Finding> validate(byte[] document) {
        Path file = null;
        try {
            file = Files.createTempFile("tracegate-shipment-", ".epcis");
            Files.write(file, document);
            return validator.validate(file).stream()
                    .filter(f -> f.level() != ValidationFinding.Level.INFO).map(Finding::of).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file: the system cleans it
                }
            }
        }
    }
}
