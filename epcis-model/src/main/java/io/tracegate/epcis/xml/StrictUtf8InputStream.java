package io.tracegate.epcis.xml;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes bytes through and fails on the first one that is not well-formed UTF-8 (RFC 3629): a stray continuation
 * byte, a truncated sequence, an overlong encoding ({@code C0 AF} for {@code /}), an encoded surrogate or a code
 * point above U+10FFFF. Jackson and Woodstox both decode overlong sequences to the character they stand for, so
 * without this check {@code C0 AF} would be stored as {@code /}; the JDK's strict decoder would need a character
 * stream, which costs Woodstox its handling of the encoding an XML declaration names. A small state machine over the
 * bytes is the cheapest exact check (ASCII passes in one comparison per byte).
 */
public final class StrictUtf8InputStream extends FilterInputStream {

    private long offset;
    /** Continuation bytes still expected in the current sequence. */
    private int pending;
    /** Allowed range of the next continuation byte (the first one's is narrower after E0, ED, F0, F4). */
    private int low = 0x80;
    private int high = 0xBF;

    public StrictUtf8InputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            atEnd();
        } else {
            check(b);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n < 0) {
            atEnd();
        }
        for (int i = off; i < off + n; i++) {
            byte b = buf[i];
            if (b >= 0 && pending == 0) {
                offset++;
            } else {
                check(b & 0xFF);
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] discard = new byte[(int) Math.min(n, 8192)];
        int read = read(discard, 0, discard.length);
        return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
        return false;     // a reset would check bytes twice
    }

    private void check(int b) throws IOException {
        if (pending > 0) {
            if (b < low || b > high) {
                throw invalid(b, "is not the continuation byte its sequence needs (an overlong encoding, a "
                        + "surrogate or a truncated sequence)");
            }
            pending--;
            low = 0x80;
            high = 0xBF;
        } else if (b >= 0x80) {
            if (b >= 0xC2 && b <= 0xDF) {
                pending = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                pending = 2;
                low = b == 0xE0 ? 0xA0 : 0x80;     // E0 80..9F: overlong
                high = b == 0xED ? 0x9F : 0xBF;    // ED A0..BF: a surrogate
            } else if (b >= 0xF0 && b <= 0xF4) {
                pending = 3;
                low = b == 0xF0 ? 0x90 : 0x80;     // F0 80..8F: overlong
                high = b == 0xF4 ? 0x8F : 0xBF;    // F4 90..: above U+10FFFF
            } else {
                throw invalid(b, b < 0xC0 ? "is a continuation byte without a lead byte"
                        : "never occurs in UTF-8 (C0, C1: overlong; F5 to FF: beyond Unicode)");
            }
        }
        offset++;
    }

    private void atEnd() throws IOException {
        if (pending > 0) {
            throw new IOException("invalid UTF-8: the document ends inside a multi-byte sequence");
        }
    }

    private IOException invalid(int b, String why) {
        return new IOException(String.format("invalid UTF-8 at byte %d: 0x%02X %s", offset, b, why));
    }
}
