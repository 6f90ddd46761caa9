package io.tracegate.gateway.query;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * Where the next page of a query starts: after the event with this order time and row id (keyset paging, so a page
 * costs the same however deep it is). Opaque to clients; it carries the fingerprint of its query, how many events
 * were already served (for {@code eventCountLimit}) and when it expires. It holds no secret: a forged token can
 * only move the caller within results it may read anyway.
 */
record PageToken(long afterMicros, long afterId, int served, Instant expires, String fingerprint) {

    private static final String VERSION = "1";

    /** The token continuing after this row. */
    static PageToken after(OffsetDateTime time, long id, int served, Instant expires, String fingerprint) {
        Instant instant = time.toInstant();
        long micros = instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
        return new PageToken(micros, id, served, expires.truncatedTo(ChronoUnit.SECONDS), fingerprint);
    }

    OffsetDateTime afterTime() {
        return Instant.EPOCH.plus(afterMicros, ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    String encode() {
        String text = String.join(".", VERSION, Long.toString(afterMicros), Long.toString(afterId),
                Integer.toString(served), Long.toString(expires.getEpochSecond()), fingerprint);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The token of a {@code nextPageToken} parameter, checked against the query it is used with and the time.
     *
     * @throws io.tracegate.gateway.problem.ApiProblem when it is malformed, expired or from another query
     */
    static PageToken decode(String token, String fingerprint, Instant now) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII).split("\\.", -1);
        } catch (IllegalArgumentException e) {
            parts = new String[0];
        }
        PageToken decoded;
        try {
            if (parts.length != 6 || !parts[0].equals(VERSION)) {
                throw new IllegalArgumentException();
            }
            decoded = new PageToken(Long.parseLong(parts[1]), Long.parseLong(parts[2]), Integer.parseInt(parts[3]),
                    Instant.ofEpochSecond(Long.parseLong(parts[4])), parts[5]);
        } catch (IllegalArgumentException e) {
            throw EventQuery.parameter("nextPageToken", "'" + token + "' is not a token this gateway issued");
        }
        if (!decoded.fingerprint.equals(fingerprint)) {
            throw EventQuery.parameter("nextPageToken", "belongs to a different query: repeat the query's"
                    + " parameters unchanged with it (only perPage may change)");
        }
        if (now.isAfter(decoded.expires)) {
            throw EventQuery.parameter("nextPageToken", "expired at " + decoded.expires + "; run the query again");
        }
        return decoded;
    }
}
