package io.tracegate.gateway.exchange;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;

/**
 * The digests AS2 signs and reports MICs with. Partners spell them two ways: RFC 5751's {@code sha-256} and RFC
 * 3851's {@code sha256} (older products, e.g. older Seeburger, need the latter); both are read, compared ignoring
 * {@code -} and case, and the partner's {@code oldDigestNames} switch chooses which one is written.
 */
enum MicAlgorithm {
    SHA1("sha1", "sha-1", "SHA-1", "SHA1", OIWObjectIdentifiers.idSHA1),
    SHA256("sha256", "sha-256", "SHA-256", "SHA256", NISTObjectIdentifiers.id_sha256),
    SHA384("sha384", "sha-384", "SHA-384", "SHA384", NISTObjectIdentifiers.id_sha384),
    SHA512("sha512", "sha-512", "SHA-512", "SHA512", NISTObjectIdentifiers.id_sha512);

    private final String setting;
    private final String rfc5751;
    private final String jdk;
    private final String signaturePrefix;
    private final ASN1ObjectIdentifier oid;

    MicAlgorithm(String setting, String rfc5751, String jdk, String signaturePrefix, ASN1ObjectIdentifier oid) {
        this.setting = setting;
        this.rfc5751 = rfc5751;
        this.jdk = jdk;
        this.signaturePrefix = signaturePrefix;
        this.oid = oid;
    }

    /** Either spelling, any case; empty for anything else (md5, sha3-256, ...). */
    static Optional<MicAlgorithm> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String key = name.strip().replace("-", "").toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(a -> a.setting.equals(key)).findFirst();
    }

    /** A partner's {@code signing} setting: {@code sha256} and the others, either spelling. */
    static MicAlgorithm setting(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown signing algorithm '" + name
                + "' (one of " + Arrays.stream(values()).map(a -> a.setting).collect(Collectors.joining(", "))
                + ")"));
    }

    static Optional<MicAlgorithm> forOid(ASN1ObjectIdentifier oid) {
        return Arrays.stream(values()).filter(a -> a.oid.equals(oid)).findFirst();
    }

    /** The name in settings and JSON: {@code sha256}. */
    String setting() {
        return setting;
    }

    /** The name written in {@code micalg}, {@code signed-receipt-micalg} and MICs. */
    String as2Name(boolean oldNames) {
        return oldNames ? setting : rfc5751;
    }

    ASN1ObjectIdentifier oid() {
        return oid;
    }

    /** The JCA signature algorithm for a key of this algorithm ({@code RSA}, {@code EC}). */
    String signatureAlgorithm(String keyAlgorithm) {
        return signaturePrefix + "with" + (keyAlgorithm.equals("EC") ? "ECDSA" : keyAlgorithm);
    }

    byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance(jdk).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has " + jdk, e);
        }
    }
}
