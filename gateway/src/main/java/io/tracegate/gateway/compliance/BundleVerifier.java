package io.tracegate.gateway.compliance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks an export bundle offline, with nothing but the bundle and the gateway's certificate: the manifest's
 * signature, the SHA-256 and size of every file the manifest lists (and that nothing else is in the zip), and the
 * audit chain segments it carries. Stops at the first thing that does not hold and names it.
 */
public final class BundleVerifier {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private BundleVerifier() {
    }

    /**
     * The outcome: {@code subject} is the file (or {@code file: record N}) that does not hold, null when all holds.
     */
    public record Verdict(boolean holds, String subject, String problem, int files, long auditRecords) {

        @Override
        public String toString() {
            return holds ? "OK: the signature, " + files + " files and " + auditRecords + " audit records hold"
                    : "FAILED: " + subject + ": " + problem;
        }
    }

    public static Verdict verify(Path bundle, X509Certificate trusted) throws IOException {
        try (ZipFile zip = new ZipFile(bundle.toFile())) {
            byte[] manifest = read(zip, BundleManifest.NAME);
            byte[] signature = read(zip, BundleManifest.SIGNATURE);
            if (manifest == null || signature == null) {
                return failed(manifest == null ? BundleManifest.NAME : BundleManifest.SIGNATURE,
                        "missing from the bundle");
            }
            String wrongSignature = BundleSignature.check(manifest, signature, trusted);
            if (wrongSignature != null) {
                return failed(wrongSignature.equals(BundleSignature.CHANGED_CONTENT) ? BundleManifest.NAME
                        : BundleManifest.SIGNATURE, wrongSignature);
            }
            JsonNode files;
            try {
                files = JSON.readTree(manifest).get("files");
            } catch (JacksonException e) {
                return failed(BundleManifest.NAME, "not a manifest: " + e.getOriginalMessage());
            }
            Set<String> listed = new HashSet<>();
            for (JsonNode file : files) {
                String path = file.get("path").asString();
                listed.add(path);
                ZipEntry entry = zip.getEntry(path);
                if (entry == null) {
                    return failed(path, "listed in the manifest but missing from the bundle");
                }
                String sha256;
                long bytes = 0;
                MessageDigest digest = ExportBuilder.sha256();
                try (InputStream in = zip.getInputStream(entry)) {
                    byte[] buffer = new byte[64 * 1024];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        digest.update(buffer, 0, n);
                        bytes += n;
                    }
                } catch (ZipException e) {
                    return failed(path, "cannot be read from the zip (" + e.getMessage() + ")");
                }
                sha256 = HexFormat.of().formatHex(digest.digest());
                if (!sha256.equals(file.get("sha256").asString()) || bytes != file.get("bytes").asLong()) {
                    return failed(path, "its SHA-256 is " + sha256 + " (" + bytes + " bytes); the signed manifest"
                            + " says " + file.get("sha256").asString() + " (" + file.get("bytes").asLong()
                            + " bytes): the file was changed");
                }
            }
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                String path = entries.nextElement().getName();
                if (!listed.contains(path) && !path.equals(BundleManifest.NAME)
                        && !path.equals(BundleManifest.SIGNATURE)) {
                    return failed(path, "not listed in the signed manifest");
                }
            }
            return auditSegments(zip, listed.size());
        }
    }

    /** The audit records: each record's hash is that of its content, and each follows the one before it. */
    private static Verdict auditSegments(ZipFile zip, int files) throws IOException {
        byte[] audit = read(zip, BundleManifest.AUDIT);
        if (audit == null) {
            return failed(BundleManifest.AUDIT, "missing from the bundle");
        }
        AuditChain chain = AuditChain.segments();
        List<AuditRecord> records = new ArrayList<>();
        for (String line : new String(audit, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                records.add(JSON.readValue(line, AuditRecord.class));
            }
        }
        AuditRecord previous = null;
        for (AuditRecord record : records) {
            if (previous != null && record.seq() != previous.seq() + 1) {
                chain.restart(); // the next segment
            }
            String wrong = chain.check(record);
            if (wrong != null) {
                return failed(BundleManifest.AUDIT + ": record " + record.seq(), wrong);
            }
            previous = record;
        }
        return new Verdict(true, null, null, files, records.size());
    }

    private static byte[] read(ZipFile zip, String path) throws IOException {
        ZipEntry entry = zip.getEntry(path);
        if (entry == null) {
            return null;
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }

    private static Verdict failed(String subject, String problem) {
        return new Verdict(false, subject, problem, 0, 0);
    }
}
