package io.tracegate.gateway.exchange;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSCompressedData;
import org.bouncycastle.cms.CMSCompressedDataGenerator;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.RecipientInformationStore;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientId;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.ZlibCompressor;
import org.bouncycastle.cms.jcajce.ZlibExpanderProvider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * The CMS operations of S/MIME on byte arrays: detached signatures, enveloping (AES-CBC, AES-GCM as AuthEnvelopedData,
 * 3DES; RSA key transport), ZLIB compression, and their inverses. Bouncy Castle builds and reads the CMS
 * structures; the cryptography itself runs in the JDK's providers, whose AES, SHA-2 and RSA use the processor's
 * instructions (several times faster than Bouncy Castle's pure-Java engines on a 100 KB message).
 */
final class Smime {

    /** For what the JDK's providers lack: CMS names AES-GCM and its parameters by OID, which Bouncy Castle maps. */
    private static final Provider BC = new BouncyCastleProvider();

    private Smime() {
    }

    /** A DER detached SignedData over {@code content}, with our certificate. */
    static byte[] sign(byte[] content, PrivateKey key, X509Certificate certificate, MicAlgorithm digest,
            boolean algorithmProtection) {
        try {
            JcaSignerInfoGeneratorBuilder signerInfo = new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().build());
            if (!algorithmProtection) {
                // RFC 6211's attribute, which some products (IBM Sterling, DataPower) refuse.
                signerInfo.setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator() {
                    @Override
                    public AttributeTable getAttributes(@SuppressWarnings("rawtypes") Map parameters) {
                        return super.getAttributes(parameters).remove(CMSAttributes.cmsAlgorithmProtect);
                    }
                });
            }
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(signerInfo.build(new JcaContentSignerBuilder(
                    digest.signatureAlgorithm(key.getAlgorithm())).build(key), certificate));
            generator.addCertificate(new JcaX509CertificateHolder(certificate));
            return generator.generate(new CMSProcessableByteArray(content), false).getEncoded();
        } catch (OperatorCreationException | CertificateEncodingException | CMSException | IOException e) {
            throw new IllegalStateException("cannot sign with the gateway's key: " + e.getMessage(), e);
        }
    }

    /** What a signature check found. */
    sealed interface Verification {
        /**
         * Signed by this certificate, over exactly the content given, with this digest; {@code contentDigest} is that
         * content's digest as computed to verify it.
         */
        record Valid(X509Certificate signer, MicAlgorithm digest, byte[] contentDigest) implements Verification {
        }

        /** Signed by none of the certificates given; names the signer's issuer and serial. */
        record UnknownSigner(String signer) implements Verification {
        }

        /** Signed by a known certificate, but the content or signature does not verify. */
        record Invalid(X509Certificate signer, String reason) implements Verification {
        }
    }

    /**
     * Checks a detached signature over {@code content} against the certificates a partner registered (any of them:
     * two during a rotation). Certificates inside the signature are not trusted.
     */
    static Verification verify(byte[] content, byte[] signature, Collection<X509Certificate> trusted) {
        SignerInformation signer;
        try {
            CMSSignedData signed = new CMSSignedData(new CMSProcessableByteArray(content), signature);
            Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
            if (signers.size() != 1) {
                return new Verification.Invalid(null, "the signature has " + signers.size()
                        + " signers, one was expected");
            }
            signer = signers.iterator().next();
        } catch (CMSException | RuntimeException e) {
            throw new MessageFormatException("the signature part is not a CMS SignedData structure: "
                    + e.getMessage(), e);
        }
        for (X509Certificate certificate : trusted) {
            X509CertificateHolder holder;
            try {
                holder = new JcaX509CertificateHolder(certificate);
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
            if (!signer.getSID().match(holder)) {
                continue;
            }
            Optional<MicAlgorithm> digest = MicAlgorithm.forOid(signer.getDigestAlgorithmID().getAlgorithm());
            if (digest.isEmpty()) {
                return new Verification.Invalid(certificate, "the signature's digest algorithm "
                        + signer.getDigestAlgOID() + " is not one of SHA-1, SHA-256, SHA-384, SHA-512");
            }
            try {
                if (signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate))) {
                    return new Verification.Valid(certificate, digest.get(), signer.getContentDigest());
                }
                return new Verification.Invalid(certificate, "the signature does not verify");
            } catch (CMSSignerDigestMismatchException e) {
                return new Verification.Invalid(certificate, "the signed content was altered: its digest differs"
                        + " from the one signed");
            } catch (CMSException | OperatorCreationException e) {
                return new Verification.Invalid(certificate, "the signature does not verify: " + e.getMessage());
            }
        }
        return new Verification.UnknownSigner(signer.getSID().getIssuer() + ", serial "
                + signer.getSID().getSerialNumber());
    }

    /** DER EnvelopedData (or AuthEnvelopedData for GCM) of {@code content}, readable by each recipient. */
    static byte[] encrypt(byte[] content, List<X509Certificate> recipients, EncryptionAlgorithm algorithm) {
        try {
            JceCMSContentEncryptorBuilder encryptor = new JceCMSContentEncryptorBuilder(algorithm.oid());
            if (algorithm.authenticated()) {
                encryptor.setProvider(BC);
            }
            if (algorithm.authenticated()) {
                CMSAuthEnvelopedDataGenerator generator = new CMSAuthEnvelopedDataGenerator();
                for (X509Certificate recipient : recipients) {
                    generator.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(recipient));
                }
                return generator.generate(new CMSProcessableByteArray(content),
                        (OutputAEADEncryptor) encryptor.build()).getEncoded();
            }
            CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
            for (X509Certificate recipient : recipients) {
                generator.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(recipient));
            }
            return generator.generate(new CMSProcessableByteArray(content), encryptor.build()).getEncoded();
        } catch (CMSException | CertificateEncodingException | IOException e) {
            throw new IllegalStateException("cannot encrypt for the partner's certificate: " + e.getMessage(), e);
        }
    }

    /** Whether DER is CMS EnvelopedData or AuthEnvelopedData (whatever its S/MIME type parameter says). */
    static ASN1ObjectIdentifier contentType(byte[] der) {
        try {
            return ContentInfo.getInstance(der).getContentType();
        } catch (RuntimeException e) {
            throw new MessageFormatException("the application/pkcs7-mime body is not a CMS structure: "
                    + e.getMessage(), e);
        }
    }

    static boolean isEnveloped(ASN1ObjectIdentifier type) {
        return type.equals(CMSObjectIdentifiers.envelopedData) || type.equals(CMSObjectIdentifiers.authEnvelopedData);
    }

    static boolean isCompressed(ASN1ObjectIdentifier type) {
        return type.equals(CMSObjectIdentifiers.compressedData);
    }

    /** The content of (Auth)EnvelopedData for our key. */
    static byte[] decrypt(byte[] der, PrivateKey key, X509Certificate certificate) {
        try {
            boolean authenticated = contentType(der).equals(CMSObjectIdentifiers.authEnvelopedData);
            RecipientInformationStore recipients = authenticated ? new CMSAuthEnvelopedData(der).getRecipientInfos()
                    : new CMSEnvelopedData(der).getRecipientInfos();
            RecipientInformation recipient = recipients.get(new JceKeyTransRecipientId(certificate));
            if (recipient == null) {
                throw new DispositionException(Disposition.Error.DECRYPTION_FAILED, "the message is not encrypted"
                        + " for our certificate (" + certificate.getSubjectX500Principal().getName() + ", serial "
                        + certificate.getSerialNumber() + ")");
            }
            JceKeyTransEnvelopedRecipient ours = new JceKeyTransEnvelopedRecipient(key);
            if (authenticated) {
                ours.setContentProvider(BC);
            }
            return recipient.getContent(ours);
        } catch (CMSException | RuntimeException e) {
            if (e instanceof DispositionException d) {
                throw d;
            }
            throw new DispositionException(Disposition.Error.DECRYPTION_FAILED, "the message cannot be decrypted: "
                    + e.getMessage(), e);
        }
    }

    static byte[] compress(byte[] content) {
        try {
            return new CMSCompressedDataGenerator().generate(new CMSProcessableByteArray(content),
                    new ZlibCompressor()).getEncoded();
        } catch (CMSException | IOException e) {
            throw new IllegalStateException("cannot compress: " + e.getMessage(), e);
        }
    }

    /** The content of CompressedData, refusing to expand past {@code limit} bytes (a compression bomb). */
    static byte[] decompress(byte[] der, long limit) {
        try {
            return new CMSCompressedData(der).getContent(new ZlibExpanderProvider(limit));
        } catch (CMSException | RuntimeException e) {
            throw new DispositionException(Disposition.Error.DECOMPRESSION_FAILED, "the message cannot be"
                    + " decompressed (at most " + limit + " bytes): " + e.getMessage(), e);
        }
    }
}
