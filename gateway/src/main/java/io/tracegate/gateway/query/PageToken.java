package io.tracegate.gateway.query;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;

/**
 * Where the next page of a list starts: after {@code position} (keyset paging, so a page costs the same however deep
 * it is; for events the order time and row id, for other lists the last key). It carries the fingerprint of its query
 * (every parameter except {@code perPage}), how many items were already served (for {@code eventCountLimit}) and when
 * it expires, and is signed ({@link SignedTokens}): a client can neither forge one nor change what it says.
 */
public record PageToken(String position, int served, Instant expires, String fingerprint) {

    private static final String VERSION = "2";

    /** The token continuing after this event row. */
    static PageToken afterEvent(OffsetDateTime time, long id, int served, Instant expires, String fingerprint) {
        Instant instant = time.toInstant();
        long micros = instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
        return new PageToken(micros + ":" + id, served, expires.truncatedTo(ChronoUnit.SECONDS), fingerprint);
    }

    /** The token continuing after the item with this key. */
    public static PageToken after(String key, int served, Instant expires, String fingerprint) {
        return new PageToken(key, served, expires.truncatedTo(ChronoUnit.SECONDS), fingerprint);
    }

    OffsetDateTime afterTime() {
        long micros = Long.parseLong(position.substring(0, position.indexOf(':')));
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    long afterId() {
        return Long.parseLong(position.substring(position.indexOf(':') + 1));
    }

    public String encode(SignedTokens tokens) {
        return tokens.sign(List.of(VERSION, Base64.getUrlEncoder().withoutPadding().encodeToString(
                position.getBytes(StandardCharsets.UTF_8)), Integer.toString(served),
                Long.toString(expires.getEpochSecond()), fingerprint));
    }

    /**
     * The token of a {@code nextPageToken} parameter, checked against the query it is used with and the time.
     *
     * @throws io.tracegate.gateway.problem.ApiProblem a QueryParameterException naming {@code nextPageToken} when
     *         it is not one this gateway signed, is expired or belongs to another query
     */
    public static PageToken decode(String token, String fingerprint, Instant now, SignedTokens tokens) {
        List<String> parts = tokens.verify(token);
        PageToken decoded;
        try {
            if (parts == null || parts.size() != 5 || !parts.get(0).equals(VERSION)) {
                throw new IllegalArgumentException();
            }
            decoded = new PageToken(new String(Base64.getUrlDecoder().decode(parts.get(1)), StandardCharsets.UTF_8),
                    Integer.parseInt(parts.get(2)), Instant.ofEpochSecond(Long.parseLong(parts.get(3))),
                    parts.get(4));
        } catch (IllegalArgumentException | DateTimeException e) {
            throw EventQuery.parameter("nextPageToken", "is not a token this gateway issued (or it was altered)");
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
