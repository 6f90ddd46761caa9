package io.tracegate.epcis.convert;

import io.tracegate.epcis.io.EpcisReadException;
import io.tracegate.epcis.io.EpcisReader;
import io.tracegate.epcis.io.EpcisWriter;
import io.tracegate.epcis.io.WriteOptions;
import io.tracegate.epcis.model.EpcisHeader;
import io.tracegate.gs1.epc.GcpLengthResolver;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Converts a document from any readable format to the target format, one event at a time, keeping SBDH, master data
 * and extensions and keeping the source document's namespace prefixes.
 */
public final class EpcisConverter {

    private final GcpLengthResolver resolver;

    /** A converter that splits Digital Link keys with GS1's company prefix length table. */
    public EpcisConverter() {
        this(GcpLengthResolver.standard());
    }

    /** A converter with this company prefix length source (e.g. the company's own prefixes as overrides). */
    public EpcisConverter(GcpLengthResolver resolver) {
        this.resolver = resolver;
    }

    /**
     * Reads {@code in} and writes it to {@code out} as the options say; returns the number of events. Neither stream
     * is closed.
     *
     * @throws EpcisReadException when the input is not a readable EPCIS document, or when header content follows
     *                            the events (possible in JSON-LD), which a streaming conversion cannot place
     */
    public int convert(InputStream in, OutputStream out, ConversionOptions options) {
        IdentifierForms identifiers = new IdentifierForms(new EpcTranslator(options.effectiveEpcFormat(), resolver));
        try (EpcisReader reader = EpcisReader.open(in)) {
            EpcisHeader first = reader.header();
            EpcisHeader header = identifiers.apply(first);
            if (options.release() != null) {
                header = options.release().apply(header);
            }
            WriteOptions writeOptions = new WriteOptions(options.cbvXmlFormat(), reader.namespaces(), true);
            int count = 0;
            try (EpcisWriter writer = EpcisWriter.create(options.target(), out, writeOptions)) {
                writer.writeHeader(header);
                while (reader.hasNext()) {
                    writer.write(identifiers.apply(reader.next()));
                    count++;
                }
                if (!reader.header().equals(first)) {
                    // written already: rather than drop what came late, fail and say so
                    throw new EpcisReadException("header content (epcisHeader, sender, document extensions) follows "
                            + "the events in this document; a streaming conversion writes the header first and would "
                            + "lose it: put the header before the body");
                }
            }
            return count;
        }
    }
}
