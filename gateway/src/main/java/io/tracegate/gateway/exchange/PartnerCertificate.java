package io.tracegate.gateway.exchange;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/**
 * A partner's certificate as listed: identity, validity and whether it expires soon.
 *
 * @param sha256 lower-case hex SHA-256 of its DER encoding
 * @param status {@code valid}, {@code expiring} (within 30 days), {@code expired} or {@code not-yet-valid}
 * @param x509   the certificate itself, for signatures and encryption
 */
public record PartnerCertificate(String sha256, String subject, String issuer, String serialNumber,
        Instant notBefore, Instant notAfter, String status, String pem, @JsonIgnore X509Certificate x509) {

    /** Certificates expiring within this window show as {@code expiring} here and on {@code /actuator/health}. */
    static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    static PartnerCertificate of(X509Certificate certificate, Instant now) {
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        return new PartnerCertificate(ExchangeIdentity.fingerprint(certificate),
                certificate.getSubjectX500Principal().getName(), certificate.getIssuerX500Principal().getName(),
                certificate.getSerialNumber().toString(16), notBefore, notAfter, status(notBefore, notAfter, now),
                Pem.certificate(certificate), certificate);
    }

    /** {@code valid}, {@code expiring} (within 30 days), {@code expired} or {@code not-yet-valid} at {@code now}. */
    static String status(Instant notBefore, Instant notAfter, Instant now) {
        return now.isBefore(notBefore) ? "not-yet-valid" : !now.isBefore(notAfter) ? "expired"
                : now.plus(EXPIRY_WARNING).isAfter(notAfter) ? "expiring" : "valid";
    }

    boolean validAt(Instant now) {
        return !now.isBefore(notBefore) && now.isBefore(notAfter);
    }
}
