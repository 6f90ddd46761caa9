package io.tracegate.gateway.exchange;

import java.net.URI;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Composes an outgoing AS2 message for a partner: the document as a MIME part, signed (multipart/signed), then
 * compressed if the partner wants it (RFC 5402, compress after signing), then encrypted for each of its valid
 * certificates; and the AS2 request headers. The MIC we expect back covers the signed part exactly as written
 * (headers and content), or only its content under the partner's {@code micOverHeaders=false}.
 */
final class OutboundComposer {

    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ENGLISH);

    private OutboundComposer() {
    }

    /** An AS2 message ready to post: HTTP headers (Content-Type among them), body, and the MIC to expect. */
    record Composed(List<MimeEntity.Header> headers, byte[] body, Mic mic) {
    }

    /**
     * @param key       our signing key, with its {@code certificate}
     * @param receiptTo where asynchronous MDNs go ({@code Receipt-Delivery-Option}), or null for a synchronous one
     */
    static Composed compose(PrivateKey key, X509Certificate certificate, String ourAs2Id, Partner partner,
            String messageId, byte[] document, String contentType, URI returnAddress, URI receiptTo, Instant now) {
        Partner.InteropSwitches interop = partner.interop();
        MicAlgorithm digest = partner.signingAlgorithm();
        MimeEntity payload = MimeBuilder.part(contentType, interop.transferEncoding(), fileName(contentType),
                document);
        Mic mic = Mic.of(interop.micOverHeaders() ? payload.bytes() : payload.content(), digest);
        MimeEntity entity = MimeBuilder.signed(payload, key, certificate, digest, interop);
        if (partner.compression()) {
            entity = MimeBuilder.pkcs7("compressed-data", "smime.p7z", Smime.compress(entity.bytes()),
                    interop.transferEncoding());
        }
        EncryptionAlgorithm encryption = partner.encryptionAlgorithm();
        if (encryption != EncryptionAlgorithm.NONE) {
            List<X509Certificate> recipients = partner.validCertificates(now);
            if (recipients.isEmpty()) {
                throw new IllegalStateException("partner " + partner.as2Id() + " has no valid certificate to"
                        + " encrypt for (all expired or not yet valid)");
            }
            entity = MimeBuilder.pkcs7(encryption.authenticated() ? "authEnveloped-data" : "enveloped-data",
                    "smime.p7m", Smime.encrypt(entity.bytes(), recipients, encryption), interop.transferEncoding());
        }
        List<MimeEntity.Header> headers = new ArrayList<>(List.of(
                new MimeEntity.Header("AS2-Version", "1.1"),
                new MimeEntity.Header("AS2-From", As2Names.header(ourAs2Id)),
                new MimeEntity.Header("AS2-To", As2Names.header(partner.as2Id())),
                new MimeEntity.Header("Message-ID", messageId),
                new MimeEntity.Header("Subject", "EPCIS document"),
                new MimeEntity.Header("Date", RFC_1123.format(now.atOffset(ZoneOffset.UTC))),
                new MimeEntity.Header("MIME-Version", "1.0"),
                new MimeEntity.Header("Recipient-Address", partner.url().toString())));
        headers.addAll(entity.headers()); // Content-Type, and the transfer encoding of the outermost entity
        headers.addAll(ReceiptRequest.headers(returnAddress.toString(), digest, interop.oldDigestNames(),
                receiptTo));
        return new Composed(List.copyOf(headers), entity.body(), mic);
    }

    private static String fileName(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.contains("json") ? "epcis.json" : type.contains("xml") ? "epcis.xml" : "document.bin";
    }
}
