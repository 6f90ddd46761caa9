package io.tracegate.gateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The AS2 codec without a gateway: every signing digest and cipher the partner settings offer, with and without
 * compression and in both transfer encodings, composed by one side and opened by the other; the MIC rules of RFC
 * 4130 7.3.1 computed over exactly the bytes they name; and each refusal with its disposition.
 */
class As2CodecTest {

    private static final TestParties.Party SENDER = TestParties.party("SENDER");
    private static final TestParties.Party RECEIVER = TestParties.party("RECEIVER");
    private static final byte[] DOCUMENT = ("<?xml version=\"1.0\"?>\n<epcis:EPCISDocument>\n  <line/>\n"
            + "</epcis:EPCISDocument>\n").getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest(name = "{0} + {1}, compressed {2}, {3}")
    @CsvSource({
            "sha256, aes256-cbc, true, binary",
            "sha256, aes128-cbc, false, binary",
            "sha1, aes192-cbc, true, base64",
            "sha384, aes128-gcm, false, binary",
            "sha512, aes256-gcm, true, base64",
            "sha256, 3des, true, binary",
            "sha256, none, false, base64",
            "sha256, none, true, binary"})
    void everyAlgorithmRoundTripsAndTheReceiverComputesTheSendersMic(String signing, String encryption,
            boolean compression, String transferEncoding) {
        Partner.InteropSwitches interop = new Partner.InteropSwitches(true, true, false, true, false,
                transferEncoding);
        Partner receiverAsSeenBySender = TestParties.partner(RECEIVER, signing, encryption, compression, interop);
        OutboundComposer.Composed message = compose(receiverAsSeenBySender);

        InboundUnwrapper unwrapper = unwrapper(List.of(SENDER.certificate()), interop);
        MimeEntity payload = unwrapper.unwrap(MimeEntity.of(message.headers(), message.body()));

        assertThat(payload.content()).isEqualTo(DOCUMENT);
        assertThat(payload.contentType().mediaType()).isEqualTo("application/xml");
        assertThat(unwrapper.encrypted()).isEqualTo(!encryption.equals("none"));
        assertThat(unwrapper.compressed()).isEqualTo(compression);
        assertThat(unwrapper.signatureDigest()).contains(MicAlgorithm.setting(signing));
        assertThat(unwrapper.mic(MicAlgorithm.setting(signing))).contains(message.mic());
        String contentType = header(message, "Content-Type");
        if (!encryption.equals("none")) {
            assertThat(contentType).contains(encryption.endsWith("gcm") ? "smime-type=authEnveloped-data"
                    : "smime-type=enveloped-data");
        }
    }

    @Test
    void theMicOfASignedMessageCoversTheSignedPartWithItsHeaders() {
        MimeEntity part = MimeBuilder.part("application/xml", "binary", "epcis.xml", DOCUMENT);
        OutboundComposer.Composed message = compose(TestParties.partner(RECEIVER, "sha256", "none", false,
                Partner.InteropSwitches.DEFAULTS));
        String expected = Base64.getEncoder().encodeToString(MicAlgorithm.SHA256.digest(part.bytes()));
        assertThat(message.mic().digest()).isEqualTo(expected);
        assertThat(new String(part.bytes(), StandardCharsets.US_ASCII))
                .startsWith("Content-Type: application/xml\r\nContent-Transfer-Encoding: binary\r\n");
    }

    @Test
    void micOverHeadersOffCoversTheContentOnly() {
        Partner.InteropSwitches contentOnly = new Partner.InteropSwitches(false, true, false, true, false, "binary");
        OutboundComposer.Composed message = compose(TestParties.partner(RECEIVER, "sha256", "aes256-cbc", false,
                contentOnly));
        assertThat(message.mic()).isEqualTo(Mic.of(DOCUMENT, MicAlgorithm.SHA256));
        InboundUnwrapper unwrapper = unwrapper(List.of(SENDER.certificate()), contentOnly);
        unwrapper.unwrap(MimeEntity.of(message.headers(), message.body()));
        assertThat(unwrapper.mic(MicAlgorithm.SHA256)).contains(Mic.of(DOCUMENT, MicAlgorithm.SHA256));
    }

