package io.tracegate.gateway.exchange;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;

/** X.509 certificates to and from PEM text. */
final class Pem {

    private static final String BEGIN = "-----BEGIN CERTIFICATE-----";

    private Pem() {
    }

    static String certificate(X509Certificate certificate) {
        try {
            return BEGIN + "\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                    .encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads one PEM certificate. The message of a refusal never quotes the text: a private key pasted by mistake
     * must not end up in an answer or a log.
     */
    static X509Certificate read(String pem) {
        if (pem == null || !pem.strip().startsWith(BEGIN)) {
            throw new IllegalArgumentException("not a PEM certificate (it must start with " + BEGIN + ")");
        }
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.strip().getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException | ClassCastException e) {
            throw new IllegalArgumentException("not a readable X.509 certificate (" + e.getClass().getSimpleName()
                    + ")");
        }
    }
}
