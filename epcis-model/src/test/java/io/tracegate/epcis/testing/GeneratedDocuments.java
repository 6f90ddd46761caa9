package io.tracegate.epcis.testing;

import io.tracegate.epcis.builder.DscsaEvent;
import io.tracegate.epcis.builder.Location;
import io.tracegate.epcis.builder.Product;
import io.tracegate.epcis.builder.ShipmentDocumentBuilder;
import io.tracegate.epcis.convert.DscsaRelease;
import io.tracegate.epcis.io.EpcisFormat;
import io.tracegate.epcis.io.EpcisWriter;
import io.tracegate.epcis.io.WriteOptions;
import io.tracegate.epcis.model.Action;
import io.tracegate.epcis.model.BizTransaction;
import io.tracegate.epcis.model.CbvValue;
import io.tracegate.epcis.model.CbvVocabulary;
import io.tracegate.epcis.model.EpcisDocument;
import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.epcis.model.EpcisHeader;
import io.tracegate.epcis.model.ErrorDeclaration;
import io.tracegate.epcis.model.EventType;
import io.tracegate.epcis.model.ExtensionElement;
import io.tracegate.epcis.model.LocationRef;
import io.tracegate.epcis.model.NamedValue;
import io.tracegate.epcis.model.PersistentDisposition;
import io.tracegate.epcis.model.QuantityElement;
import io.tracegate.epcis.model.SensorElement;
import io.tracegate.epcis.model.SourceDestination;
import io.tracegate.gs1.Ndc;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * Documents the project makes itself, so that every rule the standards bodies' examples exercise is also exercised
 * in a plain clone: the GS1 US DSCSA shipment the builders write (SBDH, master data, header extensions, ILMD), and
 * random events of every type with every field, odd text, attributes, typed values, sensor data and nested
 * extension trees.
 */
public final class GeneratedDocuments {

    public static final String SELLER = "urn:epc:id:sgln:030001.111111.0";
    public static final String SHIP_FROM = "urn:epc:id:sgln:030001.111121.0";
    public static final String BUYER = "urn:epc:id:sgln:039999.999999.0";
    public static final String SHIP_TO = "urn:epc:id:sgln:039999.345678.0";
    public static final Ndc NDC = Ndc.parse("0001-0123-45");
    public static final OffsetDateTime T = OffsetDateTime.parse("2023-03-27T06:45:16-05:00");
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2023-04-01T08:45:16Z"), ZoneOffset.UTC);

    private static final String[] NAMESPACES = {"urn:acme:ext", "https://example.org/ns/", "urn:epcglobal:cbv:mda",
        "http://epcis.gs1us.org/hc/ns"};
    private static final String[] PREFIXES = {"acme", "ex", "cbvmda", "gs1ushc"};
    private static final String[] TEXTS = {"A123", "<&>\"'", "Zürich — 東京", "  padded  ", "", "1.50",
        "line\nbreak"};
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    private GeneratedDocuments() {
    }

    /** The GS1 US direct-purchase shipment: units in a case, the case on a pallet, the pallet shipped. */
    public static EpcisDocument shipment(DscsaRelease release) {
        return shipment(release, UnaryOperator.identity(), true, true);
    }

