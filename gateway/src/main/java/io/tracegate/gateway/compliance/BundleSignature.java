package io.tracegate.gateway.compliance;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/** Detached CMS (PKCS #7) signatures of a bundle's manifest, made and checked with Bouncy Castle. */
final class BundleSignature {

    /** What {@link #check} says when the content is not what was signed. */
    static final String CHANGED_CONTENT = "its SHA-256 is not the one signed: it was changed after it was signed";

    private BundleSignature() {
    }

    /** A detached SHA256withRSA signature of {@code content}, carrying the signer's certificate. */
    static byte[] sign(byte[] content, PrivateKey key, X509Certificate certificate) {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder()
                    .build()).build(new JcaContentSignerBuilder("SHA256withRSA").build(key), certificate));
            generator.addCertificates(new JcaCertStore(List.of(certificate)));
            return generator.generate(new CMSProcessableByteArray(content), false).getEncoded();
        } catch (GeneralSecurityException | OperatorCreationException | CMSException | IOException e) {
            throw new IllegalStateException("the manifest could not be signed", e);
        }
    }

    /**
     * What is wrong with the signature of {@code content}, or null when it is a valid signature by the key of
     * {@code trusted}.
     */
    static String check(byte[] content, byte[] signature, X509Certificate trusted) {
        try {
            CMSSignedData signed = new CMSSignedData(new CMSProcessableByteArray(content), signature);
            Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
            if (signers.size() != 1) {
                return "the signature has " + signers.size() + " signers, not one";
            }
            SignerInformation signer = signers.iterator().next();
            Collection<X509CertificateHolder> certificates = signed.getCertificates().getMatches(signer.getSID());
            if (certificates.isEmpty()) {
                return "the signature does not carry its signer's certificate";
            }
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(certificates.iterator().next());
            if (!certificate.getPublicKey().equals(trusted.getPublicKey())) {
                return "signed by another key (" + certificate.getSubjectX500Principal().getName()
                        + "), not by the gateway's (" + trusted.getSubjectX500Principal().getName() + ")";
            }
            if (!certificate.equals(trusted)) {
                return "the certificate it carries is not the gateway's certificate, byte for byte";
            }
            if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(trusted))) {
                return "the signature value does not verify with the gateway's key";
            }
            return null;
        } catch (CMSSignerDigestMismatchException e) {
            return CHANGED_CONTENT;
        } catch (CMSException | RuntimeException e) {
            // Bouncy Castle reports malformed ASN.1 with unchecked exceptions too: a damaged signature file
            return "the signature cannot be read (" + e.getMessage() + ")";
        } catch (GeneralSecurityException | OperatorCreationException e) {
            return "the signature cannot be checked (" + e.getMessage() + ")";
        }
    }
}
