package io.tracegate.gateway.shipments;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracegate.epcis.builder.DscsaEvent;
import io.tracegate.epcis.builder.Product;
import io.tracegate.epcis.io.EpcisFormat;
import io.tracegate.epcis.io.EpcisReader;
import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.epcis.model.EpcisHeader;
import io.tracegate.epcis.model.MasterData;
import io.tracegate.gs1.Ndc;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The document of a shipping event of ours: SBDH, master data, the shipped units' commissioning and packing
 * history cut down to what was shipped, in every partner form, and what validation finds when master data is
 * missing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShipmentComposerTest extends ShipmentsTest {

    /** Parties of this test's own: other tests' master data stays as they set it. */
    static final String MAKER = "urn:epc:id:sgln:0614143.00001.0";
    static final String PARTNER = "urn:epc:id:sgln:0614144.00001.0";
    static final String PARTNER_SITE = "urn:epc:id:sgln:0614144.00002.0";
    private static final Product UNIT = new Product(Ndc.parse("0002-4567-89"), 0, "Composita", "Tracegate Labs",
            "TABLET", "5mg", "30 tablets");
    private static final Product CASE = new Product(Ndc.parse("0002-4567-89"), 2, "Composita", "Tracegate Labs",
            "TABLET", "5mg", "30 tablets");

    @Autowired
    ShipmentComposer composer;
    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    void masterData() {
        locations(MAKER, PARTNER, PARTNER_SITE);
        products(UNIT, CASE);
    }

    /** Captures the pallet made (one unit taken out of its case first) and its shipping; the event's row. */
    private long shipped(Pallet pallet, String taken) {
        OffsetDateTime at = OffsetDateTime.now().withNano(0);
        List<EpcisEvent> events = new ArrayList<>(pallet.events);
        String box = pallet.cases.keySet().iterator().next();
        events.add(DscsaEvent.unpack(at.minusMinutes(1), MAKER, box, List.of(taken)).build());
        events.add(pallet.shipping(at, MAKER, MAKER, PARTNER, PARTNER_SITE));
        HttpResponse<String> job = capture(Pallet.eventsDocument(events), null);
        assertSucceeded(job);
        return jdbc.sql("select id from epcis_event where capture_job_id = ? and biz_step = 'shipping'")
                .param(Long.parseLong(json(job, "$.captureID"))).query(Long.class).single();
    }

    private static List<EpcisEvent> events(byte[] document) {
        List<EpcisEvent> events = new ArrayList<>();
        try (EpcisReader reader = EpcisReader.open(new ByteArrayInputStream(document))) {
            while (reader.hasNext()) {
                events.add(reader.next());
            }
        }
        return events;
    }

    private static EpcisHeader header(byte[] document) {
        try (EpcisReader reader = EpcisReader.open(new ByteArrayInputStream(document))) {
            return reader.header();
        }
    }

    @Test
    void theDocumentHoldsTheShippedUnitsHistoryAndPassesInEveryForm() {
        Pallet pallet = new Pallet(UNIT, CASE, 2, 3, MAKER, OffsetDateTime.now().minusHours(1).withNano(0));
        String taken = pallet.cases.values().iterator().next().get(0);
        long ref = shipped(pallet, taken);

        ShipmentComposer.Composed composed = composer.compose(1, ref, "1.2-xml-R1.3");

        assertThat(composed.findings()).as(composed.findings().toString()).noneMatch(Finding::isError);
        assertThat(composed.passes()).isTrue();
        assertThat(composed.units()).isEqualTo(5);
        assertThat(composed.containers()).isEqualTo(3);
        assertThat(composed.contentType()).isEqualTo("application/xml");
        EpcisHeader header = header(composed.document());
        assertThat(header.sbdh().senderIdentifier()).isEqualTo(MAKER);
        assertThat(header.sbdh().receiverIdentifier()).isEqualTo(PARTNER);
        assertThat(header.sbdh().documentIdentification().instanceIdentifier()).isEqualTo("TG-SHIPMENT-1");
        assertThat(header.masterData().vocabularies()).flatExtracting(MasterData.Vocabulary::elements)
                .extracting(MasterData.VocabularyElement::id).contains(UNIT.epcClass(), CASE.epcClass(), MAKER,
                        PARTNER, PARTNER_SITE);
        List<EpcisEvent> events = events(composed.document());
        // per case: units and the case commissioned, the case packed; the pallet packed; the shipping. The unit
        // taken out is nowhere (the unpacking is not the shipped units' history)
        assertThat(events).hasSize(8);
        assertThat(events).flatExtracting(EpcisEvent::allEpcs).doesNotContain(taken)
                .containsAll(pallet.units().stream().filter(u -> !u.equals(taken)).toList());
        EpcisEvent cut = events.stream().filter(e -> e.epcList().size() == 2).findFirst().orElseThrow();
        assertThat(cut.eventId()).as("a copy cut down to the shipped units is another event").isNull();
        assertThat(events.get(events.size() - 1).bizStep().value()).isEqualTo("shipping");
        assertThat(events).extracting(EpcisEvent::eventTime).isSorted();

        for (String form : List.of("1.2-xml-R1.2", "2.0-xml", "2.0-jsonld")) {
            ShipmentComposer.Composed other = composer.compose(1, ref, form);
            assertThat(other.findings()).as(form + ": " + other.findings()).noneMatch(Finding::isError);
            assertThat(events(other.document())).as(form).hasSize(8);
        }
        assertThat(new String(composer.compose(1, ref, "2.0-jsonld").document(), StandardCharsets.UTF_8))
                .startsWith("{");
        assertThat(EpcisReader.open(new ByteArrayInputStream(composer.compose(1, ref, "2.0-xml").document()))
                .format()).isEqualTo(EpcisFormat.XML_2_0);
    }

    @Test
    void aProductWithoutNdcOrMasterDataIsAFindingNamingIt() {
        Product bare = new Product(Ndc.parse("0002-9999-11"), 0, "Nondescript", null, null, null, null);
        Product bareCase = new Product(Ndc.parse("0002-9999-11"), 3, "Nondescript", null, null, null, null);
        putMasterData("/masterdata/products/" + gtin(bare), "{\"name\":\"Nondescript\"}");
        Pallet pallet = new Pallet(bare, bareCase, 1, 2, MAKER, OffsetDateTime.now().minusHours(1).withNano(0));
        long ref = shipped(pallet, pallet.units().get(0));

        ShipmentComposer.Composed composed = composer.compose(7, ref, "1.2-xml-R1.3");

        assertThat(composed.passes()).isFalse();
        assertThat(composed.findings()).filteredOn(Finding::isError).extracting(Finding::rule).contains(
                "shipments.product-ndc", "shipments.product-master-data", "dscsa.product-master-data");
        Finding ndc = composed.findings().stream().filter(f -> f.rule().equals("shipments.product-ndc"))
                .findFirst().orElseThrow();
        assertThat(ndc.message()).isEqualTo("product GTIN " + gtin(bare) + " (Nondescript) has no NDC in the master"
                + " data");
        assertThat(ndc.fix()).startsWith("set the product's master data (PUT /masterdata/products/" + gtin(bare))
                .endsWith("then POST /shipments/7/retry");
        assertThat(composed.findings()).filteredOn(f -> f.rule().equals("shipments.product-master-data"))
                .extracting(Finding::message).containsExactly("product GTIN " + gtin(bareCase) + " has no master"
                        + " data with a name in this gateway");
    }

    @Test
    void anNdcIsReadInAnyOfItsFormsWhenItIsTheGtinsOwn() {
        String gtin = Ndc.parse("0002-4567-89").toGtin(0).value();

        assertThat(ShipmentComposer.ndc(gtin, "0002-4567-89")).hasToString("0002-4567-89");
        assertThat(ShipmentComposer.ndc(gtin, "00002-4567-89")).hasToString("0002-4567-89");
        assertThat(ShipmentComposer.ndc(gtin, "00002456789")).hasToString("0002-4567-89");
        assertThat(ShipmentComposer.ndc(gtin, "0002456789")).hasToString("0002-4567-89");
        assertThat(ShipmentComposer.ndc(gtin, "0001-0123-45")).isNull();
        assertThat(ShipmentComposer.ndc(gtin, "not an ndc")).isNull();
        assertThat(ShipmentComposer.ndc(gtin, null)).isNull();
    }
}
