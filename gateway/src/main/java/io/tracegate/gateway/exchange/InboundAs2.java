package io.tracegate.gateway.exchange;

import io.tracegate.gateway.problem.ApiProblem;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Receives AS2 messages. The raw message and its headers are committed first; then, in a transaction holding the
 * message's row lock, it is opened, checked and answered with an MDN that is committed with the outcome (and their
 * audit records) before it is sent. A second post of the same Message-ID (a resend, or the same message twice at
 * once) waits on that lock and gets the stored MDN, byte for byte: a message is processed once.
 */
@Service
class InboundAs2 {

    private static final Logger log = LoggerFactory.getLogger(InboundAs2.class);
    /** Request headers that carry credentials: never stored. */
    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "cookie");

    private final Messages messages;
    private final Partners partners;
    private final ExchangeIdentity identity;
    private final ExchangeProperties properties;
    private final TransactionTemplate transactions;
    private final CaptureHandoff handoff;
    private final ExchangeMetrics metrics;
    private final OutboundSender sender;
    private final ExchangeAudit audit;
    private final Clock clock;

    InboundAs2(Messages messages, Partners partners, ExchangeIdentity identity, ExchangeProperties properties,
            TransactionTemplate transactions, CaptureHandoff handoff, ExchangeMetrics metrics, OutboundSender sender,
            ExchangeAudit audit, Clock clock) {
        this.messages = messages;
        this.partners = partners;
        this.identity = identity;
        this.properties = properties;
        this.transactions = transactions;
        this.handoff = handoff;
        this.metrics = metrics;
        this.sender = sender;
        this.audit = audit;
        this.clock = clock;
    }

    /** The HTTP answer to an AS2 post: a synchronous MDN, or an empty 200. */
    record Answer(List<MimeEntity.Header> headers, byte[] body) {
        static final Answer EMPTY = new Answer(List.of(), new byte[0]);
    }

    Answer receive(List<MimeEntity.Header> headers, byte[] body) {
        MimeEntity request = MimeEntity.of(headers, body);
        String from = required(request, "AS2-From");
        String to = required(request, "AS2-To");
        String messageId = required(request, "Message-ID");
        if (messageId.length() > 998) {
            throw ApiProblem.validation("Message-ID: at most 998 characters, got " + messageId.length());
        }
        List<MimeEntity.Header> kept = headers.stream()
                .filter(h -> !SECRET_HEADERS.contains(h.name().toLowerCase(Locale.ROOT))).toList();
        Long partnerId = partners.idOf(from).orElse(null);
        long id = messages.receive(partnerId, from, to, messageId, HeaderLines.format(kept), body);
        return process(id, false).orElseThrow();
    }

    /**
     * Processes a stored message unless that was done already; either way answers with its MDN. With
     * {@code skipLocked}, a message being processed elsewhere is left alone (empty).
     */
    Optional<Answer> process(long id, boolean skipLocked) {
        Outcome outcome = transactions.execute(status -> messages.lockInbound(id, skipLocked).map(row -> {
            if (!row.status().equals("received")) {
                return new Outcome(row, null);
            }
            Messages.Processed processed = process(row);
            messages.processed(id, processed);
            audit.received(row, processed);
            return new Outcome(row, processed);
        }).orElse(null));
        if (outcome == null) {
            return Optional.empty();
        }
        Messages.Inbound row = outcome.row();
        if (outcome.processed() == null) {
            return Optional.of(answer(row.mdnHeaders(), row.mdnBody(), row.mdnUrl()));
        }
        Messages.Processed processed = outcome.processed();
        metrics.status("in", row.as2From(), processed.accepted() ? "processed" : "rejected");
        if (processed.accepted()) {
            handoff.handOffLater(id);
        }
        if (processed.asyncUrl() != null) {
            sender.wake();
        }
        Mdns.Composed mdn = processed.mdn();
        return Optional.of(mdn == null || processed.asyncUrl() != null ? Answer.EMPTY
                : new Answer(mdn.headers(), mdn.body()));
    }

    private record Outcome(Messages.Inbound row, Messages.Processed processed) {
    }

    private static Answer answer(String mdnHeaders, byte[] mdnBody, String mdnUrl) {
        return mdnBody == null || mdnUrl != null ? Answer.EMPTY : new Answer(HeaderLines.parse(mdnHeaders), mdnBody);
    }

    /** Opens the message, decides its disposition, composes its MDN and records all of it. */
    private Messages.Processed process(Messages.Inbound row) {
        Instant now = clock.instant();
        Partner partner = row.partnerId() == null ? null : partners.find(row.partnerId()).orElse(null);
        Partner.InteropSwitches interop = partner == null ? Partner.InteropSwitches.DEFAULTS : partner.interop();
        MimeEntity message = MimeEntity.of(HeaderLines.parse(row.headers()), row.body());
        InboundUnwrapper unwrapper = new InboundUnwrapper(identity.key(), identity.certificate(),
                partner == null ? List.of() : partner.x509Certificates(), interop,
                properties.maxMessageBytes().toBytes(), now);
        ReceiptRequest receipt;
        Disposition disposition = Disposition.processed();
        String error = null;
        byte[] document = null;
        String contentType = null;
        try {
            receipt = ReceiptRequest.of(message);
        } catch (MessageFormatException e) {
            receipt = new ReceiptRequest(true, false, List.of(), false, null);
            disposition = Disposition.error(Disposition.Error.UNEXPECTED_PROCESSING_ERROR);
            error = e.getMessage();
        }
        if (error == null) {
            try {
                if (!row.as2To().equals(properties.as2Id())) {
                    throw new DispositionException(Disposition.Error.AUTHENTICATION_FAILED, "the message is"
                            + " addressed to AS2 name '" + row.as2To() + "'; this gateway is '" + properties.as2Id()
                            + "'");
                }
                if (partner == null) {
                    throw new DispositionException(Disposition.Error.AUTHENTICATION_FAILED, "no partner has the AS2"
                            + " name '" + row.as2From() + "'");
                }
                MimeEntity payload = unwrapper.unwrap(message);
                document = payload.content();
                contentType = payload.header("Content-Type");
            } catch (DispositionException e) {
                disposition = Disposition.error(e.error());
                error = e.getMessage();
            } catch (MessageFormatException e) {
                disposition = Disposition.error(Disposition.Error.UNEXPECTED_PROCESSING_ERROR);
                error = e.getMessage();
            } catch (RuntimeException e) {
                String incident = UUID.randomUUID().toString();
                log.error("Incident {}: processing AS2 message {} from {} failed", incident, row.messageId(),
                        row.as2From(), e);
                disposition = Disposition.error(Disposition.Error.UNEXPECTED_PROCESSING_ERROR);
                error = "unexpected error, incident " + incident;
            }
        }
        MicAlgorithm micAlgorithm = receipt.micAlgorithm(unwrapper.signatureDigest());
        Optional<Mic> mic = unwrapper.mic(micAlgorithm);
        Partner.InteropSwitches mdnInterop = receipt.oldNames() ? new Partner.InteropSwitches(interop.micOverHeaders(),
                interop.micCanonicalization(), true, interop.cmsAlgorithmProtection(), interop.chunked(),
                interop.transferEncoding()) : interop;
        Mdns.Composed mdn = null;
        String asyncUrl = null;
        if (receipt.wanted()) {
            String explanation = "The AS2 message " + row.messageId() + " from " + row.as2From() + " was "
                    + (error == null ? "received and processed." : "refused: " + error);
            mdn = Mdns.compose(identity.key(), identity.certificate(), properties.as2Id(), row.as2From(),
                    row.messageId(), disposition, mic, explanation,
                    receipt.signed() ? Optional.of(micAlgorithm) : Optional.empty(), mdnInterop,
                    MessageIds.next(properties.as2Id()), now);
            asyncUrl = asyncUrl(receipt.asyncUrl(), partner, row);
        }
        return new Messages.Processed(error == null, contentType, document,
                document == null ? null : HexFormat.of().formatHex(MicAlgorithm.SHA256.digest(document)),
                mic.map(m -> m.format(mdnInterop.oldDigestNames())).orElse(null), mdn,
                mdn == null ? null : disposition.outcome(),
                mdn == null ? null : mic.map(Mic::toString).orElse(null), receipt.signed(), asyncUrl, error);
    }

    /** An asynchronous MDN goes only to a host the partner allows; otherwise it is answered synchronously. */
    private static String asyncUrl(URI requested, Partner partner, Messages.Inbound row) {
        if (requested == null) {
            return null;
        }
        String host = requested.getHost() == null ? "" : requested.getHost().toLowerCase(Locale.ROOT);
        if (partner != null && partner.asyncMdnHosts().contains(host)
                && ("http".equals(requested.getScheme()) || "https".equals(requested.getScheme()))) {
            return requested.toString();
        }
        log.warn("AS2 message {} from {} asks for its MDN at {}, a host not among the partner's asyncMdnHosts: the"
                + " MDN is returned in the HTTP response instead", row.messageId(), row.as2From(), requested);
        return null;
    }

    private static String required(MimeEntity request, String header) {
        String value = As2Names.unquote(request.header(header));
        if (value == null || value.isEmpty()) {
            throw ApiProblem.validation("not an AS2 message: the " + header + " header is missing");
        }
        return value;
    }
}
