package io.tracegate.benchmarks.epcis;

import io.tracegate.epcis.builder.DscsaEvent;
import io.tracegate.epcis.io.EpcisFormat;
import io.tracegate.epcis.io.EpcisWriter;
import io.tracegate.epcis.io.WriteOptions;
import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.epcis.model.EpcisHeader;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.Random;

/**
 * An endless packaging-line event stream as a DSCSA shipment document carries it: per case, commissioning of 12
 * units with lot and expiry, commissioning of the case, packing; per pallet of 10 cases, commissioning of the SSCC,
 * packing and the shipping event with PO, despatch advice and the four parties. Realistic identifiers: SGTINs of
 * NDC-based GTINs (4- and 5-digit labelers) with random 12-character alphanumeric serials, SSCCs, SGLNs.
 */
final class DscsaShipmentEvents implements Iterator<EpcisEvent> {

    static final int UNITS_PER_CASE = 12;
    static final int CASES_PER_PALLET = 10;

    private static final String SERIAL_CHARACTERS = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String[] LABELER_AND_PRODUCT = {"0001-0123", "12345-678", "54321-1234", "0777-2222"};
    private static final String SITE = "urn:epc:id:sgln:030001.111121.0";
    private static final String SELLER = "urn:epc:id:sgln:030001.111111.0";
    private static final String BUYER = "urn:epc:id:sgln:039999.999999.0";
    private static final String SHIP_TO = "urn:epc:id:sgln:039999.345678.0";

    private final Random random;
    private final Queue<EpcisEvent> pending = new ArrayDeque<>();
    private OffsetDateTime clock = OffsetDateTime.parse("2026-01-15T06:00:00-05:00");
    private long ssccSerial = 1_000_000L;
    private int palletNumber;

    DscsaShipmentEvents(long seed) {
        this.random = new Random(seed);
    }

    /** Writes a 1.2 XML shipment document of exactly {@code events} events to a new temporary file. */
    static Path writeDocument(int events, long seed) {
        try {
            Path file = Files.createTempFile("dscsa-shipment-", ".xml");
            file.toFile().deleteOnExit();
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
                 EpcisWriter writer = EpcisWriter.create(EpcisFormat.XML_1_2, out,
                         new WriteOptions(WriteOptions.DEFAULT.cbvXmlFormat(), WriteOptions.DEFAULT.namespaces(),
                                 false))) {
                writer.writeHeader(EpcisHeader.minimal("1.2", OffsetDateTime.parse("2026-01-15T12:00:00Z")));
                DscsaShipmentEvents source = new DscsaShipmentEvents(seed);
                for (int i = 0; i < events; i++) {
                    writer.write(source.next());
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public EpcisEvent next() {
        if (pending.isEmpty()) {
            pallet();
        }
        return pending.remove();
    }

    private void pallet() {
        String product = LABELER_AND_PRODUCT[palletNumber++ % LABELER_AND_PRODUCT.length];
        String lot = "L" + (100000 + random.nextInt(900000));
        LocalDate expiry = LocalDate.of(2028, 1 + random.nextInt(12), 1);
        List<String> cases = new ArrayList<>();
        for (int c = 0; c < CASES_PER_PALLET; c++) {
            List<String> units = new ArrayList<>();
            for (int u = 0; u < UNITS_PER_CASE; u++) {
                units.add(sgtin(product, 0));
            }
            String kase = sgtin(product, 1);
            cases.add(kase);
            pending.add(DscsaEvent.commission(tick(), SITE, units).lot(lot).expiry(expiry).build());
            pending.add(DscsaEvent.commission(tick(), SITE, List.of(kase)).lot(lot).expiry(expiry).build());
            pending.add(DscsaEvent.pack(tick(), SITE, kase, units).build());
        }
        String pallet = sscc();
        pending.add(DscsaEvent.commission(tick(), SITE, List.of(pallet)).build());
        pending.add(DscsaEvent.pack(tick(), SITE, pallet, cases).build());
        pending.add(DscsaEvent.ship(tick(), SITE, List.of(pallet))
                .purchaseOrder("0399999999991", "PO" + palletNumber)
                .despatchAdvice("0300011111116", "DA" + palletNumber)
                .from(SELLER, SITE).to(BUYER, SHIP_TO).dropShipment(false).build());
    }

    private OffsetDateTime tick() {
        clock = clock.plusNanos(1_000_000L * (200 + random.nextInt(800)));
        return clock;
    }

    /** {@code urn:epc:id:sgtin:03<labeler>.<indicator><product+package>.<serial>} for an NDC labeler-product. */
    private String sgtin(String labelerAndProduct, int indicator) {
        int dash = labelerAndProduct.indexOf('-');
        int productDigits = labelerAndProduct.length() - dash - 1;
        String packageCode = dash + productDigits == 9 ? "5" : "45"; // an NDC-10 has ten digits
        StringBuilder b = new StringBuilder(64).append("urn:epc:id:sgtin:03")
                .append(labelerAndProduct, 0, dash).append('.').append(indicator)
                .append(labelerAndProduct, dash + 1, labelerAndProduct.length()).append(packageCode).append('.');
        for (int i = 0; i < 12; i++) {
            b.append(SERIAL_CHARACTERS.charAt(random.nextInt(SERIAL_CHARACTERS.length())));
        }
        return b.toString();
    }

    /** An SSCC of company prefix 030001 (extension digit 4). */
    private String sscc() {
        return "urn:epc:id:sscc:030001.4" + String.format("%010d", ssccSerial++);
    }
}
