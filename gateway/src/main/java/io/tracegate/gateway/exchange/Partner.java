package io.tracegate.gateway.exchange;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * A trading partner: who it is (AS2 name, GLNs, certificates), where and how we send to it, and the interop
 * switches its AS2 product needs. As listed by {@code GET /partners}.
 *
 * @param url            its AS2 endpoint, or its HTTPS endpoint for {@code https} transport
 * @param transport      {@code as2}, or {@code https}: documents posted as they are, with our client certificate
 * @param certificates   its certificates (two during a rotation): its signatures verify against any of them,
 *                       messages to it are encrypted for each valid one, and its client certificate on the
 *                       mutual-TLS connector must be one of them
 * @param signing        digest of our signatures to it and of the MIC we ask it for
 * @param encryption     content cipher of our messages to it
 * @param compression    whether our messages to it are ZLIB-compressed (after signing)
 * @param mdn            the receipt we ask it for
 * @param documentForm   the EPCIS form it takes: {@code 1.2-xml-R1.2}, {@code 1.2-xml-R1.3}, {@code 2.0-xml},
 *                       {@code 2.0-jsonld}
 * @param asyncMdnHosts  hosts our asynchronous MDNs to it may be posted to (a Receipt-Delivery-Option naming
 *                       another host gets its MDN in the HTTP response instead)
 */
public record Partner(long id, String name, String as2Id, URI url, String transport, List<String> glns,
        List<PartnerCertificate> certificates, String signing, String encryption, boolean compression,
        MdnOptions mdn, String documentForm, List<String> asyncMdnHosts, InteropSwitches interop,
        Instant createdAt, Instant updatedAt) {

    public Partner {
        glns = List.copyOf(glns);
        certificates = List.copyOf(certificates);
        asyncMdnHosts = List.copyOf(asyncMdnHosts);
    }

    /**
     * The receipt asked for.
     *
     * @param signed whether the MDN must be signed
     * @param async  whether it comes back in a separate request rather than in the HTTP response
     * @param url    where an asynchronous MDN is to be posted; {@code <tracegate.exchange.public-url>/as2/mdn}
     *               when null
     */
    public record MdnOptions(boolean signed, boolean async, URI url) {
    }

    /**
     * Where AS2 products differ (OpenAS2's "Partner AS2 Compatibility Settings").
     *
     * @param micOverHeaders         the MIC of a signed or encrypted message covers the MIME headers of the signed
     *                               part (RFC 4130); false: the content only, as some products compute it
     * @param micCanonicalization    line endings of a received non-binary part are made CRLF before its MIC is
     *                               computed; false for products that hash the octets as sent (Mendelson, Amazon)
     * @param oldDigestNames         write {@code sha256} instead of {@code sha-256} in micalg and MICs (older
     *                               Seeburger)
     * @param cmsAlgorithmProtection include RFC 6211's CMS algorithm protection attribute in our signatures; false
     *                               for IBM Sterling and DataPower
     * @param chunked                send with chunked transfer encoding instead of Content-Length
     * @param transferEncoding       {@code binary} (default, recommended) or {@code base64} for the parts we write
     */
    public record InteropSwitches(boolean micOverHeaders, boolean micCanonicalization, boolean oldDigestNames,
            boolean cmsAlgorithmProtection, boolean chunked, String transferEncoding) {

        static final InteropSwitches DEFAULTS = new InteropSwitches(true, true, false, true, false, "binary");
    }

    @JsonIgnore
    boolean isAs2() {
        return transport.equals("as2");
    }

    @JsonIgnore
    MicAlgorithm signingAlgorithm() {
        return MicAlgorithm.setting(signing);
    }

    @JsonIgnore
    EncryptionAlgorithm encryptionAlgorithm() {
        return EncryptionAlgorithm.setting(encryption);
    }

    /** Its certificates valid at {@code now}. */
    @JsonIgnore
    List<X509Certificate> validCertificates(Instant now) {
        return certificates.stream().filter(c -> c.validAt(now)).map(PartnerCertificate::x509).toList();
    }

    /** All its certificates, valid or not: a signature by an expired one is reported as such, not as unknown. */
    @JsonIgnore
    List<X509Certificate> x509Certificates() {
        return certificates.stream().map(PartnerCertificate::x509).toList();
    }
}
