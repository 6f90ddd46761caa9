package io.tracegate.epcis.io;

import io.tracegate.epcis.model.EpcisDocument;
import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.epcis.model.EpcisHeader;
import io.tracegate.epcis.xml.DocumentLimits;
import io.tracegate.epcis.xml.StrictUtf8InputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an EPCIS document event by event, in bounded memory. The header (SBDH, master data, header extensions) is
 * available from {@link #header()} as soon as the reader is open; events are then pulled one at a time.
 *
 * <pre>{@code
 * try (EpcisReader reader = EpcisReader.open(in)) {
 *     EpcisHeader header = reader.header();
 *     while (reader.hasNext()) {
 *         EpcisEvent event = reader.next();
 *     }
 * }
 * }</pre>
 *
 * <p>Besides EPCIS documents, query documents (their events), master data documents (their vocabularies, no
 * events) and single bare events are accepted. Errors are {@link EpcisReadException}s that say where.
 */
public abstract class EpcisReader implements Iterator<EpcisEvent>, AutoCloseable {

    private static final Pattern ENCODING = Pattern.compile("encoding\\s*=\\s*[\"']([^\"']+)[\"']");

    private EpcisEvent pending;
    private boolean finished;
    private int returned;

    /** Opens a document, detecting XML or JSON-LD, with the default limits. */
    public static EpcisReader open(InputStream in) {
        return open(in, DocumentLimits.DEFAULT);
    }

    /** Opens a document, detecting XML (1.2 or 2.0) or JSON-LD, with these limits against hostile input. */
    public static EpcisReader open(InputStream in, DocumentLimits limits) {
        BufferedInputStream buffered = in instanceof BufferedInputStream b ? b : new BufferedInputStream(in, 65536);
        int first = firstSignificantByte(buffered);
        return switch (first) {
            case '<' -> new XmlEpcisReader(declaresUtf8(buffered) ? new StrictUtf8InputStream(buffered) : buffered,
                    limits);
            case 0xFE, 0xFF -> new XmlEpcisReader(buffered, limits);    // a UTF-16 byte order mark
            case '{' -> new JsonLdEpcisReader(new StrictUtf8InputStream(buffered), limits);   // JSON is UTF-8
            case -1 -> throw new EpcisReadException("empty input: not an EPCIS document");
            default -> throw new EpcisReadException("not an EPCIS document: it starts with byte 0x"
                    + Integer.toHexString(first) + ", expected '<' (XML) or '{' (JSON-LD)");
        };
    }

    /**
     * Whether an XML document is UTF-8: it has no XML declaration, or one without an encoding, or one naming UTF-8.
     * Other encodings (ISO-8859-1, say) are left to the XML parser.
     */
    private static boolean declaresUtf8(BufferedInputStream in) {
        try {
            in.mark(1024);
            byte[] start = in.readNBytes(1024);
            in.reset();
            String prologue = new String(start, StandardCharsets.ISO_8859_1).stripLeading();
            if (prologue.startsWith("\u00EF\u00BB\u00BF")) {
                return true;    // a UTF-8 byte order mark
            }
            int end = prologue.indexOf("?>");
            if (!prologue.startsWith("<?xml") || end < 0) {
                return true;
            }
            Matcher m = ENCODING.matcher(prologue.substring(0, end));
            return !m.find() || m.group(1).equalsIgnoreCase("UTF-8") || m.group(1).equalsIgnoreCase("UTF8");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the document", e);
        }
    }

    private static int firstSignificantByte(BufferedInputStream in) {
        try {
            in.mark(1024);
            int b;
            int read = 0;
            do {
                b = in.read();
                read++;
            } while ((b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == 0xEF || b == 0xBB || b == 0xBF)
                    && read < 1000);
            in.reset();
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the document", e);
        }
    }

    /** The syntax the document is written in. */
    public abstract EpcisFormat format();

    /**
     * The document header. Before the events are exhausted this is what precedes the first event; afterwards it
     * also holds what followed the body (document extensions; in JSON-LD, whose keys have no order, even the
     * {@code epcisHeader} itself).
     */
    public abstract EpcisHeader header();

    /**
     * Namespace prefixes the document declared (XML root declarations, JSON-LD context prefixes), prefix to URI in
     * document order: a hint for writers that want to keep the document's prefixes.
     */
    public abstract Map<String, String> namespaces();

    /** Reads the next event, or returns null at the end of the events. */
    protected abstract EpcisEvent readNext();

    /**
     * For a document that is one bare event, read together with the header: it becomes the next event, and the
     * subclass's {@link #readNext()} then reports the end.
     */
    protected final void singleEvent(EpcisEvent event) {
        pending = event;
    }

    /** Releases the parser; does not close the underlying stream. */
    @Override
    public abstract void close();

    @Override
    public boolean hasNext() {
        if (pending == null && !finished) {
            pending = readNext();
            finished = pending == null;
        }
        return pending != null;
    }

    @Override
    public EpcisEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more events");
        }
        EpcisEvent e = pending;
        pending = null;
        returned++;
        return e;
    }

    /** How many events {@link #next()} has returned. */
    public int eventCount() {
        return returned;
    }

    /** Reads the remaining events into memory: for small documents and tests. */
    public EpcisDocument readAll() {
        List<EpcisEvent> events = new ArrayList<>();
        while (hasNext()) {
            events.add(next());
        }
        return new EpcisDocument(header(), events);
    }
}
