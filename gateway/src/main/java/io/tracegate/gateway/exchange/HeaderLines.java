package io.tracegate.gateway.exchange;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** HTTP header fields stored as text, one {@code Name: value} line each (CRLF), and read back. */
final class HeaderLines {

    private HeaderLines() {
    }

    static String format(List<MimeEntity.Header> headers) {
        StringBuilder text = new StringBuilder();
        for (MimeEntity.Header header : headers) {
            text.append(header.name()).append(": ").append(header.value()).append("\r\n");
        }
        return text.toString();
    }

    static List<MimeEntity.Header> parse(String text) {
        return MimeEntity.parse((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1)).headers();
    }
}
