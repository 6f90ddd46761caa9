package io.tracegate.gateway.exchange;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A MIME entity kept as the octets it arrived in: its header fields (unfolded) and its body.
 *
 * <p>Why our own parser rather than Jakarta Mail: a signature and the {@code Received-content-MIC} cover the exact
 * octets of the signed part, headers included. Jakarta Mail re-serialises headers (unfolds, re-orders, re-encodes)
 * and converts line endings when it writes a part back out, which is the classic source of "MIC IS NOT MATCHED"
 * between AS2 products; here a part's bytes are sliced out of the message, never rebuilt.
 */
final class MimeEntity {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final Set<String> TRANSFER_ENCODINGS = Set.of("binary", "8bit", "7bit", "base64",
            "quoted-printable");

    /** A header field; the value is unfolded and stripped. */
    record Header(String name, String value) {
    }

    private final byte[] bytes;
    private final List<Header> headers;
    private final int bodyStart;

    private MimeEntity(byte[] bytes, List<Header> headers, int bodyStart) {
        this.bytes = bytes;
        this.headers = List.copyOf(headers);
        this.bodyStart = bodyStart;
    }

    /**
     * Reads an entity: its header block (lines ending in CRLF or a bare LF; a line starting with a space or tab
     * continues the previous field), an empty line, the body. Leading empty lines are skipped, as some products
     * emit them before a decrypted entity.
     */
    static MimeEntity parse(byte[] octets) {
        int start = 0;
        while (start < octets.length && (octets[start] == '\r' || octets[start] == '\n')) {
            start++;
        }
        byte[] bytes = start == 0 ? octets : Arrays.copyOfRange(octets, start, octets.length);
        List<Header> headers = new ArrayList<>();
        int i = 0;
        StringBuilder field = null;
        while (true) {
            int end = indexOf(bytes, (byte) '\n', i);
            if (end < 0) {
                throw new MessageFormatException("a MIME entity's header block does not end with an empty line");
            }
            int lineEnd = end > i && bytes[end - 1] == '\r' ? end - 1 : end;
            String line = new String(bytes, i, lineEnd - i, StandardCharsets.ISO_8859_1);
            i = end + 1;
            if (line.isEmpty()) {
                break;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && field != null) {
                field.append(line); // folded: the line break goes, the whitespace stays
                continue;
            }
            addField(headers, field);
            field = new StringBuilder(line);
        }
        addField(headers, field);
        return new MimeEntity(bytes, headers, i);
    }

    /** An entity from HTTP header fields (already unfolded by the server) and a body. */
    static MimeEntity of(List<Header> headers, byte[] body) {
        return new MimeEntity(write(headers, body), headers, write(headers, new byte[0]).length);
    }

