package io.tracegate.gateway.exchange;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code exchange_message} table: the message log, the durable outbound queue (claimed row by row with
 * {@code for update skip locked}, so several gateways may share it) and the evidence store of raw messages and
 * MDNs.
 */
@Repository
class Messages {

    private static final String VIEW = "id, direction, partner_id, as2_from, as2_to, message_id, status, attempts,"
            + " mic, mdn_message_id, mdn_disposition, mdn_mic, mdn_signed, mdn_verified, mdn_url, mdn_delivery,"
            + " content_type, document_sha256, document_bytes, octet_length(message_body) as message_bytes,"
            + " capture_id, capture_error, error, created_at, sent_at, next_attempt_at, mdn_at, updated_at";

    private final JdbcClient jdbc;
    private final Clock clock;

    Messages(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    // ---- inbound

    /** A received message as stored, and its MDN once there is one. */
    record Inbound(long id, Long partnerId, String as2From, String as2To, String messageId, String status,
            String headers, byte[] body, String mdnHeaders, byte[] mdnBody, String mdnUrl) {
    }

    /**
     * Stores a received message, committed before anything else happens to it; a message already stored under
     * this sender and Message-ID is not stored again, only counted. Returns its row.
     */
    long receive(Long partnerId, String from, String to, String messageId, String headers, byte[] body) {
        OffsetDateTime now = now();
        return jdbc.sql("insert into exchange_message (direction, partner_id, as2_from, as2_to, message_id, status,"
                        + " attempts, message_headers, message_body, created_at, updated_at)"
                        + " values ('in', ?, ?, ?, ?, 'received', 1, ?, ?, ?, ?)"
                        + " on conflict (as2_from, message_id) where direction = 'in'"
                        + " do update set attempts = exchange_message.attempts + 1, updated_at = excluded.updated_at"
                        + " returning id")
                .params(partnerId, from, to, messageId, headers, body, now, now).query(Long.class).single();
    }

    /**
     * Locks a received message for processing (in the caller's transaction). With {@code skipLocked}, a message
     * someone else is processing is skipped (empty) instead of waited for.
     */
    Optional<Inbound> lockInbound(long id, boolean skipLocked) {
        return jdbc.sql("select id, partner_id, as2_from, as2_to, message_id, status, message_headers, message_body,"
                        + " mdn_headers, mdn_body, mdn_url from exchange_message where id = ? and direction = 'in'"
                        + " for update" + (skipLocked ? " skip locked" : ""))
                .param(id)
                .query((rs, n) -> new Inbound(rs.getLong("id"), nullableLong(rs, "partner_id"),
                        rs.getString("as2_from"), rs.getString("as2_to"), rs.getString("message_id"),
                        rs.getString("status"), rs.getString("message_headers"), rs.getBytes("message_body"),
                        rs.getString("mdn_headers"), rs.getBytes("mdn_body"), rs.getString("mdn_url")))
                .optional();
    }

    /** What processing a received message found, and the MDN composed for it (null when none was asked for). */
    record Processed(boolean accepted, String contentType, byte[] document, String documentSha256, String mic,
            Mdns.Composed mdn, String mdnDisposition, String mdnMic, boolean mdnSigned, String asyncUrl,
            String error) {
    }

    void processed(long id, Processed p) {
        OffsetDateTime now = now();
        jdbc.sql("update exchange_message set status = ?, content_type = ?, document = ?, document_sha256 = ?,"
                        + " document_bytes = ?, mic = ?, mdn_message_id = ?, mdn_headers = ?, mdn_body = ?,"
                        + " mdn_disposition = ?, mdn_mic = ?, mdn_signed = ?, mdn_url = ?, mdn_delivery = ?,"
                        + " next_attempt_at = ?, mdn_at = ?, error = ?, updated_at = ? where id = ?")
                .params(p.accepted() ? "processed" : "rejected", p.contentType(), p.document(), p.documentSha256(),
                        p.document() == null ? null : (long) p.document().length, p.mic(),
                        p.mdn() == null ? null : p.mdn().messageId(),
                        p.mdn() == null ? null : HeaderLines.format(p.mdn().headers()),
                        p.mdn() == null ? null : p.mdn().body(), p.mdnDisposition(), p.mdnMic(),
                        p.mdn() == null ? null : p.mdnSigned(), p.asyncUrl(), p.asyncUrl() == null ? null : "pending",
                        p.asyncUrl() == null ? null : now, p.mdn() == null || p.asyncUrl() != null ? null : now,
                        p.error(), now, id)
                .update();
    }

    /** Received messages nobody has processed (their gateway stopped first), stored before {@code before}. */
    List<Long> unprocessed(Instant before) {
        return jdbc.sql("select id from exchange_message where status = 'received' and created_at < ? order by id"
                + " limit 100").param(at(before)).query(Long.class).list();
    }

    /** A processed message's document, claimed for handing to capture until {@code until}. */
    record ForCapture(long id, long partnerId, String contentType, byte[] document) {
    }

    Optional<ForCapture> claimForCapture(long id, Instant until) {
        OffsetDateTime now = now();
        return jdbc.sql("update exchange_message set capture_claimed_until = ?, updated_at = ? where id = ?"
                        + " and status = 'processed' and capture_id is null and capture_error is null"
                        + " and (capture_claimed_until is null or capture_claimed_until < ?)"
                        + " returning id, partner_id, content_type, document")
                .params(at(until), now, id, now)
                .query((rs, n) -> new ForCapture(rs.getLong("id"), rs.getLong("partner_id"),
                        rs.getString("content_type"), rs.getBytes("document")))
                .optional();
    }

    void captured(long id, long captureId) {
        jdbc.sql("update exchange_message set capture_id = ?, capture_claimed_until = null, updated_at = ?"
                + " where id = ?").params(captureId, now(), id).update();
    }

    /** Capture was busy: the message is handed over again from {@code at}. */
    void retryCaptureAt(long id, Instant at) {
        jdbc.sql("update exchange_message set capture_claimed_until = ?, updated_at = ? where id = ?")
                .params(at(at), now(), id).update();
    }

    void captureRefused(long id, String error) {
        jdbc.sql("update exchange_message set capture_error = ?, capture_claimed_until = null, updated_at = ?"
                + " where id = ?").params(error, now(), id).update();
    }

    /** Processed messages not yet handed to capture and not claimed now. */
    List<Long> awaitingCapture() {
        return jdbc.sql("select id from exchange_message where status = 'processed' and capture_id is null"
                        + " and capture_error is null and (capture_claimed_until is null or capture_claimed_until < ?)"
                        + " order by id limit 100")
                .param(now()).query(Long.class).list();
    }

    // ---- outbound

    /** A message to send, as composed once when it was queued (every attempt sends the same octets). */
    record Outbound(long id, long partnerId, String messageId, String status, int attempts, String headers,
            byte[] body, String mic, Instant sentAt) {
    }

    long enqueue(long partnerId, String from, String to, String messageId, String contentType, byte[] document,
            String documentSha256, String headers, byte[] body, String mic) {
        OffsetDateTime now = now();
        return jdbc.sql("insert into exchange_message (direction, partner_id, as2_from, as2_to, message_id, status,"
                        + " attempts, next_attempt_at, content_type, document, document_sha256, document_bytes,"
                        + " message_headers, message_body, mic, created_at, updated_at)"
                        + " values ('out', ?, ?, ?, ?, 'queued', 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id")
                .params(partnerId, from, to, messageId, now, contentType, document, documentSha256,
                        (long) document.length, headers, body, mic, now, now)
                .query(Long.class).single();
    }

    /** Work that is due: an outbound message to send, or an asynchronous MDN to post. */
    record Due(long id, String direction) {
    }

    /**
     * Claims up to {@code limit} due rows until {@code until}; an outbound message becomes {@code sending} and
     * counts an attempt. A row whose claim expired (its gateway stopped mid-attempt) is due again.
     */
    List<Due> claimDue(int limit, Instant until) {
        OffsetDateTime now = now();
        return jdbc.sql("update exchange_message m set claimed_until = ?, updated_at = ?,"
                        + " status = case when m.direction = 'out' then 'sending' else m.status end,"
                        + " attempts = case when m.direction = 'out' then m.attempts + 1 else m.attempts end,"
                        + " mdn_attempts = case when m.direction = 'in' then m.mdn_attempts + 1 else m.mdn_attempts end"
                        + " where m.id in (select id from exchange_message where next_attempt_at <= ?"
                        + " and (status in ('queued', 'sending') or mdn_delivery = 'pending')"
                        + " and (claimed_until is null or claimed_until < ?)"
                        + " order by next_attempt_at limit ? for update skip locked)"
                        + " returning m.id, m.direction")
                .params(at(until), now, now, now, limit)
                .query((rs, n) -> new Due(rs.getLong(1), rs.getString(2))).list();
    }

    Optional<Outbound> outbound(long id) {
        return jdbc.sql("select id, partner_id, message_id, status, attempts, message_headers, message_body, mic,"
                        + " sent_at from exchange_message where id = ? and direction = 'out'")
                .param(id)
                .query((rs, n) -> new Outbound(rs.getLong("id"), rs.getLong("partner_id"), rs.getString("message_id"),
                        rs.getString("status"), rs.getInt("attempts"), rs.getString("message_headers"),
                        rs.getBytes("message_body"), rs.getString("mic"), instant(rs, "sent_at")))
                .optional();
    }

    Optional<Outbound> outboundByMessageId(String messageId) {
        return jdbc.sql("select id from exchange_message where message_id = ? and direction = 'out'")
                .param(messageId).query(Long.class).optional().flatMap(this::outbound);
    }

    /** The attempt failed in a way worth retrying: queued again for {@code next}. */
    void retry(long id, Instant next, String error) {
        jdbc.sql("update exchange_message set status = 'queued', next_attempt_at = ?, claimed_until = null,"
                + " error = ?, updated_at = ? where id = ?").params(at(next), error, now(), id).update();
    }

    void fail(long id, String error) {
        jdbc.sql("update exchange_message set status = 'failed', next_attempt_at = null, claimed_until = null,"
                + " error = ?, updated_at = ? where id = ?").params(error, now(), id).update();
    }

    /** Sent; its MDN comes later, asynchronously. */
    void sent(long id, Instant at) {
        jdbc.sql("update exchange_message set sent_at = ?, next_attempt_at = null, claimed_until = null, error = null,"
                + " updated_at = ? where id = ?").params(at(at), now(), id).update();
    }

    /**
     * The partner's MDN (or, for HTTPS transport, its acceptance) decided the message; false when it was decided
     * already (a second copy of an asynchronous MDN).
     */
    boolean concluded(long id, boolean delivered, Instant sentAt, Mdns.Composed raw, Mdns.Received mdn,
            String error) {
        OffsetDateTime now = now();
        return jdbc.sql("update exchange_message set status = ?, sent_at = coalesce(sent_at, ?), mdn_at = ?,"
                        + " mdn_message_id = ?, mdn_headers = ?, mdn_body = ?, mdn_disposition = ?, mdn_mic = ?,"
                        + " mdn_signed = ?, mdn_verified = ?, next_attempt_at = null, claimed_until = null, error = ?,"
                        + " updated_at = ? where id = ? and status = 'sending'")
                .params(delivered ? "delivered" : "rejected", at(sentAt), raw == null ? null : now,
                        raw == null ? null : raw.messageId(),
                        raw == null ? null : HeaderLines.format(raw.headers()), raw == null ? null : raw.body(),
                        mdn == null ? null : mdn.disposition().outcome(),
                        mdn == null || mdn.mic() == null ? null : mdn.mic().toString(),
                        mdn == null ? null : mdn.signed(), mdn == null || !mdn.signed() ? null : mdn.verified(),
                        error, now, id)
                .update() == 1;
    }

    /** Messages sent with an asynchronous MDN request whose MDN has not come by {@code before}. */
    List<Long> awaitingMdnSince(Instant before) {
        return jdbc.sql("select id from exchange_message where direction = 'out' and status = 'sending'"
                        + " and next_attempt_at is null and sent_at < ?")
                .param(at(before)).query(Long.class).list();
    }

    /** Outbound messages queued or being sent. */
    long queueDepth() {
        return jdbc.sql("select count(*) from exchange_message where direction = 'out'"
                + " and status in ('queued', 'sending')").query(Long.class).single();
    }

    // ---- asynchronous MDNs we send

    /** An MDN to post to the partner, as stored. */
    record AsyncMdn(long id, Long partnerId, String url, String headers, byte[] body, int attempts) {
    }

    Optional<AsyncMdn> asyncMdn(long id) {
        return jdbc.sql("select id, partner_id, mdn_url, mdn_headers, mdn_body, mdn_attempts from exchange_message"
                        + " where id = ? and mdn_delivery = 'pending'")
                .param(id)
                .query((rs, n) -> new AsyncMdn(rs.getLong("id"), nullableLong(rs, "partner_id"),
                        rs.getString("mdn_url"), rs.getString("mdn_headers"), rs.getBytes("mdn_body"),
                        rs.getInt("mdn_attempts")))
                .optional();
    }

    void asyncMdnDelivered(long id) {
        OffsetDateTime now = now();
        jdbc.sql("update exchange_message set mdn_delivery = 'sent', mdn_at = ?, next_attempt_at = null,"
                + " claimed_until = null, updated_at = ? where id = ?").params(now, now, id).update();
    }

    void asyncMdnRetry(long id, Instant next, String error) {
        jdbc.sql("update exchange_message set next_attempt_at = ?, claimed_until = null, error = ?, updated_at = ?"
                + " where id = ?").params(at(next), error, now(), id).update();
    }

    void asyncMdnFailed(long id, String error) {
        jdbc.sql("update exchange_message set mdn_delivery = 'failed', next_attempt_at = null, claimed_until = null,"
                + " error = ?, updated_at = ? where id = ?").params(error, now(), id).update();
    }

    // ---- views

    Optional<ExchangeMessage> find(long id) {
        return jdbc.sql("select " + VIEW + " from exchange_message where id = ?").param(id)
                .query((rs, n) -> view(rs)).optional();
    }

    /** Newest first; {@code before} pages back by id. */
    List<ExchangeMessage> list(Long partnerId, String direction, Long before, int limit) {
        return jdbc.sql("select " + VIEW + " from exchange_message where (cast(? as bigint) is null or partner_id = ?)"
                        + " and (cast(? as text) is null or direction = ?) and (cast(? as bigint) is null or id < ?)"
                        + " order by id desc limit ?")
                .params(partnerId, partnerId, direction, direction, before, before, limit)
                .query((rs, n) -> view(rs)).list();
    }

    /** The raw MDN (HTTP header lines and body) of a message, if it has one. */
    Optional<Raw> mdn(long id) {
        return jdbc.sql("select mdn_headers, mdn_body from exchange_message where id = ? and mdn_body is not null")
                .param(id).query((rs, n) -> new Raw(rs.getString(1), rs.getBytes(2))).optional();
    }

    /** HTTP header lines and body, as they went over the wire. */
    record Raw(String headers, byte[] body) {
    }

    private static ExchangeMessage view(ResultSet rs) throws SQLException {
        String mdnDisposition = rs.getString("mdn_disposition");
        ExchangeMessage.Mdn mdn = mdnDisposition == null && rs.getString("mdn_url") == null ? null
                : new ExchangeMessage.Mdn(rs.getString("mdn_message_id"), mdnDisposition, rs.getString("mdn_mic"),
                        rs.getBoolean("mdn_signed"), (Boolean) rs.getObject("mdn_verified"), rs.getString("mdn_url"),
                        rs.getString("mdn_delivery"));
        return new ExchangeMessage(rs.getLong("id"), rs.getString("direction"), nullableLong(rs, "partner_id"),
                rs.getString("as2_from"), rs.getString("as2_to"), rs.getString("message_id"), rs.getString("status"),
                rs.getInt("attempts"), rs.getString("mic"), mdn, rs.getString("content_type"),
                rs.getString("document_sha256"), nullableLong(rs, "document_bytes"),
                nullableLong(rs, "message_bytes"), nullableLong(rs, "capture_id"), rs.getString("capture_error"),
                rs.getString("error"), instant(rs, "created_at"), instant(rs, "sent_at"),
                instant(rs, "next_attempt_at"), instant(rs, "mdn_at"), instant(rs, "updated_at"));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
