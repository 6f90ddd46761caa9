package io.tracegate.gateway.exchange;

import java.math.BigInteger;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Key pairs and self-signed certificates for test partners, and partner records describing them. */
final class TestParties {

    private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime());

    private TestParties() {
    }

    /** An AS2 party: its name, RSA key pair and certificate. */
    record Party(String as2Id, KeyPair keys, X509Certificate certificate) {
        String pem() {
            return Pem.certificate(certificate);
        }
    }

    /** A party whose certificate is valid from yesterday for a year. */
    static Party party(String as2Id) {
        Instant now = Instant.now();
        return party(as2Id, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
    }

    static Party party(String as2Id, Instant notBefore, Instant notAfter) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            X500Name name = new X500Name("CN=" + as2Id + ",O=Tracegate tests");
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(SERIALS.incrementAndGet()),
                            Date.from(notBefore), Date.from(notAfter), name, keys.getPublic())
                            .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
            return new Party(as2Id, keys, certificate);
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A partner record for {@code party} with these settings (as the other side would register it). */
    static Partner partner(Party party, String signing, String encryption, boolean compression,
            Partner.InteropSwitches interop) {
        Instant now = Instant.now();
        return new Partner(1, party.as2Id(), party.as2Id(), URI.create("http://localhost:1/as2"), "as2", List.of(),
                List.of(PartnerCertificate.of(party.certificate(), now)), signing, encryption, compression,
                new Partner.MdnOptions(true, false, null), "1.2-xml-R1.3", List.of("localhost"), interop, now, now);
    }
}
