package io.tracegate.gateway.exchange;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cms.CMSAlgorithm;

/**
 * The content ciphers of outgoing messages (a partner's {@code encryption} setting). Incoming messages are decrypted
 * with whatever cipher their CMS structure names. The GCM modes are written as CMS AuthEnvelopedData (RFC 5083),
 * S/MIME type {@code authEnveloped-data}, as RFC 8551 specifies.
 */
enum EncryptionAlgorithm {
    AES128_CBC("aes128-cbc", CMSAlgorithm.AES128_CBC),
    AES192_CBC("aes192-cbc", CMSAlgorithm.AES192_CBC),
    AES256_CBC("aes256-cbc", CMSAlgorithm.AES256_CBC),
    AES128_GCM("aes128-gcm", CMSAlgorithm.AES128_GCM),
    AES256_GCM("aes256-gcm", CMSAlgorithm.AES256_GCM),
    DES_EDE3_CBC("3des", CMSAlgorithm.DES_EDE3_CBC),
    NONE("none", null);

    private final String setting;
    private final ASN1ObjectIdentifier oid;

    EncryptionAlgorithm(String setting, ASN1ObjectIdentifier oid) {
        this.setting = setting;
        this.oid = oid;
    }

    static EncryptionAlgorithm setting(String name) {
        return Arrays.stream(values()).filter(a -> a.setting.equalsIgnoreCase(name.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown encryption algorithm '" + name + "' (one of "
                        + Arrays.stream(values()).map(a -> a.setting).collect(Collectors.joining(", ")) + ")"));
    }

    String setting() {
        return setting;
    }

    ASN1ObjectIdentifier oid() {
        return oid;
    }

    boolean authenticated() {
        return this == AES128_GCM || this == AES256_GCM;
    }
}
