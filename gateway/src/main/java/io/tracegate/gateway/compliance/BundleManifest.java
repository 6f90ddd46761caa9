package io.tracegate.gateway.compliance;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The table of contents of an export bundle, {@code manifest.json}: every other file with its SHA-256 and size.
 * {@code manifest.json.p7s} is a detached CMS signature of the manifest's bytes by the gateway's signing key, so
 * one signature covers every file.
 *
 * @param format    {@value #FORMAT}
 * @param export    the export's id on the gateway that made it
 * @param createdAt when it was made
 * @param selection what was asked for
 * @param files     every file but the manifest and its signature
 * @param auditHead the last audit record when the bundle was made (its seq and hash): the trail may be compared
 *                  with it later
 */
public record BundleManifest(String format, long export, Instant createdAt, Map<String, Object> selection,
                             List<File> files, AuditHead auditHead) {

    public static final String FORMAT = "tracegate-export/1";
    public static final String NAME = "manifest.json";
    public static final String SIGNATURE = "manifest.json.p7s";
    /** The audit records involved, one JSON object per line, with the records just before and after each. */
    public static final String AUDIT = "audit/records.jsonl";

    public record File(String path, String sha256, long bytes) {
    }

    public record AuditHead(long seq, String hash) {
    }
}
