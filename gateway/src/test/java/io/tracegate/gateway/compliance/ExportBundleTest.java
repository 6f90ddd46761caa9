package io.tracegate.gateway.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracegate.gateway.capture.CaptureTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Export bundles over real captures: requested, followed to the end, downloaded and checked as an auditor would,
 * with {@code verify-export}; every file changed by one byte is named; a bundle re-signed by another key fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportBundleTest extends CaptureTest {

    static final String PARTNER = "urn:epc:id:sgln:0614141.00001.0";
    static final String PARTNER_SITE = "urn:epc:id:sgln:0614141.00001.1";
    static final Path BUNDLES = Path.of("target", "export-bundles");

    @Autowired
    SigningIdentity identity;

    String lot;
    List<String> units = new ArrayList<>();
    String pallet;
    String shippingId;
    Path bundle;

    @BeforeAll
    void aShippedLotExported() throws Exception {
        lot = unique("EXP");
        for (int i = 0; i < 6; i++) {
            units.add(sgtin("exp"));
        }
        pallet = sscc();
        shippingId = "urn:uuid:" + java.util.UUID.randomUUID();
        assertSucceeded(capture(objectEvent("ADD").epcs(units).bizStep("commissioning").disposition("active")
                        .at(SITE).lot(lot, "2028-02-29"), pack(pallet, units.subList(0, 4).toArray(String[]::new)),
                objectEvent("OBSERVE").epcs(pallet).bizStep("shipping").disposition("in_transit").readPoint(SITE)
                        .from(SITE).to(PARTNER, PARTNER_SITE).purchaseOrder("PO-EXP").eventId(shippingId)));
        Files.createDirectories(BUNDLES);
        bundle = download(awaitExport(requestExport("{\"gtin\":\"00300010123455\",\"lot\":\"" + lot + "\"}")),
                "lot.zip");
    }

    private HttpResponse<String> requestExport(String body) {
        HttpResponse<String> accepted = post("/exports", complianceKey(), body);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.headers().firstValue("Location")).hasValue("/exports/" + json(accepted, "$.id"));
        return accepted;
    }

    private HttpResponse<String> awaitExport(HttpResponse<String> accepted) throws InterruptedException {
        String location = accepted.headers().firstValue("Location").orElseThrow();
        for (int i = 0; i < 1000; i++) {
            HttpResponse<String> job = get(location, complianceKey());
            if (!json(job, "$.status").equals("running")) {
                assertThat((String) json(job, "$.status")).as(job.body()).isEqualTo("done");
                assertThat(((Number) json(job, "$.progress")).doubleValue()).isEqualTo(1.0);
                return job;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("export still running");
    }

    private Path download(HttpResponse<String> job, String name) throws Exception {
        var response = HTTP.send(request(json(job, "$.bundle"), complianceKey()).build(),
                BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/zip");
        Path file = BUNDLES.resolve(name);
        Files.write(file, response.body());
        return file;
    }

    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

    /** Runs the command as {@code java -jar gateway.jar verify-export} would; returns exit code and output. */
    private String verifyExport(Path zip, Path certificate, int expectedExit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = VerifyExportCommand.run(new String[] {"verify-export", zip.toString(),
                "--certificate=" + certificate}, new PrintStream(out, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isEqualTo(expectedExit);
        return printed;
    }

    private Path certificate() throws IOException {
        Path file = BUNDLES.resolve("gateway.crt");
        HttpResponse<String> pem = get("/exports/certificate", complianceKey());
        assertThat(pem.statusCode()).isEqualTo(200);
        Files.writeString(file, pem.body());
        return file;
    }

    @Test
    void theBundleHoldsTheLotAndVerifies() throws Exception {
        assertThat(verifyExport(bundle, certificate(), 0)).startsWith("OK:");
        try (ZipFile zip = new ZipFile(bundle.toFile())) {
            List<String> names = zip.stream().map(ZipEntry::getName).toList();
            assertThat(names).contains("units.csv", "events.csv", "epcis/events-1.2-dscsa.xml",
                    "epcis/events-2.0.jsonld", "audit/records.jsonl", "manifest.json", "manifest.json.p7s");
            assertThat(names).anyMatch(n -> n.startsWith("documents/received/capture-") && n.endsWith(".jsonld"));
            String unitsCsv = text(zip, "units.csv");
            assertThat(unitsCsv.lines()).hasSize(7);
            units.forEach(u -> assertThat(unitsCsv).contains(u));
            assertThat(text(zip, "epcis/events-1.2-dscsa.xml")).contains("urn:epcglobal:epcis:xsd:1", "PO-EXP",
                    units.get(5));
            assertThat(text(zip, "epcis/events-2.0.jsonld")).contains("\"shipping\"", shippingId);
            assertThat(text(zip, "events.csv").lines()).hasSize(4);
            String audit = text(zip, "audit/records.jsonl");
            assertThat(audit).contains("capture.committed");
            // the received document, byte for byte as it was captured
            String received = names.stream().filter(n -> n.startsWith("documents/received/")).findFirst()
                    .orElseThrow();
            assertThat(text(zip, received)).contains(shippingId, "PO-EXP");
        }
    }

    @Test
    void oneChangedByteInAnyFileIsNamed() throws Exception {
        Path certificate = certificate();
        List<String> names;
        try (ZipFile zip = new ZipFile(bundle.toFile())) {
            names = zip.stream().map(ZipEntry::getName).toList();
        }
        for (String name : names) {
            for (int tenth : new int[] {1, 5, 9}) {
                Path changed = BUNDLES.resolve("changed.zip");
                rewrite(bundle, changed, name, bytes -> {
                    int at = bytes.length * tenth / 10;
                    bytes[at] = (byte) (bytes[at] ^ 0x01);
                    return bytes;
                });
                String printed = verifyExport(changed, certificate, 1);
                assertThat(printed).as("changed " + name + " at " + tenth + "/10").startsWith("FAILED: " + name);
            }
        }
    }

    @Test
    void aBundleSignedByAnotherKeyFailsOnTheSignature() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair other = generator.generateKeyPair();
        X500Name name = new X500Name("CN=Not the gateway");
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                name, BigInteger.ONE, Date.from(Instant.now()), Date.from(Instant.now().plus(1, ChronoUnit.DAYS)),
                name, other.getPublic()).build(new JcaContentSignerBuilder("SHA256withRSA").build(other.getPrivate())));
        Path resigned = BUNDLES.resolve("resigned.zip");
        byte[] manifest;
        try (ZipFile zip = new ZipFile(bundle.toFile())) {
            manifest = zip.getInputStream(zip.getEntry("manifest.json")).readAllBytes();
        }
        rewrite(bundle, resigned, "manifest.json.p7s", bytes -> BundleSignature.sign(manifest, other.getPrivate(),
                certificate));
        String printed = verifyExport(resigned, certificate(), 1);
        assertThat(printed).startsWith("FAILED: manifest.json.p7s").contains("signed by another key",
                "Not the gateway");
    }

    @Test
    void otherSelectionsAndConcurrentRequests() throws Exception {
        CyclicBarrier start = new CyclicBarrier(4);
        Map<String, String> requests = new LinkedHashMap<>();
        requests.put("epc", "{\"epc\":\"" + pallet + "\"}");
        requests.put("shipment", "{\"shipment\":\"" + shippingId + "\"}");
        requests.put("partner", "{\"partner\":\"" + PARTNER + "\"}");
        requests.put("range", "{\"from\":\"2000-01-01\",\"to\":\"2100-01-01\"}");
        Map<String, CompletableFuture<HttpResponse<String>>> running = new LinkedHashMap<>();
        requests.forEach((kind, body) -> running.put(kind, CompletableFuture.supplyAsync(() -> {
            try {
                start.await();
                return awaitExport(requestExport(body));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })));
        Path certificate = certificate();
        for (var made : running.entrySet()) {
            Path zip = download(made.getValue().join(), made.getKey() + ".zip");
            assertThat(verifyExport(zip, certificate, 0)).startsWith("OK:");
            try (ZipFile file = new ZipFile(zip.toFile())) {
                String unitsCsv = text(file, "units.csv");
                units.subList(0, 4).forEach(u -> assertThat(unitsCsv).as(made.getKey()).contains(u));
                if (!made.getKey().equals("range")) {
                    assertThat(unitsCsv).as(made.getKey()).doesNotContain(units.get(5));
                }
            }
        }
        List<Long> ids = running.values().stream().map(f -> ((Number) json(f.join(), "$.id")).longValue()).toList();
        assertThat(ids).doesNotHaveDuplicates();
    }

    @Test
    void refusesWhatItCannotExport() {
        HttpResponse<String> neither = post("/exports", complianceKey(), "{\"colour\":\"blue\"}");
        assertThat(neither.statusCode()).isEqualTo(400);
        assertThat((String) json(neither, "$.detail")).contains("colour");
        HttpResponse<String> unknown = post("/exports", complianceKey(), "{\"shipment\":\"urn:uuid:nothing\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        HttpResponse<String> backwards = post("/exports", complianceKey(), "{\"from\":\"2020-01-02\",\"to\":"
                + "\"2020-01-01\"}");
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(post("/exports", lineKey(), "{\"epc\":\"" + pallet + "\"}").statusCode()).isEqualTo(403);
        assertThat(get("/exports/99999999", complianceKey()).statusCode()).isEqualTo(404);
    }

    private static String text(ZipFile zip, String name) throws IOException {
        try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    interface Change {
        byte[] apply(byte[] bytes) throws Exception;
    }

    /** A copy of the zip with one file's content changed. */
    private static void rewrite(Path from, Path to, String name, Change change) throws Exception {
        try (ZipFile zip = new ZipFile(from.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (ZipEntry entry : zip.stream().toList()) {
                byte[] bytes;
                try (InputStream in = zip.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(entry.getName().equals(name) ? change.apply(bytes) : bytes);
                out.closeEntry();
            }
        }
    }
}
