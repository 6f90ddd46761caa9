package io.tracegate.gateway.shipments;

import io.tracegate.epcis.hash.EventHash;
import io.tracegate.epcis.io.EpcisReader;
import io.tracegate.epcis.model.Action;
import io.tracegate.epcis.model.BizTransaction;
import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.epcis.model.EpcisHeader;
import io.tracegate.epcis.model.EventType;
import io.tracegate.epcis.model.ExtensionElement;
import io.tracegate.gateway.capture.CaptureService;
import io.tracegate.gateway.capture.Identifiers;
import io.tracegate.gateway.config.TracegateProperties;
import io.tracegate.gateway.shipments.PartnerTransport.TradingPartner;
import io.tracegate.gs1.Gln;
import io.tracegate.gs1.Gs1Exception;
import io.tracegate.gs1.epc.Epc;
import io.tracegate.gs1.epc.Sgtin;
import io.tracegate.gs1.epc.SsccEpc;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A partner's document, once captured: every shipping event in it addressed to us (its buyer or ship-to is a party
 * of this gateway, {@code tracegate.own-glns}) becomes an expected receipt of everything it ships, at every level,
 * with each unit's lot and expiry and container as the document says. The seller it names must be a partner
 * (else: unknown sender), and the one the document came from when that is known (else: unexpected sender).
 */
@Component
class InboundDocuments {

    private static final Logger log = LoggerFactory.getLogger(InboundDocuments.class);

    private final CaptureService captures;
    private final Receipts receipts;
    private final PartnerTransport transport;
    private final Set<String> ownGlns;

    InboundDocuments(CaptureService captures, Receipts receipts, PartnerTransport transport,
            TracegateProperties properties) {
        this.captures = captures;
        this.receipts = receipts;
        this.transport = transport;
        this.ownGlns = properties.ownGlns().stream().map(Gln::value).collect(Collectors.toUnmodifiableSet());
    }