    /**
     * A base64 part whose lines a relay turned into bare LFs: the signature (over CRLF lines) still verifies after
     * canonicalisation, and the MIC is over the canonical form unless the partner's switch says otherwise.
     */
    @Test
    void aNonBinaryPartIsCanonicalisedForSignatureAndMic() {
        MimeEntity part = MimeBuilder.part("application/xml", "base64", "epcis.xml", DOCUMENT);
        MimeEntity signed = MimeBuilder.signed(part, SENDER.keys().getPrivate(), SENDER.certificate(),
                MicAlgorithm.SHA256, Partner.InteropSwitches.DEFAULTS);
        byte[] bareLf = new String(signed.body(), StandardCharsets.ISO_8859_1).replace("\r\n", "\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        MimeEntity received = MimeEntity.of(List.of(new MimeEntity.Header("Content-Type",
                signed.header("Content-Type"))), bareLf);

        InboundUnwrapper canonical = unwrapper(List.of(SENDER.certificate()), Partner.InteropSwitches.DEFAULTS);
        assertThat(canonical.unwrap(received).content()).isEqualTo(DOCUMENT);
        assertThat(canonical.mic(MicAlgorithm.SHA256)).contains(Mic.of(part.bytes(), MicAlgorithm.SHA256));

        Partner.InteropSwitches raw = new Partner.InteropSwitches(true, false, false, true, false, "binary");
        InboundUnwrapper asSent = unwrapper(List.of(SENDER.certificate()), raw);
        asSent.unwrap(received);
        byte[] lfPart = new String(part.bytes(), StandardCharsets.ISO_8859_1).replace("\r\n", "\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(asSent.mic(MicAlgorithm.SHA256)).contains(Mic.of(lfPart, MicAlgorithm.SHA256));
    }

    @Test
    void anEncryptedUnsignedMessageHasItsMicOverTheDecryptedEntityAndIsRefusedAsUnauthenticated() {
        MimeEntity part = MimeBuilder.part("application/xml", "binary", "epcis.xml", DOCUMENT);
        MimeEntity encrypted = MimeBuilder.pkcs7("enveloped-data", "smime.p7m", Smime.encrypt(part.bytes(),
                List.of(RECEIVER.certificate()), EncryptionAlgorithm.AES256_CBC), "binary");
        InboundUnwrapper unwrapper = unwrapper(List.of(SENDER.certificate()), Partner.InteropSwitches.DEFAULTS);
        assertThatThrownBy(() -> unwrapper.unwrap(encrypted))
                .isInstanceOfSatisfying(DispositionException.class, e -> assertThat(e.error())
                        .isEqualTo(Disposition.Error.AUTHENTICATION_FAILED));
        assertThat(unwrapper.mic(MicAlgorithm.SHA256)).contains(Mic.of(part.bytes(), MicAlgorithm.SHA256));
    }

    @Test
    void aPlainUnsignedMessageHasItsMicOverTheContentWithoutHeaders() {
        MimeEntity plain = MimeBuilder.part("application/xml", "base64", null, DOCUMENT);
        InboundUnwrapper unwrapper = unwrapper(List.of(SENDER.certificate()), Partner.InteropSwitches.DEFAULTS);
        assertThatThrownBy(() -> unwrapper.unwrap(plain)).isInstanceOf(DispositionException.class);
        assertThat(unwrapper.mic(MicAlgorithm.SHA1)).contains(Mic.of(DOCUMENT, MicAlgorithm.SHA1));
    }

    @Test
    void aTamperedSignedPartFailsTheIntegrityCheck() {
        MimeEntity part = MimeBuilder.part("application/xml", "binary", "epcis.xml", DOCUMENT);
        MimeEntity signed = MimeBuilder.signed(part, SENDER.keys().getPrivate(), SENDER.certificate(),
                MicAlgorithm.SHA256, Partner.InteropSwitches.DEFAULTS);
        byte[] body = signed.body();
        String text = new String(body, StandardCharsets.ISO_8859_1).replace("<line/>", "<lime/>");
        MimeEntity tampered = MimeEntity.of(List.of(new MimeEntity.Header("Content-Type",
                signed.header("Content-Type"))), text.getBytes(StandardCharsets.ISO_8859_1));
        assertRefused(tampered, List.of(SENDER.certificate()), Disposition.Error.INTEGRITY_CHECK_FAILED);
    }

    @Test
    void aSignatureByAnUnregisteredCertificateFailsAuthentication() {
        OutboundComposer.Composed message = compose(TestParties.partner(RECEIVER, "sha256", "aes256-cbc", true,
                Partner.InteropSwitches.DEFAULTS));
        assertRefused(MimeEntity.of(message.headers(), message.body()),
                List.of(TestParties.party("SOMEONE-ELSE").certificate()), Disposition.Error.AUTHENTICATION_FAILED);
    }

    @Test
    void aMessageEncryptedForAnotherCertificateFailsDecryption() {
        TestParties.Party other = TestParties.party("OTHER");
        OutboundComposer.Composed message = compose(TestParties.partner(other, "sha256", "aes256-cbc", false,
                Partner.InteropSwitches.DEFAULTS));
        assertRefused(MimeEntity.of(message.headers(), message.body()), List.of(SENDER.certificate()),
                Disposition.Error.DECRYPTION_FAILED);
    }

    @Test
    void aRotationEncryptsForBothCertificatesAndEitherKeyDecrypts() {
        TestParties.Party successor = TestParties.party("RECEIVER");
        Instant now = Instant.now();
        Partner rotating = new Partner(1, "r", "RECEIVER", URI.create("http://localhost:1/as2"), "as2", List.of(),
                List.of(PartnerCertificate.of(RECEIVER.certificate(), now),
                        PartnerCertificate.of(successor.certificate(), now)), "sha256", "aes256-cbc", false,
                new Partner.MdnOptions(true, false, null), "2.0-jsonld", List.of(), Partner.InteropSwitches.DEFAULTS,
                now, now);
        OutboundComposer.Composed message = compose(rotating);
        InboundUnwrapper bySuccessor = new InboundUnwrapper(successor.keys().getPrivate(), successor.certificate(),
                List.of(SENDER.certificate()), Partner.InteropSwitches.DEFAULTS, 1 << 20, Instant.now());
        assertThat(bySuccessor.unwrap(MimeEntity.of(message.headers(), message.body())).content())
                .isEqualTo(DOCUMENT);
    }

    @Test
    void theCmsAlgorithmProtectionAttributeIsLeftOutWhenThePartnerCannotTakeIt() throws Exception {
        for (boolean protection : new boolean[] {true, false}) {
            byte[] signature = Smime.sign(DOCUMENT, SENDER.keys().getPrivate(), SENDER.certificate(),
                    MicAlgorithm.SHA256, protection);
            SignerInformation signer = new CMSSignedData(new CMSProcessableByteArray(DOCUMENT), signature)
                    .getSignerInfos().getSigners().iterator().next();
            assertThat(signer.getSignedAttributes().get(CMSAttributes.cmsAlgorithmProtect) != null)
                    .as("algorithm protection " + protection).isEqualTo(protection);
        }
    }

    @Test
    void micalgIsWrittenInTheSpellingThePartnerNeedsAndReadInEither() {
        Partner.InteropSwitches old = new Partner.InteropSwitches(true, true, true, true, false, "binary");
        OutboundComposer.Composed message = compose(TestParties.partner(RECEIVER, "sha256", "none", false, old));
        assertThat(header(message, "Content-Type")).contains("micalg=sha256;");
        assertThat(header(message, "Disposition-Notification-Options")).endsWith("optional, sha256");
        OutboundComposer.Composed modern = compose(TestParties.partner(RECEIVER, "sha256", "none", false,
                Partner.InteropSwitches.DEFAULTS));
        assertThat(header(modern, "Content-Type")).contains("micalg=sha-256;");

        assertThat(MicAlgorithm.find("SHA-256")).contains(MicAlgorithm.SHA256);
        assertThat(MicAlgorithm.find("sha256")).contains(MicAlgorithm.SHA256);
        assertThat(MicAlgorithm.find("sha1")).contains(MicAlgorithm.SHA1);
        assertThat(MicAlgorithm.find("md5")).isEmpty();
        assertThat(Mic.parse("7v7F++fQaNB1sVLFtMRp+dF+eG4=, sha1"))
                .isEqualTo(Mic.parse("7v7F++fQaNB1sVLFtMRp+dF+eG4=,SHA-1"));
        assertThat(new Mic("abc=", MicAlgorithm.SHA384).format(true)).isEqualTo("abc=, sha384");
    }

    @Test
    void aSignedMdnReadsBackWithItsDispositionAndMic() {
        Mic mic = Mic.of(DOCUMENT, MicAlgorithm.SHA256);
        for (Disposition disposition : List.of(Disposition.processed(),
                Disposition.error(Disposition.Error.INTEGRITY_CHECK_FAILED))) {
            Mdns.Composed mdn = Mdns.compose(RECEIVER.keys().getPrivate(), RECEIVER.certificate(), "RECEIVER",
                    "SENDER", "<m1@SENDER>", disposition, Optional.of(mic), "text", Optional.of(MicAlgorithm.SHA256),
                    Partner.InteropSwitches.DEFAULTS, "<mdn1@RECEIVER>", Instant.now());
            Mdns.Received read = Mdns.read(MimeEntity.of(mdn.headers(), mdn.body()),
                    List.of(RECEIVER.certificate()));
            assertThat(read.originalMessageId()).isEqualTo("<m1@SENDER>");
            assertThat(read.disposition().isProcessed()).isEqualTo(disposition.equals(Disposition.processed()));
            assertThat(read.mic()).isEqualTo(mic);
            assertThat(read.signed()).isTrue();
            assertThat(read.verified()).isTrue();
            Mdns.Received byStranger = Mdns.read(MimeEntity.of(mdn.headers(), mdn.body()),
                    List.of(SENDER.certificate()));
            assertThat(byStranger.verified()).isFalse();
            assertThat(byStranger.signature()).contains("not registered");
        }
        assertThat(new Disposition("automatic-action/MDN-sent-automatically; processed/error: decryption-failed")
                .isProcessed()).isFalse();
        assertThat(new Disposition("automatic-action/MDN-sent-automatically;processed").isProcessed()).isTrue();
        assertThat(new Disposition("automatic-action/MDN-sent-automatically; processed/Warning: duplicate")
                .isProcessed()).isFalse();
    }

    @Test
    void foldedHeadersAndBareLfLineEndingsAreRead() {
        byte[] entity = ("Content-Type: multipart/signed;\n\tprotocol=\"application/pkcs7-signature\";\n"
                + "  micalg=sha-256; boundary=\"b1\"\nX-Other: a\n\nPreamble\n--b1\nContent-Type: text/plain\n\none\n"
                + "--b1x is not a delimiter\n--b1\nContent-Type: text/plain\nContent-Transfer-Encoding:"
                + " quoted-printable\n\ntw=\no=3D2\n--b1--\nEpilogue\n").getBytes(StandardCharsets.US_ASCII);
        MimeEntity parsed = MimeEntity.parse(entity);
        ContentType type = parsed.contentType();
        assertThat(type.mediaType()).isEqualTo("multipart/signed");
        assertThat(type.parameter("micalg")).isEqualTo("sha-256");
        assertThat(type.parameter("protocol")).isEqualTo("application/pkcs7-signature");
        List<MimeEntity> parts = parsed.parts();
        assertThat(parts).hasSize(2);
        assertThat(new String(parts.get(0).content(), StandardCharsets.US_ASCII))
                .isEqualTo("one\n--b1x is not a delimiter");
        assertThat(new String(parts.get(1).content(), StandardCharsets.US_ASCII)).isEqualTo("two=2");
    }

    @Test
    void compressionBombsAreRefused() {
        byte[] zeros = new byte[10 << 20];
        MimeEntity part = MimeBuilder.part("application/xml", "binary", null, zeros);
        MimeEntity compressed = MimeBuilder.pkcs7("compressed-data", "smime.p7z", Smime.compress(part.bytes()),
                "binary");
        InboundUnwrapper unwrapper = new InboundUnwrapper(RECEIVER.keys().getPrivate(), RECEIVER.certificate(),
                List.of(SENDER.certificate()), Partner.InteropSwitches.DEFAULTS, 1 << 20, Instant.now());
        assertThatThrownBy(() -> unwrapper.unwrap(compressed)).isInstanceOfSatisfying(DispositionException.class,
                e -> assertThat(e.error()).isEqualTo(Disposition.Error.DECOMPRESSION_FAILED));
    }

    private static void assertRefused(MimeEntity message, List<java.security.cert.X509Certificate> trusted,
            Disposition.Error error) {
        InboundUnwrapper unwrapper = unwrapper(trusted, Partner.InteropSwitches.DEFAULTS);
        assertThatThrownBy(() -> unwrapper.unwrap(message)).isInstanceOfSatisfying(DispositionException.class,
                e -> assertThat(e.error()).as(e.getMessage()).isEqualTo(error));
    }

    private static InboundUnwrapper unwrapper(List<java.security.cert.X509Certificate> trusted,
            Partner.InteropSwitches interop) {
        return new InboundUnwrapper(RECEIVER.keys().getPrivate(), RECEIVER.certificate(), trusted, interop,
                64 << 20, Instant.now());
    }

    private static OutboundComposer.Composed compose(Partner receiver) {
        return OutboundComposer.compose(SENDER.keys().getPrivate(), SENDER.certificate(), "SENDER", receiver,
                "<m@SENDER>", DOCUMENT, "application/xml", URI.create("http://localhost:2/as2"), null,
                Instant.now());
    }

    private static String header(OutboundComposer.Composed message, String name) {
        return message.headers().stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow().value();
    }
}