    /**
     * The shipment with each event passed through {@code edit}, with or without product and location master data.
     */
    public static EpcisDocument shipment(DscsaRelease release, UnaryOperator<EpcisEvent> edit, boolean withProducts,
            boolean withLocations) {
        List<String> units = List.of("urn:epc:id:sgtin:030001.0012345.10000001",
                "urn:epc:id:sgtin:030001.0012345.10000002");
        String kase = "urn:epc:id:sgtin:030001.1012345.20000001";
        String pallet = "urn:epc:id:sscc:030001.41234567890";
        List<EpcisEvent> events = new ArrayList<>(List.of(
                DscsaEvent.commission(T, SHIP_FROM, units).lot("A123").expiry(LocalDate.of(2026, 3, 31)).build(),
                DscsaEvent.commission(T.plusMinutes(1), SHIP_FROM, List.of(kase)).lot("A123")
                        .expiry(LocalDate.of(2026, 3, 31)).build(),
                DscsaEvent.pack(T.plusMinutes(2), SHIP_FROM, kase, units).build(),
                DscsaEvent.commission(T.plusMinutes(3), SHIP_FROM, List.of(pallet)).build(),
                DscsaEvent.pack(T.plusMinutes(4), SHIP_FROM, pallet, List.of(kase)).build(),
                DscsaEvent.ship(T.plusDays(5), SHIP_FROM, List.of(pallet))
                        .purchaseOrder("0399999999991", "XYZPO189").despatchAdvice("0300011111116", "DEL100")
                        .from(SELLER, SHIP_FROM).to(BUYER, SHIP_TO).build()));
        ShipmentDocumentBuilder b = ShipmentDocumentBuilder.forRelease(release, CLOCK)
                .sender(SELLER).receiver(BUYER).documentNumber("1100220001");
        if (withProducts) {
            b.product(new Product(NDC, 0, "Epcistra", "GS1 Pharma LLC", "PILL", "100mg", "500 pills"))
                    .product(new Product(NDC, 1, "Epcistra", "GS1 Pharma LLC", "PILL", "100mg", "10 x 500 pills"));
        }
        if (withLocations) {
            b.location(new Location(SELLER, "GS1 Pharma LLC", "1 Main St", "Lawrenceville", "NJ", "08648", "US"))
                    .location(new Location(SHIP_FROM, "GS1 Pharma DC", "2 Main St", "Lawrenceville", "NJ", "08648",
                            "US"))
                    .location(new Location(BUYER, "Wholesaler Inc", "9 Elm St", "Trenton", "NJ", "08601", "US"))
                    .location(new Location(SHIP_TO, "Wholesaler DC", "10 Elm St", "Trenton", "NJ", "08601", "US"));
        }
        events.forEach(e -> b.event(edit.apply(e)));
        return b.build();
    }

    /**
     * The GS1 US DSCSA R1.3 example ("Section 2.2.1.1 Direct Purchase Scenario Seller Exchange1"), as the builders
     * make it: 12 units commissioned, packed four to a case, three cases on a pallet, the pallet shipped. Its events
     * are the example's own (a test checks them against GS1's file when the oracles are there); its location master
     * data has one street line where GS1's has two.
     */
    public static EpcisDocument gs1UsExample() {
        String site = SELLER;
        String dc = SHIP_FROM;
        List<String> units = new ArrayList<>();
        for (int serial = 11; serial <= 22; serial++) {
            units.add("urn:epc:id:sgtin:030001.0012345." + serial);
        }
        List<String> cases = List.of("urn:epc:id:sgtin:030001.1012345.110", "urn:epc:id:sgtin:030001.1012345.111",
                "urn:epc:id:sgtin:030001.1012345.121");
        String pallet = "urn:epc:id:sscc:030001.41234567890";
        LocalDate expiry = LocalDate.of(2025, 3, 27);
        List<DscsaEvent> events = new ArrayList<>(List.of(
                DscsaEvent.commission(utc("2023-03-27T06:45:16Z"), site, units).lot("A123").expiry(expiry),
                DscsaEvent.commission(utc("2023-03-27T06:46:16Z"), site, cases).lot("A123").expiry(expiry)));
        for (int c = 0; c < cases.size(); c++) {
            events.add(DscsaEvent.pack(utc("2023-03-27T06:5" + c + ":16Z"), site, cases.get(c),
                    units.subList(4 * c, 4 * c + 4)));
        }
        events.add(DscsaEvent.commission(utc("2023-04-01T06:47:16Z"), dc, List.of(pallet)));
        events.add(DscsaEvent.pack(utc("2023-04-01T06:48:16Z"), dc, pallet, cases));
        events.add(DscsaEvent.ship(utc("2023-04-01T07:48:16Z"), dc, List.of(pallet))
                .purchaseOrder("0399999999991", "XYZPO189").despatchAdvice("0300011111215", "DEL100")
                .from(SELLER, dc).to(BUYER, SHIP_TO));
        ShipmentDocumentBuilder b = ShipmentDocumentBuilder.forRelease(DscsaRelease.R1_3, CLOCK)
                .sender(SELLER).receiver(BUYER).documentNumber("1100220001")
                .product(new Product(NDC, 0, "Epcistra", "GS1 Pharma LLC", "PILL", "100mg", "500 pills"))
                .product(new Product(NDC, 1, "Epcistra", "GS1 Pharma LLC", "PILL", "100mg", "500 pills"))
                .location(new Location(SELLER, "GS1 Pharma", "1 Biopharm Ct", "Thousand Oaks", "CA", "91320", "US"))
                .location(new Location(dc, "GS1 Pharma DC", "2806 Agoura Rd", "Westlake Village", "CA", "91361",
                        "US"))
                .location(new Location(BUYER, "GS1 Drug Distributor", "230 Park Ave S", "New York", "NY",
                        "10003-1502", "US"))
                .location(new Location(SHIP_TO, "GS1 Drug Distributor Warehouse", "136 Main St", "Louisville", "KY",
                        "40218", "US"));
        // the example writes UTC event times with the sites' offset
        events.forEach(e -> b.event(e.build().toBuilder().eventTimeZoneOffset("-05:00").build()));
        return b.build();
    }