    /** In the worker's transaction: the receipts of a partner's captured document. */
    void received(CaptureExaminer.Job job) {
        Document document;
        try (InputStream in = captures.document(job.documentSha256()); EpcisReader reader = EpcisReader.open(in)) {
            document = Document.read(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("the document of capture job " + job.jobId() + " cannot be read", e);
        }
        for (EpcisEvent shipping : document.shippings) {
            String buyer = StoredEvents.party(shipping.destinationList(), "owning_party");
            String shipTo = StoredEvents.party(shipping.destinationList(), "location");
            if (!ours(buyer) && !ours(shipTo)) {
                log.info("Shipping event {} in capture job {} goes to {}, not to a party of this gateway: no receipt",
                        shipping.eventId(), job.jobId(), buyer != null ? buyer : shipTo);
                continue;
            }
            String seller = Optional.ofNullable(StoredEvents.party(shipping.sourceList(), "owning_party"))
                    .orElse(document.sender);
            Optional<TradingPartner> partner = partnerOf(seller);
            receipts.expect(job, document.announced(shipping, seller, buyer, shipTo), partner.orElse(null),
                    senderIssues(job, seller, partner));
        }
    }

    private boolean ours(String party) {
        String gln = StoredEvents.gln(party);
        return gln != null && (ownGlns.isEmpty() || ownGlns.contains(gln));
    }

    private Optional<TradingPartner> partnerOf(String seller) {
        String gln = StoredEvents.gln(seller);
        return gln == null ? Optional.empty() : transport.partnerWithGln(gln);
    }

    /** Unknown: no partner has the seller's GLN. Unexpected: it came from a partner whose GLNs are not the seller's. */
    private static List<Reconciliation.Mismatch> senderIssues(CaptureExaminer.Job job, String seller,
            Optional<TradingPartner> partner) {
        List<Reconciliation.Mismatch> issues = new ArrayList<>();
        String gln = StoredEvents.gln(seller);
        if (partner.isEmpty()) {
            issues.add(new Reconciliation.Mismatch(ExceptionKind.UNKNOWN_SENDER, null, "the seller "
                    + (seller == null ? "(not named)" : seller) + " is not a partner of this gateway (no partner has"
                    + " its GLN)"));
        }
        if (!job.partnerGlns().isEmpty() && (gln == null || !job.partnerGlns().contains(gln))) {
            issues.add(new Reconciliation.Mismatch(ExceptionKind.UNEXPECTED_SENDER, null, "the document came from "
                    + job.submittedBy() + " (GLNs " + String.join(", ", job.partnerGlns()) + "), but names "
                    + (seller == null ? "no seller" : seller + " as the seller")));
        }
        return issues;
    }

    /** What a shipment document says: its shipping events, and every unit's lot, expiry and container. */
    private static final class Document {
        String sender;
        String documentNumber;
        final List<EpcisEvent> shippings = new ArrayList<>();
        final Map<String, String> written = new HashMap<>();
        final Map<String, String> lots = new HashMap<>();
        final Map<String, LocalDate> expiries = new HashMap<>();
        /** Child to container, as the document's packing and unpacking leave them. */
        final Map<String, String> parents = new LinkedHashMap<>();

        static Document read(EpcisReader reader) {
            Document d = new Document();
            EpcisHeader header = reader.header();
            if (header.sbdh() != null) {
                d.sender = header.sbdh().senderIdentifier();
                if (header.sbdh().documentIdentification() != null) {
                    d.documentNumber = header.sbdh().documentIdentification().instanceIdentifier();
                }
            }
            while (reader.hasNext()) {
                d.take(reader.next());
            }
            return d;
        }

        private void take(EpcisEvent e) {
            if (e.type() == EventType.OBJECT_EVENT && e.action() == Action.ADD) {
                String lot = ilmd(e, "lotNumber");
                LocalDate expiry = date(ilmd(e, "itemExpirationDate"));
                for (String epc : e.epcList()) {
                    String key = key(epc);
                    if (key != null) {
                        if (lot != null) {
                            lots.put(key, lot);
                        }
                        if (expiry != null) {
                            expiries.put(key, expiry);
                        }
                    }
                }
            } else if (e.type() == EventType.AGGREGATION_EVENT && e.parentId() != null) {
                String parent = key(e.parentId());
                if (parent == null) {
                    return;
                }
                if (e.action() == Action.ADD) {
                    e.childEpcs().forEach(child -> {
                        String key = key(child);
                        if (key != null) {
                            parents.put(key, parent);
                        }
                    });
                } else if (e.action() == Action.DELETE && e.childEpcs().isEmpty()) {
                    parents.values().removeIf(parent::equals);
                } else if (e.action() == Action.DELETE) {
                    e.childEpcs().forEach(child -> parents.remove(key(child), parent));
                }
            } else if (StoredEvents.is(e.bizStep(), "shipping")) {
                e.epcList().forEach(this::key);
                shippings.add(e);
            }
        }

        /** The canonical key of a GS1 unit or container, remembering how the document wrote it; else null. */
        private String key(String epc) {
            String key = Identifiers.key(epc);
            if (key.equals(epc) && !epc.startsWith("https://id.gs1.org/")) {
                return null; // not a GS1 key
            }
            written.putIfAbsent(key, epc);
            return key;
        }

        /** The receipt of one shipping event: what it names and everything packed in it. */
        Receipts.Announced announced(EpcisEvent shipping, String seller, String buyer, String shipTo) {
            Map<String, List<String>> content = new HashMap<>();
            parents.forEach((child, parent) -> content.computeIfAbsent(parent, k -> new ArrayList<>()).add(child));
            List<Receipts.Item> items = new ArrayList<>();
            Deque<String[]> pending = new ArrayDeque<>(); // key, parent
            for (String epc : shipping.epcList()) {
                String key = Identifiers.key(epc);
                pending.add(new String[] {key, null});
            }
            Set<String> seen = new HashSet<>();
            while (!pending.isEmpty()) {
                String[] next = pending.poll();
                String key = next[0];
                if (!seen.add(key)) {
                    continue;
                }
                Epc epc = parse(key);
                String kind = epc instanceof SsccEpc ? "sscc" : epc instanceof Sgtin ? "sgtin" : null;
                if (kind == null) {
                    continue;
                }
                String gtin = epc instanceof Sgtin sgtin ? sgtin.gtin().value() : null;
                items.add(new Receipts.Item(kind, new Reconciliation.Expected(key, written.getOrDefault(key, key),
                        gtin, lots.get(key), expiries.get(key), next[1])));
                content.getOrDefault(key, List.of()).forEach(child -> pending.add(new String[] {child, key}));
            }
            List<String> orders = new ArrayList<>();
            List<String> advices = new ArrayList<>();
            for (BizTransaction t : shipping.bizTransactionList()) {
                if (StoredEvents.is(t.type(), "po")) {
                    orders.add(t.value());
                } else if (StoredEvents.is(t.type(), "desadv")) {
                    advices.add(t.value());
                }
            }
            return new Receipts.Announced(EventHash.of(shipping), shipping.eventId() != null ? shipping.eventId()
                    : EventHash.of(shipping), shipping.eventTime(), seller, buyer, shipTo, documentNumber, orders,
                    advices, items);
        }

        private static Epc parse(String key) {
            try {
                return Epc.parse(key);
            } catch (Gs1Exception e) {
                return null;
            }
        }

        private static String ilmd(EpcisEvent e, String localName) {
            if (e.ilmd() != null) {
                for (ExtensionElement x : e.ilmd()) {
                    if (x.localName().equals(localName) && x.isLeaf() && !x.text().isBlank()) {
                        return x.text().strip();
                    }
                }
            }
            return null;
        }

        private static LocalDate date(String text) {
            try {
                return text == null || text.length() < 10 ? null : LocalDate.parse(text.substring(0, 10));
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }
}
