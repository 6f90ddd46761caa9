package io.tracegate.benchmarks.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracegate.epcis.builder.DscsaEvent;
import io.tracegate.epcis.io.EpcisFormat;
import io.tracegate.epcis.io.EpcisWriter;
import io.tracegate.epcis.io.WriteOptions;
import io.tracegate.epcis.model.EpcisDocument;
import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.epcis.model.EpcisHeader;
import io.tracegate.gs1.Gln;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Shipments acceptance 4: composing and validating the shipment document of a pallet of 10,000 units with its full
 * history. Starts the gateway jar, registers a partner and the master data, then for each run captures a pallet as a
 * packaging line does (units commissioned with lot and expiry per case, cases commissioned and packed, the pallet
 * packed) with its shipping event to the partner, and waits for the gateway to compose and validate the shipment's
 * document. The figure is the gateway's own time for that ({@code composeMillis}: reading the units and their events,
 * master data, building and writing the document, and every validation layer), as {@code GET /shipments/{id}}
 * reports it. Like a JMH run it first does {@code warmups} runs, then {@code iterations} measured ones, and prints
 * each with their mean, minimum and maximum, with the CPU time the gateway and its PostgreSQL used meanwhile. Run
 * from the repository root:
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.tracegate.benchmarks.gateway.ShipmentCompose [--units=10000]
 *     [--per-case=12] [--form=1.2-xml-R1.3] [--warmups=5] [--iterations=10] [--jvm=-Xmx1g] [--port=18092]
 *     [--jar=gateway/target/gateway.jar] [--work=target/shipment-compose]</pre>
 */
public final class ShipmentCompose {

