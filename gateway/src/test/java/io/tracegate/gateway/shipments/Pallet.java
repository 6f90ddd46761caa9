package io.tracegate.gateway.shipments;

import io.tracegate.epcis.builder.DscsaEvent;
import io.tracegate.epcis.builder.Location;
import io.tracegate.epcis.builder.Product;
import io.tracegate.epcis.builder.ShipmentDocumentBuilder;
import io.tracegate.epcis.convert.DscsaRelease;
import io.tracegate.epcis.io.EpcisFormat;
import io.tracegate.epcis.io.EpcisWriter;
import io.tracegate.epcis.io.WriteOptions;
import io.tracegate.epcis.model.EpcisDocument;
import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.epcis.model.EpcisHeader;
import io.tracegate.gs1.Ndc;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A pallet of cases of units of one product (NDC 0001-0123-45), made with epcis-model's DSCSA builders: its
 * commissioning, packing and shipping events, alone (as a line and a warehouse capture them) or as a complete
 * shipment document from a seller to a buyer.
 */
final class Pallet {

    static final Ndc NDC = Ndc.parse("0001-0123-45");
    static final Product UNIT = new Product(NDC, 0, "Epcistra", "GS1 Pharma LLC", "PILL", "100mg", "500 pills");
    static final Product CASE = new Product(NDC, 1, "Epcistra", "GS1 Pharma LLC", "PILL", "100mg", "500 pills");
    static final String LOT = "L-2027";
    static final LocalDate EXPIRY = LocalDate.parse("2027-06-30");
    private static final AtomicLong SSCCS = new AtomicLong(System.nanoTime() % 1_000_000_000L);
    private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    final Product unit;
    final Product box;
    final String sscc;
    /** Case SGTIN to the unit SGTINs in it. */
    final Map<String, List<String>> cases = new LinkedHashMap<>();
    final List<EpcisEvent> events = new ArrayList<>();

    /** A pallet of NDC 0001-0123-45 made at {@code site} at {@code at} (commissioning, then packing). */
    Pallet(int caseCount, int unitsPerCase, String site, OffsetDateTime at) {
        this(UNIT, CASE, caseCount, unitsPerCase, site, at);
    }

    /** A pallet of cases of product {@code box} holding units of product {@code unit}. */
    Pallet(Product unit, Product box, int caseCount, int unitsPerCase, String site, OffsetDateTime at) {
        this.unit = unit;
        this.box = box;
        sscc = "urn:epc:id:sscc:030001.7" + String.format("%010d", SSCCS.incrementAndGet() % 10_000_000_000L);
        for (int c = 0; c < caseCount; c++) {
            String carton = sgtin(box, "C");
            List<String> units = new ArrayList<>();
            for (int u = 0; u < unitsPerCase; u++) {
                units.add(sgtin(unit, "U"));
            }
            cases.put(carton, units);
            events.add(DscsaEvent.commission(at, site, units).lot(LOT).expiry(EXPIRY).build());
            events.add(DscsaEvent.commission(at, site, List.of(carton)).lot(LOT).expiry(EXPIRY).build());
            events.add(DscsaEvent.pack(at.plusMinutes(1), site, carton, units).build());
        }
        events.add(DscsaEvent.pack(at.plusMinutes(2), site, sscc, List.copyOf(cases.keySet())).build());
    }

    /** A new SGTIN of the product. */
    static String sgtin(Product product, String serialPrefix) {
        return product.epcClass().replace(":idpat:", ":id:").replace("*", serialPrefix + SERIALS.incrementAndGet());
    }

    List<String> units() {
        return cases.values().stream().flatMap(List::stream).toList();
    }

    /** The shipping event of the pallet from the seller's site to the buyer's, with a purchase order. */
    EpcisEvent shipping(OffsetDateTime at, String seller, String shipFrom, String buyer, String shipTo) {
        return DscsaEvent.ship(at, shipFrom, List.of(sscc)).purchaseOrder(gln(buyer), "PO-" + sscc.hashCode())
                .despatchAdvice(gln(seller), "DA-" + sscc.hashCode()).from(seller, shipFrom).to(buyer, shipTo)
                .build();
    }

    /** The complete shipment document (R1.3, EPCIS 1.2 XML) a seller sends the buyer. */
    String shipmentDocument(OffsetDateTime shippedAt, String seller, String shipFrom, String buyer, String shipTo) {
        ShipmentDocumentBuilder document = ShipmentDocumentBuilder.forRelease(DscsaRelease.R1_3, Clock.systemUTC())
                .sender(seller).receiver(buyer).documentNumber("DOC-" + sscc.hashCode()).product(unit).product(box);
        for (String party : List.of(seller, shipFrom, buyer, shipTo)) {
            document.location(new Location(party, "Party " + party, "1 Main St", "Springfield", "IL", "62701",
                    "US"));
        }
        events.forEach(document::event);
        document.event(shipping(shippedAt, seller, shipFrom, buyer, shipTo));
        return write(document.build());
    }

    /** Events alone, as a line captures them (EPCIS 1.2 XML without header). */
    static String eventsDocument(List<EpcisEvent> events) {
        return write(new EpcisDocument(EpcisHeader.minimal("1.2", OffsetDateTime.now()), events));
    }

    private static String write(EpcisDocument document) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EpcisWriter.write(document, EpcisFormat.XML_1_2, out, WriteOptions.DEFAULT);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The GLN-13 of an SGLN URN {@code urn:epc:id:sgln:CP.LR.0}. */
    static String gln(String sgln) {
        return StoredEvents.gln(sgln);
    }
}
