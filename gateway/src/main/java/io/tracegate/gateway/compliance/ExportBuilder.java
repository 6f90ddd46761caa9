package io.tracegate.gateway.compliance;

import io.tracegate.epcis.io.CbvXmlFormat;
import io.tracegate.epcis.io.EpcisFormat;
import io.tracegate.epcis.io.EpcisWriter;
import io.tracegate.epcis.io.WriteOptions;
import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.epcis.model.EpcisHeader;
import io.tracegate.epcis.model.MasterData;
import io.tracegate.gateway.capture.DocumentStore;
import io.tracegate.gateway.masterdata.MasterDataStore;
import io.tracegate.gateway.masterdata.Product;
import io.tracegate.gateway.query.CsvWriter;
import io.tracegate.gateway.query.SelectionQuery;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an export bundle: the units and events of a selection as CSV and as EPCIS 1.2 (DSCSA) and 2.0 (JSON-LD)
 * documents, the capture documents they came from byte for byte, the audit records involved with the links around
 * them, and a manifest of every file's SHA-256, signed.
 */
@Component
class ExportBuilder {

    private static final WriteOptions COMPACT = new WriteOptions(CbvXmlFormat.NO_PREFERENCE, Map.of(), false);
    private static final String MDA = MasterData.MDA;

    private final SelectionQuery selections;
    private final DocumentStore documents;
    private final MasterDataStore masterData;
    private final AuditTrail audit;
    private final SigningIdentity identity;
    private final JsonMapper json;
    private final Clock clock;

