package io.tracegate.gateway.exchange;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Message disposition notifications (RFC 8098 as AS2 uses them, RFC 4130 7.4): composed for what we receive, read
 * for what we send. An MDN is a {@code multipart/report; report-type=disposition-notification} with a human-readable
 * part and a {@code message/disposition-notification} part, optionally inside a multipart/signed.
 */
final class Mdns {

    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ENGLISH);

    private Mdns() {
    }

    /** An MDN as it goes over the wire: its own Message-ID, HTTP headers (Content-Type among them), body. */
    record Composed(String messageId, List<MimeEntity.Header> headers, byte[] body) {
    }

    /**
     * @param from    the AS2 name the original message was addressed to (us), the MDN's AS2-From
     * @param to      the original sender, the MDN's AS2-To
     * @param signWith the digest to sign with, or empty for an unsigned MDN
     */
    static Composed compose(PrivateKey key, X509Certificate certificate, String from, String to,
            String originalMessageId, Disposition disposition, Optional<Mic> mic, String explanation,
            Optional<MicAlgorithm> signWith, Partner.InteropSwitches interop, String messageId, Instant now) {
        StringBuilder fields = new StringBuilder()
                .append("Reporting-UA: Tracegate\r\n")
                .append("Original-Recipient: rfc822; ").append(As2Names.header(from)).append("\r\n")
                .append("Final-Recipient: rfc822; ").append(As2Names.header(from)).append("\r\n")
                .append("Original-Message-ID: ").append(originalMessageId).append("\r\n");
        mic.ifPresent(m -> fields.append("Received-Content-MIC: ").append(m.format(interop.oldDigestNames()))
                .append("\r\n"));
        fields.append("Disposition: ").append(disposition.value()).append("\r\n");
        MimeEntity text = MimeBuilder.part("text/plain; charset=us-ascii", "7bit", null,
                (explanation + "\r\n").getBytes(StandardCharsets.US_ASCII));
        MimeEntity notification = MimeBuilder.part("message/disposition-notification", "7bit", null,
                fields.toString().getBytes(StandardCharsets.US_ASCII));
        MimeEntity report = MimeBuilder.multipart("multipart/report; report-type=disposition-notification",
                List.of(text, notification));
        MimeEntity entity = signWith.map(digest -> MimeBuilder.signed(report, key, certificate, digest,
                interop)).orElse(report);
        List<MimeEntity.Header> headers = new ArrayList<>(List.of(
                new MimeEntity.Header("AS2-Version", "1.1"),
                new MimeEntity.Header("AS2-From", As2Names.header(from)),
                new MimeEntity.Header("AS2-To", As2Names.header(to)),
                new MimeEntity.Header("Message-ID", messageId),
                new MimeEntity.Header("Subject", "Message Disposition Notification"),
                new MimeEntity.Header("Date", RFC_1123.format(now.atOffset(ZoneOffset.UTC))),
                new MimeEntity.Header("MIME-Version", "1.0")));
        headers.addAll(entity.headers());
        return new Composed(messageId, List.copyOf(headers), entity.body());
    }

    /**
     * A received MDN.
     *
     * @param mic       its Received-Content-MIC, if it has one
     * @param signed    whether it came in a multipart/signed
     * @param verified  whether that signature verified against one of the partner's certificates
     * @param signature what was wrong with the signature, when it did not verify
     */
    record Received(String originalMessageId, Disposition disposition, Mic mic, boolean signed, boolean verified,
            String signature) {
    }

    static Received read(MimeEntity mdn, List<X509Certificate> partnerCertificates) {
        MimeEntity report = mdn;
        boolean signed = false;
        boolean verified = false;
        String problem = null;
        if (mdn.contentType().is("multipart/signed")) {
            signed = true;
            List<MimeEntity> parts = mdn.parts();
            if (parts.size() != 2) {
                throw new MessageFormatException("the signed MDN has " + parts.size() + " parts, 2 were expected");
            }
            report = parts.get(0);
            byte[] signature = parts.get(1).content();
            Smime.Verification verification = Smime.verify(report.canonicalBytes(), signature, partnerCertificates);
            if (verification instanceof Smime.Verification.Invalid && report.canonicalBytes() != report.bytes()) {
                Smime.Verification raw = Smime.verify(report.bytes(), signature, partnerCertificates);
                verification = raw instanceof Smime.Verification.Valid ? raw : verification;
            }
            if (verification instanceof Smime.Verification.Valid) {
                verified = true;
            } else if (verification instanceof Smime.Verification.UnknownSigner unknown) {
                problem = "signed with a certificate not registered for the partner (" + unknown.signer() + ")";
            } else {
                problem = ((Smime.Verification.Invalid) verification).reason();
            }
        }
        if (!report.contentType().is("multipart/report")) {
            throw new MessageFormatException("an MDN is a multipart/report, not " + report.contentType().mediaType());
        }
        MimeEntity notification = report.parts().stream()
                .filter(p -> p.contentType().is("message/disposition-notification")).findFirst()
                .orElseThrow(() -> new MessageFormatException("the MDN has no message/disposition-notification part"));
        byte[] content = notification.content();
        byte[] block = new byte[content.length + 4];
        System.arraycopy(content, 0, block, 0, content.length);
        System.arraycopy(new byte[] {'\r', '\n', '\r', '\n'}, 0, block, content.length, 4);
        MimeEntity fields = MimeEntity.parse(block); // the fields are header lines: same syntax, same folding
        String disposition = fields.header("Disposition");
        if (disposition == null) {
            throw new MessageFormatException("the MDN has no Disposition field");
        }
        String mic = fields.header("Received-Content-MIC");
        return new Received(fields.header("Original-Message-ID"), new Disposition(disposition),
                mic == null ? null : Mic.parse(mic), signed, verified, problem);
    }
}
