package io.tracegate.gateway.compliance;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;

/**
 * One record of the audit trail: who did what, when, to which objects, with the SHA-256 of what they sent or
 * produced, chained to the record before it.
 *
 * <p>Its canonical bytes are compact JSON with the fields in this order and the time in ISO-8601 UTC at microsecond
 * precision (what PostgreSQL keeps): {@code {"seq":..,"recordedAt":..,"actor":..,"action":..,"objectIds":[..],
 * "payloadSha256":..,"previousHash":..}}; {@code hash} is their SHA-256 in lower-case hex. An auditor can recompute
 * it with any JSON writer that escapes the same way (Jackson's defaults, written out in {@code docs/compliance.md}).
 *
 * @param seq           position in the chain, from 1, without gaps
 * @param recordedAt    when it was recorded
 * @param actor         the API key's name, or {@code system}
 * @param action        what was done, e.g. {@code capture.job}, {@code key.created}
 * @param objectIds     what it was done to, as {@code kind:id} (e.g. {@code capture:17}, {@code lot:GTIN:LOT})
 * @param payloadSha256 SHA-256 of the payload (document, request body), or null
 * @param previousHash  the hash of record {@code seq - 1}; {@link #GENESIS} for the first
 * @param hash          SHA-256 of this record's canonical bytes
 */
public record AuditRecord(long seq, Instant recordedAt, String actor, String action, List<String> objectIds,
                          String payloadSha256, String previousHash, String hash) {

    /** The previous hash of the first record. */
    public static final String GENESIS = "0".repeat(64);

    private static final JsonFactory JSON = new JsonFactory();

    public AuditRecord {
        recordedAt = recordedAt.truncatedTo(ChronoUnit.MICROS);
        objectIds = List.copyOf(objectIds);
    }

    /** A new record after {@code previousHash}, its hash computed. */
    static AuditRecord next(long seq, Instant at, String actor, String action, List<String> objectIds,
            String payloadSha256, String previousHash) {
        AuditRecord unhashed = new AuditRecord(seq, at, actor, action, objectIds, payloadSha256, previousHash, null);
        return new AuditRecord(seq, unhashed.recordedAt, actor, action, objectIds, payloadSha256, previousHash,
                unhashed.computedHash());
    }

    /** The bytes the hash is taken of. */
    public byte[] canonicalBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberProperty("seq", seq);
            json.writeStringProperty("recordedAt", recordedAt.toString());
            json.writeStringProperty("actor", actor);
            json.writeStringProperty("action", action);
            json.writeName("objectIds");
            json.writeStartArray();
            for (String id : objectIds) {
                json.writeString(id);
            }
            json.writeEndArray();
            json.writeStringProperty("payloadSha256", payloadSha256);
            json.writeStringProperty("previousHash", previousHash);
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    /** SHA-256 of the canonical bytes, as this record's fields now are. */
    public String computedHash() {
        return sha256(canonicalBytes());
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
