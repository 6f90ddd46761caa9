package io.tracegate.gateway.exchange;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** The MIME entities this gateway writes: leaf parts, multipart/signed and application/pkcs7-mime wrappers. */
final class MimeBuilder {

    private MimeBuilder() {
    }

    /** A leaf entity whose content is written in {@code binary} or {@code base64} (76-character CRLF lines). */
    static MimeEntity part(String contentType, String transferEncoding, String fileName, byte[] content) {
        List<MimeEntity.Header> headers = fileName == null
                ? List.of(new MimeEntity.Header("Content-Type", contentType),
                        new MimeEntity.Header("Content-Transfer-Encoding", transferEncoding))
                : List.of(new MimeEntity.Header("Content-Type", contentType),
                        new MimeEntity.Header("Content-Transfer-Encoding", transferEncoding),
                        new MimeEntity.Header("Content-Disposition", "attachment; filename=\"" + fileName + "\""));
        byte[] body = transferEncoding.equals("base64") ? base64(content) : content;
        return MimeEntity.parse(MimeEntity.write(headers, body));
    }

    /**
     * {@code multipart/signed}: the content entity exactly as given, then its detached CMS signature.
     *
     * @param digest      also named in {@code micalg}, in the spelling {@code oldNames} chooses
     */
    static MimeEntity signed(MimeEntity content, PrivateKey key, X509Certificate certificate, MicAlgorithm digest,
            Partner.InteropSwitches interop) {
        byte[] signature = Smime.sign(content.bytes(), key, certificate, digest, interop.cmsAlgorithmProtection());
        MimeEntity signaturePart = part("application/pkcs7-signature; name=smime.p7s; smime-type=signed-data",
                "base64", "smime.p7s", signature);
        String boundary = boundary();
        ByteArrayOutputStream body = new ByteArrayOutputStream(content.bytes().length + signature.length * 2);
        ascii(body, "--" + boundary + "\r\n");
        body.writeBytes(content.bytes());
        ascii(body, "\r\n--" + boundary + "\r\n");
        body.writeBytes(signaturePart.bytes());
        ascii(body, "\r\n--" + boundary + "--\r\n");
        return MimeEntity.parse(MimeEntity.write(List.of(new MimeEntity.Header("Content-Type",
                "multipart/signed; protocol=\"application/pkcs7-signature\"; micalg="
                        + digest.as2Name(interop.oldDigestNames()) + "; boundary=\"" + boundary + "\"")),
                body.toByteArray()));
    }

    /** {@code application/pkcs7-mime} of the given S/MIME type holding DER. */
    static MimeEntity pkcs7(String smimeType, String fileName, byte[] der, String transferEncoding) {
        return part("application/pkcs7-mime; smime-type=" + smimeType + "; name=\"" + fileName + "\"",
                transferEncoding, fileName, der);
    }

    /** A multipart body of the given parts, as an entity of this multipart type. */
    static MimeEntity multipart(String type, List<MimeEntity> parts) {
        String boundary = boundary();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (MimeEntity part : parts) {
            ascii(body, "--" + boundary + "\r\n");
            body.writeBytes(part.bytes());
            ascii(body, "\r\n");
        }
        ascii(body, "--" + boundary + "--\r\n");
        return MimeEntity.parse(MimeEntity.write(List.of(new MimeEntity.Header("Content-Type",
                type + "; boundary=\"" + boundary + "\"")), body.toByteArray()));
    }

    static String boundary() {
        return "----=_Part_" + UUID.randomUUID().toString().replace("-", "");
    }

    private static byte[] base64(byte[] content) {
        return Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encode(content);
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }
}
