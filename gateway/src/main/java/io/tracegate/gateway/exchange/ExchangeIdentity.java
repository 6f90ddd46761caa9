package io.tracegate.gateway.exchange;

import io.tracegate.gateway.config.TracegateProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Our key pair and certificate: AS2 signatures and decryption, MDN signatures, and the TLS key of the mutual-TLS
 * connector and of outbound HTTPS. From {@code tracegate.exchange.keystore} when configured; otherwise a self-signed
 * RSA pair made at first start and kept in {@code <data-dir>/exchange/identity.p12}, whose random password is in
 * {@code identity.password} beside it, both readable by the owner only.
 */
@Component
public class ExchangeIdentity {

    private static final Logger log = LoggerFactory.getLogger(ExchangeIdentity.class);
    private static final Duration GENERATED_VALIDITY = Duration.ofDays(2 * 365);

    private final PrivateKey key;
    private final X509Certificate certificate;
    private final char[] password;
    private final KeyStore keyStore;
    private final String alias;

    ExchangeIdentity(ExchangeProperties properties, TracegateProperties tracegate, Clock clock) {
        if (properties.keystore() != null) {
            char[] secret = properties.keystorePassword() == null ? new char[0]
                    : properties.keystorePassword().toCharArray();
            this.keyStore = load(properties.keystore(), secret);
            this.password = secret;
        } else {
            Path dir = ExchangeProperties.identityDir(tracegate.dataDir());
            Path file = dir.resolve("identity.p12");
            Path secretFile = dir.resolve("identity.password");
            if (!Files.exists(file)) {
                generate(dir, file, secretFile, properties, clock);
            }
            try {
                this.password = Files.readString(secretFile, StandardCharsets.US_ASCII).strip().toCharArray();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + secretFile, e);
            }
            this.keyStore = load(file, password);
        }
        try {
            this.alias = alias(keyStore, properties.keyAlias(), properties.keystore());
            this.key = (PrivateKey) keyStore.getKey(alias, password);
            this.certificate = (X509Certificate) keyStore.getCertificate(alias);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the exchange key from its keystore (wrong password?): "
                    + e.getClass().getSimpleName(), e);
        }
        if (!key.getAlgorithm().equals("RSA")) {
            throw new IllegalStateException("the exchange key must be an RSA key (AS2 key transport), not "
                    + key.getAlgorithm());
        }
        log.info("Exchange identity: AS2 id '{}', certificate {} (SHA-256 {}), valid until {}", properties.as2Id(),
                certificate.getSubjectX500Principal().getName(), fingerprint(certificate),
                certificate.getNotAfter().toInstant());
    }

    PrivateKey key() {
        return key;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The keystore holding our key, for TLS ({@link #password()} opens it). */
    KeyStore keyStore() {
        return keyStore;
    }

    /** The key entry's alias in {@link #keyStore()}. */
    String alias() {
        return alias;
    }

    char[] password() {
        return password.clone();
    }

    /** Our certificate as PEM, for partners to install. */
    public String certificatePem() {
        return Pem.certificate(certificate);
    }

    /** Lower-case hex SHA-256 of a certificate's DER encoding. */
    static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MicAlgorithm.SHA256.digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyStore load(Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (IOException | GeneralSecurityException e) {
            // The password never goes into a message.
            throw new IllegalStateException("cannot open the exchange keystore " + file + " (missing, not PKCS#12, or"
                    + " a wrong tracegate.exchange.keystore-password): " + e.getClass().getSimpleName(), e);
        }
    }

    private static String alias(KeyStore store, String wanted, Path file) throws GeneralSecurityException {
        List<String> keys = new ArrayList<>();
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                keys.add(alias);
            }
        }
        if (wanted != null) {
            if (!keys.contains(wanted)) {
                throw new IllegalStateException("the exchange keystore " + file + " has no key entry '" + wanted
                        + "' (its key entries: " + keys + ")");
            }
            return wanted;
        }
        if (keys.size() != 1) {
            throw new IllegalStateException("the exchange keystore " + file + " has " + keys.size() + " key entries "
                    + keys + ": name one with tracegate.exchange.key-alias");
        }
        return keys.get(0);
    }

    /** A self-signed RSA pair, written with owner-only permissions before it is moved into place. */
    private static void generate(Path dir, Path file, Path secretFile, ExchangeProperties properties, Clock clock) {
        try {
            createPrivateDirectory(dir);
            SecureRandom random = new SecureRandom();
            byte[] secretBytes = new byte[24];
            random.nextBytes(secretBytes);
            char[] secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes).toCharArray();

            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, random);
            KeyPair pair = generator.generateKeyPair();
            X509Certificate certificate = selfSigned(pair, properties, clock.instant(), random);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("exchange", pair.getPrivate(), secret, new Certificate[] {certificate});

            Path temporaryKeystore = ownerOnlyFile(dir, "identity-", ".p12.part");
            try (OutputStream out = Files.newOutputStream(temporaryKeystore)) {
                store.store(out, secret);
            }
            Path temporarySecret = ownerOnlyFile(dir, "identity-", ".password.part");
            Files.writeString(temporarySecret, new String(secret), StandardCharsets.US_ASCII);
            Files.move(temporarySecret, secretFile, StandardCopyOption.ATOMIC_MOVE);
            Files.move(temporaryKeystore, file, StandardCopyOption.ATOMIC_MOVE);
            log.warn("No tracegate.exchange.keystore configured: generated a self-signed exchange key pair in {} "
                    + "(certificate {}, valid until {}); partners install it from GET /exchange/certificate", file,
                    certificate.getSubjectX500Principal().getName(), certificate.getNotAfter().toInstant());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the generated exchange key pair to " + dir, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot generate the exchange key pair: " + e.getMessage(), e);
        }
    }

    private static X509Certificate selfSigned(KeyPair pair, ExchangeProperties properties, Instant now,
            SecureRandom random) throws CertIOException, OperatorCreationException, GeneralSecurityException {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, properties.as2Id())
                .addRDN(BCStyle.O, "Tracegate").build();
        List<GeneralName> names = new ArrayList<>(List.of(new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, InetAddress.getLoopbackAddress().getHostAddress())));
        if (properties.publicUrl() != null && properties.publicUrl().getHost() != null) {
            names.add(new GeneralName(GeneralName.dNSName, properties.publicUrl().getHost()));
        }
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(64, random),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(GENERATED_VALIDITY)), subject,
                pair.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature
                | KeyUsage.keyEncipherment | KeyUsage.dataEncipherment));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_emailProtection}));
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(names.toArray(GeneralName[]::new)));
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        try {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                    "rwx------")));
        } catch (FileAlreadyExistsException exists) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private static Path ownerOnlyFile(Path dir, String prefix, String suffix) throws IOException {
        return Files.createTempFile(dir, prefix, suffix, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
    }
}