    /** The octets of an entity: each field on its line, an empty line, the body. */
    static byte[] write(List<Header> headers, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 256);
        for (Header header : headers) {
            out.writeBytes((header.name() + ": " + header.value()).getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(CRLF);
        }
        out.writeBytes(CRLF);
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static void addField(List<Header> headers, StringBuilder field) {
        if (field == null) {
            return;
        }
        int colon = field.indexOf(":");
        if (colon <= 0) {
            throw new MessageFormatException("the MIME header line '" + field + "' has no field name");
        }
        headers.add(new Header(field.substring(0, colon).strip(), field.substring(colon + 1).strip()));
    }

    List<Header> headers() {
        return headers;
    }

    /** The first value of a header field (names compare case-insensitively), or null. */
    String header(String name) {
        for (Header header : headers) {
            if (header.name().equalsIgnoreCase(name)) {
                return header.value();
            }
        }
        return null;
    }

    /** Its Content-Type; {@code text/plain} when absent, as MIME says. */
    ContentType contentType() {
        String value = header("Content-Type");
        return value == null ? ContentType.of("text/plain") : ContentType.parse(value);
    }

    /**
     * Its Content-Transfer-Encoding in lower case; {@code 7bit} when absent. Some AS2 products (Apache Camel) put the
     * transfer encoding of the message in the HTTP header {@code Content-Encoding} instead: a MIME transfer encoding
     * there counts too.
     */
    String transferEncoding() {
        String value = header("Content-Transfer-Encoding");
        if (value == null) {
            String encoding = header("Content-Encoding");
            value = encoding != null && TRANSFER_ENCODINGS.contains(encoding.strip().toLowerCase(Locale.ROOT))
                    ? encoding : "7bit";
        }
        return value.strip().toLowerCase(Locale.ROOT);
    }

    /** Header block and body, exactly as read. */
    byte[] bytes() {
        return bytes;
    }

    /** The body as transmitted (still transfer-encoded). */
    byte[] body() {
        return Arrays.copyOfRange(bytes, bodyStart, bytes.length);
    }

    /** The body decoded from its Content-Transfer-Encoding. */
    byte[] content() {
        byte[] body = body();
        return switch (transferEncoding()) {
            case "binary", "8bit", "7bit" -> body;
            case "base64" -> Base64.getMimeDecoder().decode(body);
            case "quoted-printable" -> QuotedPrintable.decode(body);
            default -> throw new MessageFormatException("unknown Content-Transfer-Encoding '" + transferEncoding()
                    + "' (binary, 8bit, 7bit, base64 or quoted-printable)");
        };
    }

    /**
     * The bytes a signature over this part covers, in the S/MIME canonical form: line endings CRLF, except under
     * {@code binary} transfer encoding, whose octets are taken as they are.
     */
    byte[] canonicalBytes() {
        return transferEncoding().equals("binary") ? bytes : canonical(bytes);
    }

    /** The body parts of a multipart entity, each with its own header block, split on the boundary. */
    List<MimeEntity> parts() {
        ContentType type = contentType();
        String boundary = type.parameter("boundary");
        if (!type.mediaType().startsWith("multipart/") || boundary == null || boundary.isEmpty()) {
            throw new MessageFormatException("a " + type.mediaType() + " entity has no parts (a multipart type with"
                    + " a boundary parameter was expected)");
        }
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<MimeEntity> parts = new ArrayList<>();
        int partStart = -1;
        int i = bodyStart;
        while (true) {
            int at = delimiter(bytes, delimiter, i);
            if (at < 0) {
                throw new MessageFormatException("the multipart body has no closing boundary '--" + boundary + "--'");
            }
            if (partStart >= 0) {
                int partEnd = at;
                if (partEnd > partStart && bytes[partEnd - 1] == '\n') {
                    partEnd--;
                    if (partEnd > partStart && bytes[partEnd - 1] == '\r') {
                        partEnd--;
                    }
                }
                parts.add(parse(Arrays.copyOfRange(bytes, partStart, partEnd)));
            }
            int after = at + delimiter.length;
            if (after + 1 < bytes.length && bytes[after] == '-' && bytes[after + 1] == '-') {
                return parts;
            }
            int lineEnd = indexOf(bytes, (byte) '\n', after);
            if (lineEnd < 0) {
                throw new MessageFormatException("the multipart body ends inside a boundary line");
            }
            partStart = lineEnd + 1;
            i = partStart;
        }
    }

    /** A delimiter line: the boundary at the start of a line, followed by "--", whitespace or the line's end. */
    private static int delimiter(byte[] bytes, byte[] delimiter, int from) {
        for (int at = indexOf(bytes, delimiter, from); at >= 0; at = indexOf(bytes, delimiter, at + 1)) {
            boolean lineStart = at == 0 || bytes[at - 1] == '\n';
            int next = at + delimiter.length;
            boolean ends = next >= bytes.length || bytes[next] == '-' || bytes[next] == '\r' || bytes[next] == '\n'
                    || bytes[next] == ' ' || bytes[next] == '\t';
            if (lineStart && ends) {
                return at;
            }
        }
        return -1;
    }

    /** Bare LF line endings made CRLF. */
    static byte[] canonical(byte[] bytes) {
        ByteArrayOutputStream out = null;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n' && (i == 0 || bytes[i - 1] != '\r')) {
                if (out == null) {
                    out = new ByteArrayOutputStream(bytes.length + 1024);
                    out.write(bytes, 0, i);
                }
                out.write('\r');
            }
            if (out != null) {
                out.write(bytes[i]);
            }
        }
        return out == null ? bytes : out.toByteArray();
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] bytes, byte[] sought, int from) {
        int last = bytes.length - sought.length;
        for (int i = indexOf(bytes, sought[0], from); i >= 0 && i <= last; i = indexOf(bytes, sought[0], i + 1)) {
            if (Arrays.equals(bytes, i, i + sought.length, sought, 0, sought.length)) {
                return i;
            }
        }
        return -1;
    }
}
