package io.tracegate.epcis.builder;

import io.tracegate.epcis.convert.DscsaRelease;
import io.tracegate.epcis.model.CbvValue;
import io.tracegate.epcis.model.CbvVocabulary;
import io.tracegate.epcis.model.EpcisDocument;
import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.epcis.model.EpcisHeader;
import io.tracegate.epcis.model.ExtensionElement;
import io.tracegate.epcis.model.MasterData;
import io.tracegate.epcis.model.StandardBusinessDocumentHeader;
import io.tracegate.epcis.model.StandardBusinessDocumentHeader.DocumentIdentification;
import io.tracegate.epcis.model.StandardBusinessDocumentHeader.Partner;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A complete DSCSA shipment document (EPCIS 1.2, GS1 US implementation guideline R1.2 or R1.3): SBDH header with
 * sender, receiver and document number, product and location master data, the transaction statement, and the
 * events (commissioning and packing history plus the shipping event).
 *
 * <p>The release decides the form: R1.3 adds {@code gs1ushc:guidelineVersion}, writes NDCs as {@code US_FDA_NDC}
 * and gives every shipping event a {@code gs1ushc:dropShipment} indicator ({@code false} unless set); R1.2 writes
 * NDCs as 11 digits typed {@code FDA_NDC_11} and has no drop-shipment indicator. The creation date comes from the
 * clock.
 */
public final class ShipmentDocumentBuilder {

    /** The legal notice wording of the GS1 US examples. */
    public static final String DEFAULT_LEGAL_NOTICE =
            "Seller has complied with each applicable subsection of FDCA Sec. 581(27)(A)-(G).";

    private static final String USHC = EpcisHeader.GS1USHC_NAMESPACE;

    private final DscsaRelease release;
    private final Clock clock;
    private String sender;
    private String receiver;
    private String documentNumber;
    private String legalNotice = DEFAULT_LEGAL_NOTICE;
    private final Map<String, MasterData.VocabularyElement> products = new LinkedHashMap<>();
    private final Map<String, MasterData.VocabularyElement> locations = new LinkedHashMap<>();
    private final List<EpcisEvent> events = new ArrayList<>();

    private ShipmentDocumentBuilder(DscsaRelease release, Clock clock) {
        this.release = Objects.requireNonNull(release, "release");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A shipment document in this guideline release, its creation date taken from the clock. */
    public static ShipmentDocumentBuilder forRelease(DscsaRelease release, Clock clock) {
        return new ShipmentDocumentBuilder(release, clock);
    }

    /** The sending party's SGLN (SBDH {@code Sender}). */
    public ShipmentDocumentBuilder sender(String sgln) {
        this.sender = sgln;
        return this;
    }

    /** The receiving party's SGLN (SBDH {@code Receiver}). */
    public ShipmentDocumentBuilder receiver(String sgln) {
        this.receiver = sgln;
        return this;
    }

    /** The sender's document number (SBDH {@code InstanceIdentifier}). */
    public ShipmentDocumentBuilder documentNumber(String number) {
        this.documentNumber = number;
        return this;
    }

    /** The transaction statement's legal notice, instead of {@link #DEFAULT_LEGAL_NOTICE}. */
    public ShipmentDocumentBuilder legalNotice(String notice) {
        this.legalNotice = Objects.requireNonNull(notice, "legal notice");
        return this;
    }

    /** Product master data for one packaging level; a product given twice is kept once. */
    public ShipmentDocumentBuilder product(Product product) {
        MasterData.VocabularyElement element = product.toVocabularyElement();
        products.putIfAbsent(element.id(), element);
        return this;
    }

    /** Master data for a party or site; a location given twice is kept once. */
    public ShipmentDocumentBuilder location(Location location) {
        locations.putIfAbsent(location.sgln(), location.toVocabularyElement());
        return this;
    }

    /** The next event, in document order. */
    public ShipmentDocumentBuilder event(EpcisEvent event) {
        events.add(Objects.requireNonNull(event, "event"));
        return this;
    }

    /** The next event, in document order. */
    public ShipmentDocumentBuilder event(DscsaEvent event) {
        return event(event.build());
    }

    /**
     * The document.
     *
     * @throws IllegalStateException when sender, receiver, document number or events are missing
     */
    public EpcisDocument build() {
        require(sender, "sender");
        require(receiver, "receiver");
        require(documentNumber, "document number");
        if (events.isEmpty()) {
            throw new IllegalStateException("a shipment document needs its events");
        }
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        StandardBusinessDocumentHeader sbdh = new StandardBusinessDocumentHeader("1.0",
                List.of(Partner.of("GS1", sender)), List.of(Partner.of("GS1", receiver)),
                new DocumentIdentification("EPCglobal", "1.0", documentNumber, "Events", null, now), null, null);
        List<MasterData.Vocabulary> vocabularies = new ArrayList<>();
        vocabulary(MasterData.EPC_CLASS, products, vocabularies);
        vocabulary(MasterData.LOCATION, locations, vocabularies);
        ExtensionElement statement = ExtensionElement.parent(USHC, "gs1ushc", "dscsaTransactionStatement", List.of(
                ExtensionElement.leaf(USHC, "gs1ushc", "affirmTransactionStatement", "true"),
                ExtensionElement.leaf(USHC, "gs1ushc", "legalNotice", legalNotice)));
        EpcisHeader header = release.apply(new EpcisHeader("1.2", now, null, sbdh, new MasterData(vocabularies),
                List.of(statement), List.of()));
        return new EpcisDocument(header, events.stream().map(this::inReleaseForm).toList());
    }

    private static void vocabulary(String type, Map<String, MasterData.VocabularyElement> elements,
                                   List<MasterData.Vocabulary> to) {
        if (!elements.isEmpty()) {
            to.add(new MasterData.Vocabulary(type, List.copyOf(elements.values()), List.of()));
        }
    }

    /** A shipping event with the drop-shipment indicator R1.3 asks for (false unless set), R1.2 without it. */
    private EpcisEvent inReleaseForm(EpcisEvent e) {
        if (!CbvValue.standard(CbvVocabulary.BIZ_STEP, "shipping").equals(e.bizStep())) {
            return e;
        }
        List<ExtensionElement> extensions = new ArrayList<>(e.extensions());
        if (release == DscsaRelease.R1_2) {
            extensions.removeIf(ShipmentDocumentBuilder::isDropShipment);
        } else if (extensions.stream().noneMatch(ShipmentDocumentBuilder::isDropShipment)) {
            extensions.add(DscsaEvent.dropShipmentElement(false));
        }
        return e.toBuilder().extensions(extensions).build();
    }

    private static boolean isDropShipment(ExtensionElement x) {
        return x.namespaceUri().equals(USHC) && x.localName().equals("dropShipment");
    }

    private static void require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("a shipment document needs its " + what);
        }
    }
}
