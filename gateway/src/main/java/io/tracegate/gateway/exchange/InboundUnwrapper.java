package io.tracegate.gateway.exchange;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/**
 * Opens a received AS2 message layer by layer, in whatever nesting the sender chose (RFC 4130, RFC 5402):
 * encryption (EnvelopedData or AuthEnvelopedData), compression, a multipart/signed signature, down to the document.
 * Each layer at most once. What it learns stays readable after a refusal, so that the MDN of a refused message still
 * reports a MIC where one is known.
 *
 * <p>The MIC source (RFC 4130 7.3.1): for a signed message, the signed part exactly as the signature covers it,
 * headers included; for an encrypted unsigned one, the decrypted entity, headers included; otherwise the content
 * without headers. A non-binary part's line endings are made CRLF first, unless the partner's
 * {@code micCanonicalization} is off; with {@code micOverHeaders} off, the MIC covers the content only.
 */
final class InboundUnwrapper {

    private static final int MAX_LAYERS = 3;

    private final PrivateKey key;
    private final X509Certificate ourCertificate;
    private final List<X509Certificate> partnerCertificates;
    private final Partner.InteropSwitches interop;
    private final long maxBytes;
    private final Instant now;

    private boolean encrypted;
    private boolean compressed;
    private boolean signed;
    private MimeEntity decrypted;
    private MimeEntity signedPart;
    private MimeEntity payload;
    private MicAlgorithm signatureDigest;
    /** What the signature covers and its digest, computed to verify it: the MIC when it covers the same octets. */
    private byte[] signedOctets;
    private byte[] signedOctetsDigest;

    /**
     * @param partnerCertificates the sending partner's certificates; its signature must verify against one of them
     * @param maxBytes            the most a compressed layer may expand to
     */
    InboundUnwrapper(PrivateKey key, X509Certificate ourCertificate, List<X509Certificate> partnerCertificates,
            Partner.InteropSwitches interop, long maxBytes, Instant now) {
        this.key = key;
        this.ourCertificate = ourCertificate;
        this.partnerCertificates = partnerCertificates;
        this.interop = interop;
        this.maxBytes = maxBytes;
        this.now = now;
    }

    /**
     * Opens every layer and returns the document's entity.
     *
     * @throws DispositionException  decryption, decompression or signature failed, or the message is unsigned
     * @throws MessageFormatException the message is not well-formed MIME or S/MIME
     */
    MimeEntity unwrap(MimeEntity message) {
        MimeEntity entity = message;
        for (int layer = 0; ; layer++) {
            if (layer > MAX_LAYERS) {
                throw new MessageFormatException("more than " + MAX_LAYERS + " S/MIME layers");
            }
            ContentType type = entity.contentType();
            if (type.isPkcs7Mime()) {
                byte[] der = entity.content();
                ASN1ObjectIdentifier cms = Smime.contentType(der);
                if (Smime.isEnveloped(cms)) {
                    if (encrypted) {
                        throw new DispositionException(Disposition.Error.DECRYPTION_FAILED,
                                "the message is encrypted twice");
                    }
                    encrypted = true;
                    decrypted = MimeEntity.parse(Smime.decrypt(der, key, ourCertificate));
                    entity = decrypted;
                } else if (Smime.isCompressed(cms)) {
                    if (compressed) {
                        throw new DispositionException(Disposition.Error.DECOMPRESSION_FAILED,
                                "the message is compressed twice");
                    }
                    compressed = true;
                    entity = MimeEntity.parse(Smime.decompress(der, maxBytes));
                } else {
                    throw new MessageFormatException("an application/pkcs7-mime layer holds CMS " + cms
                            + "; enveloped, authEnveloped or compressed data was expected (AS2 signs with"
                            + " multipart/signed)");
                }
            } else if (type.is("multipart/signed")) {
                if (signed) {
                    throw new MessageFormatException("the message is signed twice");
                }
                signed = true;
                entity = verified(entity);
            } else {
                payload = entity;
                break;
            }
        }
        if (!signed) {
            throw new DispositionException(Disposition.Error.AUTHENTICATION_FAILED, "the message is not signed:"
                    + " only a signature identifies the sending partner");
        }
        return payload;
    }