    private static OffsetDateTime utc(String time) {
        return OffsetDateTime.parse(time);
    }

    /** {@code count} random events, cycling through the five types, from a fixed seed. */
    public static EpcisDocument randomEvents(long seed, int count) {
        Random random = new Random(seed);
        List<EpcisEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(event(random, EventType.values()[i % EventType.values().length]));
        }
        return new EpcisDocument(EpcisHeader.minimal(null, OffsetDateTime.parse("2023-04-01T08:45:16Z")), events);
    }

    /** A document written in a format. */
    public static byte[] write(EpcisDocument document, EpcisFormat format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EpcisWriter.write(document, format, out, WriteOptions.DEFAULT);
        return out.toByteArray();
    }

    private static EpcisEvent event(Random r, EventType type) {
        EpcisEvent.Builder b = EpcisEvent.builder(type)
                .eventTime(OffsetDateTime.of(2023, 1 + r.nextInt(12), 1 + r.nextInt(28), r.nextInt(24), r.nextInt(60),
                        r.nextInt(60), r.nextInt(1000) * 1_000_000, ZoneOffset.ofHours(r.nextInt(25) - 12)))
                .eventTimeZoneOffset("-05:00");
        if (r.nextBoolean()) {
            b.recordTime(OffsetDateTime.parse("2023-04-02T00:00:00.5Z"));
        }
        if (r.nextBoolean()) {
            b.eventId("urn:uuid:374d95fc-9457-4a51-bd6a-0bba133845a" + r.nextInt(10));
        }
        if (r.nextInt(4) == 0) {
            b.errorDeclaration(new ErrorDeclaration(OffsetDateTime.parse("2023-04-03T10:00:00+02:00"),
                    CbvValue.standard(CbvVocabulary.ERROR_REASON, "incorrect_data"),
                    List.of("urn:uuid:404d95fc-9457-4a51-bd6a-0bba133845a8"), trees(r, 2)));
        }
        if (r.nextInt(4) == 0) {
            b.addCertificationInfo("https://accreditation.example.org/certificate/" + r.nextInt(100));
        }
        String epc = "urn:epc:id:sgtin:030001.0012345." + r.nextInt(1_000_000);
        boolean quantity = r.nextBoolean();     // a unit of measure only with a quantity, as the XSDs have it
        QuantityElement q = new QuantityElement("urn:epc:class:lgtin:030001.0012345.L" + r.nextInt(99),
                quantity ? new BigDecimal("200.5") : null, quantity && r.nextBoolean() ? "KGM" : null);
        switch (type) {
            case OBJECT_EVENT -> b.addEpc(epc).addQuantity(q).action(Action.ADD).ilmd(List.of(
                    ExtensionElement.leaf(NAMESPACES[2], "cbvmda", "lotNumber", "A" + r.nextInt(999)),
                    ExtensionElement.leaf(NAMESPACES[2], "cbvmda", "itemExpirationDate", "2025-03-27")));
            case AGGREGATION_EVENT, ASSOCIATION_EVENT -> b.parentId("urn:epc:id:sscc:030001.41234567890")
                    .addChildEpc(epc).addChildQuantity(q).action(Action.values()[r.nextInt(3)]);
            case TRANSACTION_EVENT -> b.addBizTransaction(new BizTransaction(
                    CbvValue.standard(CbvVocabulary.BIZ_TRANSACTION_TYPE, "po"), "urn:epcglobal:cbv:bt:0399999999991:PO1"))
                    .addEpc(epc).addQuantity(q).action(Action.OBSERVE);
            case TRANSFORMATION_EVENT -> b.addInputEpc(epc).addOutputEpc(epc + "9").addInputQuantity(q)
                    .addOutputQuantity(q).transformationId("urn:uuid:t" + r.nextInt(9));
        }
        b.bizStep(CbvValue.standard(CbvVocabulary.BIZ_STEP, r.nextBoolean() ? "shipping" : "commissioning"));
        if (r.nextBoolean()) {
            b.disposition(CbvValue.parse(CbvVocabulary.DISPOSITION, "urn:example:disp:quarantined", false));
        }
        if (r.nextInt(3) == 0) {
            b.persistentDisposition(new PersistentDisposition(
                    List.of(CbvValue.standard(CbvVocabulary.DISPOSITION, "completeness_verified")),
                    List.of(CbvValue.standard(CbvVocabulary.DISPOSITION, "completeness_inferred"))));
        }
        b.readPoint(new LocationRef("urn:epc:id:sgln:030001.111121.0", r.nextBoolean() ? trees(r, 2) : List.of()));
        if (type != EventType.TRANSACTION_EVENT && r.nextBoolean()) {
            b.addBizTransaction(new BizTransaction(null, "urn:epcglobal:cbv:bt:0300011111215:DEL100"));
        }
        b.addSource(new SourceDestination(CbvValue.standard(CbvVocabulary.SOURCE_DESTINATION_TYPE, "owning_party"),
                "urn:epc:id:sgln:030001.111111.0"));
        b.addDestination(new SourceDestination(CbvValue.standard(CbvVocabulary.SOURCE_DESTINATION_TYPE, "location"),
                "urn:epc:id:sgln:039999.345678.0"));
        if (r.nextInt(4) == 0) {
            b.addSensorElement(sensor(r));
        }
        b.extensions(trees(r, 3));
        return b.build();
    }

    private static SensorElement sensor(Random r) {
        List<NamedValue> metadata = List.of(NamedValue.unqualified("time", "2023-04-01T08:00:00Z"),
                NamedValue.unqualified("deviceID", "urn:epc:id:giai:4000001.111"),
                new NamedValue(NAMESPACES[0], PREFIXES[0], "calibrated", "2023-01-01"));
        List<NamedValue> report = List.of(NamedValue.unqualified("type", "gs1:Temperature"),
                NamedValue.unqualified("value", String.valueOf(r.nextInt(40))), NamedValue.unqualified("uom", "CEL"),
                NamedValue.unqualified("booleanValue", "true"));
        return new SensorElement(metadata, List.of(report), trees(r, 1));
    }

    /** Up to four qualified extension trees, with siblings of one name adjacent (JSON-LD can only group them). */
    private static List<ExtensionElement> trees(Random r, int depth) {
        List<ExtensionElement> list = new ArrayList<>();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            int ns = r.nextInt(NAMESPACES.length);
            String name = "field" + i;
            int repeats = 1 + (r.nextInt(4) == 0 ? 1 : 0);
            for (int k = 0; k < repeats; k++) {
                List<NamedValue> attributes = switch (r.nextInt(6)) {
                    case 0 -> List.of(new NamedValue(NAMESPACES[0], PREFIXES[0], "unit", "kg"));
                    case 1 -> List.of(NamedValue.unqualified("lang", "en"));
                    default -> List.of();
                };
                if (depth > 1 && r.nextInt(3) == 0) {
                    List<ExtensionElement> children = trees(r, depth - 1);
                    if (!children.isEmpty()) {
                        list.add(new ExtensionElement(NAMESPACES[ns], PREFIXES[ns], name, attributes, "", children));
                        continue;
                    }
                }
                if (r.nextInt(6) == 0) {    // a typed value: XML's xsi:type, JSON-LD's @type
                    list.add(new ExtensionElement(NAMESPACES[ns], PREFIXES[ns], name,
                            List.of(new NamedValue(XSI, "xsi", "type", "xsd:integer")), String.valueOf(r.nextInt(99)),
                            List.of()));
                    continue;
                }
                list.add(new ExtensionElement(NAMESPACES[ns], PREFIXES[ns], name, attributes,
                        TEXTS[r.nextInt(TEXTS.length)], List.of()));
            }
        }
        return list;
    }
}
