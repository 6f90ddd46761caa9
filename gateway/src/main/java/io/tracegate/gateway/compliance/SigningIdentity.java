package io.tracegate.gateway.compliance;

import io.tracegate.gateway.config.TracegateProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.springframework.stereotype.Component;

/**
 * The gateway's key for signing export bundles, and its certificate, which auditors check bundles against. Made at
 * the first start: an RSA 3072 key and a self-signed certificate, kept in {@code <data-dir>/compliance/signing.p12}
 * with a random password in {@code signing.password} beside it (both readable by the owner only); the certificate
 * is also written as {@code signing.crt} (PEM) to hand to auditors. When the partner exchange keeps the gateway's
 * own identity, this is the one class to point at it.
 */
@Component
public class SigningIdentity {

    static final String ALIAS = "export-signing";
    private static final Duration VALIDITY = Duration.ofDays(10 * 365);

    private final PrivateKey key;
    private final X509Certificate certificate;

    SigningIdentity(TracegateProperties properties, Clock clock) {
        Path dir = properties.dataDir().resolve("compliance");
        Path store = dir.resolve("signing.p12");
        Path secret = dir.resolve("signing.password");
        try {
            if (!Files.exists(store)) {
                create(dir, store, secret, clock.instant());
            }
            char[] password = Files.readString(secret, StandardCharsets.US_ASCII).strip().toCharArray();
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keys.load(in, password);
            }
            this.key = (PrivateKey) keys.getKey(ALIAS, password);
            this.certificate = (X509Certificate) keys.getCertificate(ALIAS);
            Files.writeString(dir.resolve("signing.crt"), pem(certificate));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the export signing key in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the export signing key in " + store + " cannot be used", e);
        }
    }

    public PrivateKey key() {
        return key;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The certificate in PEM, as {@code GET /exports/certificate} hands it out. */
    public String certificatePem() {
        return pem(certificate);
    }

    private static void create(Path dir, Path store, Path secret, Instant now) throws IOException,
            GeneralSecurityException {
        Files.createDirectories(dir);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(3072);
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=Tracegate gateway export signing");
        X509Certificate certificate;
        try {
            certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                    new BigInteger(64, new SecureRandom()), Date.from(now), Date.from(now.plus(VALIDITY)), name,
                    pair.getPublic()).build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        char[] password = HexFormat.of().formatHex(random).toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry(ALIAS, pair.getPrivate(), password, new Certificate[] {certificate});
        Path temporary = Files.createTempFile(dir, "signing", ".part");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            keys.store(out, password);
        }
        Path temporarySecret = Files.createTempFile(dir, "signing", ".part");
        Files.writeString(temporarySecret, new String(password));
        for (Path file : new Path[] {temporary, temporarySecret}) {
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the platform's own defaults apply
            }
        }
        Files.move(temporarySecret, secret, StandardCopyOption.ATOMIC_MOVE);
        Files.move(temporary, store, StandardCopyOption.ATOMIC_MOVE);
    }

    static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