    private MimeEntity verified(MimeEntity entity) {
        List<MimeEntity> parts = entity.parts();
        if (parts.size() != 2) {
            throw new MessageFormatException("a multipart/signed entity has " + parts.size()
                    + " parts; the content and its signature were expected");
        }
        signedPart = parts.get(0);
        MimeEntity signaturePart = parts.get(1);
        ContentType signatureType = signaturePart.contentType();
        if (!signatureType.is("application/pkcs7-signature") && !signatureType.is("application/x-pkcs7-signature")) {
            throw new MessageFormatException("the second part of multipart/signed is " + signatureType.mediaType()
                    + ", not application/pkcs7-signature");
        }
        byte[] signature = signaturePart.content();
        byte[] octets = signedPart.canonicalBytes();
        Smime.Verification verification = Smime.verify(octets, signature, partnerCertificates);
        if (verification instanceof Smime.Verification.Invalid && octets != signedPart.bytes()) {
            // The sender signed the octets as it sent them, bare LFs included: lenient, as other products are.
            Smime.Verification raw = Smime.verify(signedPart.bytes(), signature, partnerCertificates);
            if (raw instanceof Smime.Verification.Valid) {
                verification = raw;
                octets = signedPart.bytes();
            }
        }
        if (verification instanceof Smime.Verification.UnknownSigner unknown) {
            throw new DispositionException(Disposition.Error.AUTHENTICATION_FAILED, "the message is signed with a"
                    + " certificate not registered for the sending partner (" + unknown.signer() + ")");
        }
        if (verification instanceof Smime.Verification.Invalid invalid) {
            throw new DispositionException(Disposition.Error.INTEGRITY_CHECK_FAILED, invalid.reason());
        }
        X509Certificate signer = ((Smime.Verification.Valid) verification).signer();
        if (!signer.getNotAfter().toInstant().isAfter(now) || signer.getNotBefore().toInstant().isAfter(now)) {
            throw new DispositionException(Disposition.Error.AUTHENTICATION_FAILED, "the message is signed with a"
                    + " certificate that is not valid now (valid from " + signer.getNotBefore().toInstant() + " to "
                    + signer.getNotAfter().toInstant() + ")");
        }
        signatureDigest = ((Smime.Verification.Valid) verification).digest();
        signedOctets = octets;
        signedOctetsDigest = ((Smime.Verification.Valid) verification).contentDigest();
        return signedPart;
    }

    /** The MIC of what was received, per the rules above; empty when decryption failed before anything was seen. */
    Optional<Mic> mic(MicAlgorithm algorithm) {
        byte[] source;
        if (signedPart != null) {
            source = interop.micOverHeaders() ? canonicalized(signedPart) : signedPart.content();
        } else if (decrypted != null) {
            source = interop.micOverHeaders() ? canonicalized(decrypted)
                    : payload == null ? null : payload.content();
        } else {
            source = payload == null ? null : payload.content();
        }
        if (source != null && algorithm == signatureDigest && Arrays.equals(source, signedOctets)) {
            return Optional.of(Mic.ofDigest(signedOctetsDigest, algorithm)); // no second pass over the message
        }
        return Optional.ofNullable(source).map(s -> Mic.of(s, algorithm));
    }

    private byte[] canonicalized(MimeEntity entity) {
        return interop.micCanonicalization() ? entity.canonicalBytes() : entity.bytes();
    }

    /** The digest the sender signed with, if it signed. */
    Optional<MicAlgorithm> signatureDigest() {
        return Optional.ofNullable(signatureDigest);
    }

    boolean encrypted() {
        return encrypted;
    }

    boolean compressed() {
        return compressed;
    }
}
