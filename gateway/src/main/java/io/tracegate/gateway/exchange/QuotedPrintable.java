package io.tracegate.gateway.exchange;

import java.io.ByteArrayOutputStream;

/** Decodes the quoted-printable transfer encoding (RFC 2045 6.7): {@code =XX} octets and soft line breaks. */
final class QuotedPrintable {

    private QuotedPrintable() {
    }

    static byte[] decode(byte[] encoded) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length);
        for (int i = 0; i < encoded.length; i++) {
            byte b = encoded[i];
            if (b != '=') {
                out.write(b);
            } else if (i + 1 < encoded.length && (encoded[i + 1] == '\r' || encoded[i + 1] == '\n')) {
                i += encoded[i + 1] == '\r' && i + 2 < encoded.length && encoded[i + 2] == '\n' ? 2 : 1;
            } else if (i + 2 < encoded.length && hex(encoded[i + 1]) >= 0 && hex(encoded[i + 2]) >= 0) {
                out.write(hex(encoded[i + 1]) * 16 + hex(encoded[i + 2]));
                i += 2;
            } else {
                throw new MessageFormatException("quoted-printable body: '=' at offset " + i
                        + " is followed neither by two hex digits nor by a line break");
            }
        }
        return out.toByteArray();
    }

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }
}