    ExportBuilder(SelectionQuery selections, DocumentStore documents, MasterDataStore masterData, AuditTrail audit,
            SigningIdentity identity, JsonMapper json, Clock clock) {
        this.selections = selections;
        this.documents = documents;
        this.masterData = masterData;
        this.audit = audit;
        this.identity = identity;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Writes the bundle to {@code target}; {@code done} counts the units written. Returns the objects of the audit
     * trail the bundle covers (its capture jobs, its lot).
     */
    List<String> build(long exportId, Map<String, Object> request, SelectionQuery.Resolved selection, Path target,
            AtomicLong done) throws IOException {
        List<BundleManifest.File> files = new ArrayList<>();
        Map<String, String> patterns = new LinkedHashMap<>();
        List<SelectionQuery.CapturedDocument> captured = selections.documents(selection);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(target))) {
            zip.setLevel(Deflater.BEST_SPEED);
            files.add(entry(zip, "units.csv", out -> {
                try (CsvWriter csv = new CsvWriter(out)) {
                    csv.row("epc", "kind", "gtin", "lot", "expiry", "status", "disposition", "owner", "location",
                            "parent", "commissioned_at", "updated_at");
                    selections.units(selection, u -> {
                        csv.row(u.epc(), u.kind(), u.gtin(), u.lot(), u.expiry(), u.status(), u.disposition(),
                                u.owner(), u.location(), u.parent(), u.commissionedAt(), u.updatedAt());
                        if (u.gtin() != null && u.epc().startsWith("urn:epc:id:sgtin:")) {
                            patterns.putIfAbsent(u.gtin(), "urn:epc:idpat:sgtin:"
                                    + u.epc().substring(17, u.epc().lastIndexOf('.')) + ".*");
                        }
                        done.incrementAndGet();
                    });
                }
            }));
            files.add(entry(zip, "events.csv", out -> {
                try (CsvWriter csv = new CsvWriter(out)) {
                    csv.row("event_id", "event_type", "event_time", "biz_step", "capture_job");
                    selections.events(selection, e -> csv.row(e.eventId(), e.eventType(), e.eventTime(),
                            e.bizStep(), e.captureJob()));
                }
            }));
            OffsetDateTime now = OffsetDateTime.now(clock);
            EpcisHeader dscsa = new EpcisHeader("1.2", now, null, null, productMasterData(patterns), List.of(),
                    List.of());
            files.add(entry(zip, "epcis/events-1.2-dscsa.xml", out -> epcis(selection, EpcisFormat.XML_1_2, dscsa,
                    out)));
            files.add(entry(zip, "epcis/events-2.0.jsonld", out -> epcis(selection, EpcisFormat.JSON_LD_2_0,
                    EpcisHeader.minimal("2.0", now), out)));
            for (SelectionQuery.CapturedDocument document : captured) {
                String name = "documents/received/capture-" + document.captureJob();
                InputStream in;
                try {
                    in = documents.open(document.sha256());
                } catch (NoSuchFileException deleted) {
                    files.add(entry(zip, name + ".missing.txt", out -> out.write(("The document of capture job "
                            + document.captureJob() + " (SHA-256 " + document.sha256() + ") is no longer kept"
                            + " (tracegate.documents retention).\n").getBytes(StandardCharsets.UTF_8))));
                    continue;
                }
                try (in) {
                    files.add(entry(zip, name + extension(document), in::transferTo));
                }
            }
            Set<String> objects = new LinkedHashSet<>();
            captured.forEach(d -> objects.add("capture:" + d.captureJob()));
            if (selection.lot() != null) {
                objects.add("lot:" + selection.gtin() + ":" + selection.lot());
            }
            List<AuditRecord> involved = audit.naming(objects);
            files.add(entry(zip, BundleManifest.AUDIT, out -> {
                for (AuditRecord record : audit.withNeighbours(involved)) {
                    out.write(json.writeValueAsBytes(record));
                    out.write('\n');
                }
            }));
            BundleManifest.AuditHead head = audit.last().map(r -> new BundleManifest.AuditHead(r.seq(), r.hash()))
                    .orElse(null);
            BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT, exportId,
                    now.toInstant().truncatedTo(ChronoUnit.MILLIS), request, files, head);
            byte[] manifestBytes = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
            raw(zip, BundleManifest.NAME, manifestBytes);
            raw(zip, BundleManifest.SIGNATURE, BundleSignature.sign(manifestBytes, identity.key(),
                    identity.certificate()));
            return List.copyOf(objects);
        }
    }

    private void epcis(SelectionQuery.Resolved selection, EpcisFormat format, EpcisHeader header, OutputStream out) {
        try (EpcisWriter writer = EpcisWriter.create(format, out, COMPACT)) {
            writer.writeHeader(header);
            selections.events(selection, e -> writer.write(e.event()));
        }
    }

    /** EPCClass master data of the products of the selection that the master data knows, keyed by SGTIN pattern. */
    private MasterData productMasterData(Map<String, String> patterns) {
        List<MasterData.VocabularyElement> elements = new ArrayList<>();
        patterns.forEach((gtin, pattern) -> masterData.product(gtin).ifPresent(p -> elements.add(
                new MasterData.VocabularyElement(pattern, attributes(p), List.of(), List.of()))));
        return elements.isEmpty() ? MasterData.EMPTY : new MasterData(List.of(new MasterData.Vocabulary(
                MasterData.EPC_CLASS, elements, List.of())));
    }

    private static List<MasterData.Attribute> attributes(Product p) {
        List<MasterData.Attribute> attributes = new ArrayList<>();
        if (p.ndc() != null) {
            attributes.add(MasterData.Attribute.of(MDA + "additionalTradeItemIdentification", p.ndc()));
            attributes.add(MasterData.Attribute.of(MDA + "additionalTradeItemIdentificationTypeCode", "FDA_NDC_11"));
        }
        add(attributes, "regulatedProductName", p.name());
        add(attributes, "manufacturerOfTradeItemPartyName", p.manufacturer());
        add(attributes, "dosageFormType", p.dosageForm());
        add(attributes, "strengthDescription", p.strength());
        add(attributes, "netContentDescription", p.netContent());
        return attributes;
    }

    private static void add(List<MasterData.Attribute> attributes, String name, String value) {
        if (value != null) {
            attributes.add(MasterData.Attribute.of(MDA + name, value));
        }
    }

    private static String extension(SelectionQuery.CapturedDocument document) {
        String type = document.mediaType() == null ? "" : document.mediaType();
        return type.contains("json") ? ".jsonld" : type.contains("xml") ? ".xml" : ".bin";
    }

    interface Content {
        void write(OutputStream out) throws IOException;
    }

    /** Writes one file into the zip while hashing it. */
    private static BundleManifest.File entry(ZipOutputStream zip, String path, Content content) throws IOException {
        zip.putNextEntry(new ZipEntry(path));
        MessageDigest sha256 = sha256();
        long[] bytes = {0};
        OutputStream kept = new FilterOutputStream(zip) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                bytes[0] += len;
            }

            @Override
            public void write(int b) throws IOException {
                out.write(b);
                bytes[0]++;
            }

            @Override
            public void close() throws IOException {
                flush(); // the zip stays open for the next file
            }
        };
        try (DigestOutputStream out = new DigestOutputStream(kept, sha256)) {
            content.write(out);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        zip.closeEntry();
        return new BundleManifest.File(path, HexFormat.of().formatHex(sha256.digest()), bytes[0]);
    }

    private static void raw(ZipOutputStream zip, String path, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(path));
        zip.write(content);
        zip.closeEntry();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