    private static final String SITE = "urn:epc:id:sgln:030001.111111.0";
    private static final String PARTNER = "urn:epc:id:sgln:0614142.00001.0";
    private static final String PARTNER_SITE = "urn:epc:id:sgln:0614142.00002.0";
    private static final String PARTNER_GLN = Gln.withCheckDigit("061414200001").value();
    private static final String PARTNER_SITE_GLN = Gln.withCheckDigit("061414200002").value();
    private static final String UNIT_GTIN = "00300010123455";
    private static final String CASE_GTIN = "10300010123452";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ShipmentCompose() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = GatewayProcess.options(args);
        Path work = Path.of(o.getOrDefault("work", "target/shipment-compose-" + System.currentTimeMillis()));
        int units = Integer.parseInt(o.getOrDefault("units", "10000"));
        int perCase = Integer.parseInt(o.getOrDefault("per-case", "12"));
        String form = o.getOrDefault("form", "1.2-xml-R1.3");
        int warmups = Integer.parseInt(o.getOrDefault("warmups", "5"));
        int iterations = Integer.parseInt(o.getOrDefault("iterations", "10"));
        try (GatewayProcess gateway = GatewayProcess.start(Path.of(o.getOrDefault("jar", "gateway/target/gateway.jar")),
                work, Integer.parseInt(o.getOrDefault("port", "18092")),
                List.of(o.getOrDefault("jvm", "-Xmx1g").split(" ")), false)) {
            setUp(gateway, form);
            List<Long> measured = new ArrayList<>();
            List<Long> cpu = new ArrayList<>();
            for (int run = 1; run <= warmups + iterations; run++) {
                Run result = shipPallet(gateway, work, run, units, perCase);
                boolean warmup = run <= warmups;
                System.out.printf("%s %d: composed and validated in %d ms (%d ms CPU)%n", warmup ? "warm-up"
                        : "iteration", warmup ? run : run - warmups, result.millis(), result.cpuMillis());
                if (!warmup) {
                    measured.add(result.millis());
                    cpu.add(result.cpuMillis());
                }
            }
            System.out.printf("compose and validate, pallet of %,d units in cases of %d (%s): mean %.0f ms of %d"
                            + " iterations (min %d, max %d); CPU (gateway and PostgreSQL) mean %.0f ms (min %d,"
                            + " max %d)%n", units, perCase, form,
                    measured.stream().mapToLong(Long::longValue).average().orElseThrow(), measured.size(),
                    Collections.min(measured), Collections.max(measured),
                    cpu.stream().mapToLong(Long::longValue).average().orElseThrow(), Collections.min(cpu),
                    Collections.max(cpu));
        }
    }

    /** The partner (our own certificate stands for its, as nothing is delivered) and the master data. */
    private static void setUp(GatewayProcess gateway, String form) throws IOException, InterruptedException {
        String certificate = gateway.get("/exchange/certificate").body();
        expect(gateway.post("/partners", "{\"name\":\"Benchmark wholesaler\",\"as2Id\":\"BENCHMARK-WHOLESALER\","
                + "\"url\":\"http://localhost:9/as2\",\"glns\":[\"" + PARTNER_GLN + "\",\"" + PARTNER_SITE_GLN + "\"],"
                + "\"documentForm\":\"" + form + "\",\"certificates\":[" + jsonString(certificate) + "]}"), 201);
        for (String gtin : List.of(UNIT_GTIN, CASE_GTIN)) {
            expect(gateway.put("/masterdata/products/" + gtin, "{\"ndc\":\"0001-0123-45\",\"name\":\"Epcistra\","
                    + "\"dosageForm\":\"PILL\",\"strength\":\"100mg\",\"netContent\":\"500 pills\"}"), 200);
        }
        for (String place : List.of(SITE, PARTNER, PARTNER_SITE)) {
            expect(gateway.put("/masterdata/locations/" + URLEncoder.encode(place, StandardCharsets.UTF_8), "{\"name\":\"" + place + "\",\"streetAddressOne\":"
                    + "\"1 Main St\",\"city\":\"Springfield\",\"state\":\"IL\",\"postalCode\":\"62701\","
                    + "\"countryCode\":\"US\"}"), 200);
        }
    }

    /**
     * The gateway's wall-clock time to compose and validate a document, and the CPU time its JVM and PostgreSQL used
     * from the capture's end until the document was composed (on a shared machine the figure of the code; the
     * shipment is composed after the capture ended, and nothing else runs meanwhile but the polls asking for it).
     */
    private record Run(long millis, long cpuMillis) {
    }

    /** Captures a pallet made and shipped; returns the gateway's time to compose and validate its document. */
    private static Run shipPallet(GatewayProcess gateway, Path work, int run, int units, int perCase)
            throws Exception {
        OffsetDateTime at = OffsetDateTime.of(2026, 1, 1, 8, 0, 0, 0, ZoneOffset.UTC).plusDays(run);
        String pallet = String.format("urn:epc:id:sscc:030001.5%010d", run);
        List<EpcisEvent> events = new ArrayList<>();
        List<String> cases = new ArrayList<>();
        for (int c = 0; c * perCase < units; c++) {
            String box = "urn:epc:id:sgtin:030001.1012345.R" + run + "C" + c;
            List<String> content = new ArrayList<>();
            for (int u = c * perCase; u < Math.min(units, (c + 1) * perCase); u++) {
                content.add("urn:epc:id:sgtin:030001.0012345.R" + run + "U" + u);
            }
            cases.add(box);
            events.add(DscsaEvent.commission(at, SITE, content).lot("R" + run).expiry(LocalDate.of(2028, 6, 30))
                    .build());
            events.add(DscsaEvent.commission(at, SITE, List.of(box)).lot("R" + run).expiry(LocalDate.of(2028, 6, 30))
                    .build());
            events.add(DscsaEvent.pack(at.plusMinutes(1), SITE, box, content).build());
        }
        events.add(DscsaEvent.pack(at.plusMinutes(2), SITE, pallet, cases).build());
        String shippingId = "urn:uuid:" + UUID.randomUUID();
        events.add(DscsaEvent.ship(at.plusHours(1), SITE, List.of(pallet)).purchaseOrder(PARTNER_GLN, "PO-" + run)
                .from(SITE, SITE).to(PARTNER, PARTNER_SITE).build().toBuilder().eventId(shippingId).build());
        Path file = work.resolve("pallet-" + run + ".xml");
        try (OutputStream out = Files.newOutputStream(file)) {
            EpcisWriter.write(new EpcisDocument(EpcisHeader.minimal("1.2", at), events), EpcisFormat.XML_1_2, out,
                    WriteOptions.DEFAULT);
        }
        String job = gateway.awaitJob(gateway.capture(file, "application/xml"), Duration.ofMillis(50));
        if (!job.contains("\"success\":true")) {
            throw new IllegalStateException("the capture failed: " + job);
        }
        VerifyLoad.CpuTime before = VerifyLoad.CpuTime.of(gateway.pid(), work.resolve("data"));
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode shipment : JSON.readTree(gateway.get("/shipments?perPage=5").body())) {
                if (!shipment.path("eventID").asText().equals(shippingId)
                        || shipment.path("status").asText().equals("pending")) {
                    continue;
                }
                if (shipment.path("status").asText().equals("held")) {
                    throw new IllegalStateException("the shipment was held: " + shipment);
                }
                VerifyLoad.CpuTime cpu = VerifyLoad.CpuTime.of(gateway.pid(), work.resolve("data")).minus(before);
                return new Run(shipment.path("composeMillis").asLong(),
                        Math.round((cpu.jvm() + cpu.database()) * 1000));
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no shipment composed for " + shippingId + " within 2 minutes");
    }

    private static void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
    }

    private static String jsonString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "") + "\"";
    }
}
