package io.tracegate.gateway.exchange;

import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gateway.security.ApiPrincipal;
import io.tracegate.gs1.Gln;
import jakarta.servlet.ServletRequest;
import java.net.URI;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The exchange as other packages use it: find a partner by GLN ({@link #partnerWithGln}), send a document to it
 * ({@link #send}), follow a message ({@link #message}), and recognise a partner by its TLS client certificate.
 * Received documents go to capture through {@link PartnerCapture}.
 */
@Service
public class Exchange {

    private final Partners partners;
    private final Messages messages;
    private final ExchangeIdentity identity;
    private final ExchangeProperties properties;
    private final OurAddress address;
    private final OutboundSender sender;
    private final ExchangeMetrics metrics;
    private final MtlsConnector mtls;
    private final Clock clock;

    Exchange(Partners partners, Messages messages, ExchangeIdentity identity, ExchangeProperties properties,
            OurAddress address, OutboundSender sender, ExchangeMetrics metrics, MtlsConnector mtls, Clock clock) {
        this.partners = partners;
        this.messages = messages;
        this.identity = identity;
        this.properties = properties;
        this.address = address;
        this.sender = sender;
        this.metrics = metrics;
        this.mtls = mtls;
        this.clock = clock;
    }

    /**
     * Queues a document for a partner (composed, signed and encrypted now, sent from the durable queue); returns
     * the message's id, for {@link #message} and {@code GET /messages/{id}}.
     *
     * @param contentType the document's media type, e.g. {@code application/xml}
     */
    public long send(long partnerId, byte[] document, String contentType) {
        Partner partner = partners.find(partnerId).orElseThrow(() -> Partners.noSuchPartner(partnerId));
        if (document.length == 0) {
            throw ApiProblem.validation("the document is empty");
        }
        if (contentType == null || contentType.isBlank()) {
            throw ApiProblem.validation("Content-Type: the document's media type is required (e.g."
                    + " application/xml)");
        }
        Instant now = clock.instant();
        String messageId = MessageIds.next(properties.as2Id());
        List<MimeEntity.Header> headers;
        byte[] body;
        String mic = null;
        if (partner.isAs2()) {
            if (partner.encryptionAlgorithm() != EncryptionAlgorithm.NONE
                    && partner.validCertificates(now).isEmpty()) {
                throw ApiProblem.validation("partner " + partnerId + " has no valid certificate to encrypt for: "
                        + "every one of its certificates has expired or is not yet valid");
            }
            URI receiptTo = !partner.mdn().async() ? null
                    : partner.mdn().url() != null ? partner.mdn().url() : address.mdn();
            OutboundComposer.Composed composed = OutboundComposer.compose(identity.key(), identity.certificate(),
                    properties.as2Id(), partner,
                    messageId, document, contentType, address.as2(), receiptTo, now);
            headers = composed.headers();
            body = composed.body();
            mic = composed.mic().toString();
        } else {
            headers = List.of(new MimeEntity.Header("Content-Type", contentType));
            body = document;
        }
        long id = messages.enqueue(partnerId, properties.as2Id(), partner.as2Id(), messageId, contentType, document,
                HexFormat.of().formatHex(MicAlgorithm.SHA256.digest(document)), HeaderLines.format(headers), body,
                mic);
        metrics.status("out", partner.as2Id(), "queued");
        sender.wake();
        return id;
    }

    /** A message in or out. */
    public ExchangeMessage message(long id) {
        return messages.find(id).orElseThrow(() -> ApiProblem.noSuchResource("no message " + id));
    }

    /** The partner one of whose GLNs (GLN-13) this is: where a shipping event's buyer is sent its document. */
    public Optional<Partner> partnerWithGln(String gln) {
        return partners.byGln(new Gln(gln));
    }

    /** The caller a TLS client certificate stands for: its partner, if it has one and the certificate is valid. */
    public Optional<ApiPrincipal> partnerForClientCertificate(X509Certificate certificate) {
        try {
            certificate.checkValidity(Date.from(clock.instant()));
        } catch (CertificateException expiredOrNotYetValid) {
            return Optional.empty();
        }
        return partners.byCertificate(ExchangeIdentity.fingerprint(certificate)).map(PartnerCapture::principal);
    }

    /** Whether a request came in on the mutual-TLS connector. */
    public boolean onMutualTlsConnector(ServletRequest request) {
        return mtls.accepted(request);
    }
}
