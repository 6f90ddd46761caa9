package io.tracegate.epcis.xml;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.api.WstxOutputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import com.ctc.wstx.stax.WstxOutputFactory;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/**
 * Creates StAX readers and writers configured for untrusted input. Woodstox is used (not the JDK parser) because it
 * enforces per-text and per-attribute size limits and reports them as ordinary parse errors.
 *
 * <p>DTDs are not processed: a {@code DOCTYPE} without declarations is tolerated (GS1's own examples carry
 * {@code <!DOCTYPE project>}), but any entity it might declare stays undeclared, so a reference to it (XXE, billion
 * laughs) is an error and nothing is ever fetched.
 */
public final class SecureXml {

    private SecureXml() {
    }

    /** A factory for readers with these limits. Factories are thread-safe and should be reused. */
    public static XMLInputFactory inputFactory(DocumentLimits limits) {
        WstxInputFactory f = new WstxInputFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_VALIDATING, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        f.setProperty(XMLInputFactory.RESOLVER, (javax.xml.stream.XMLResolver) (publicId, systemId, base, ns) -> {
            throw new XMLStreamException("external resource " + systemId + " refused: DTDs and external entities "
                    + "are not processed");
        });
        f.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, limits.maxElementDepth());
        f.setProperty(WstxInputProperties.P_MAX_TEXT_LENGTH, limits.maxTextLength());
        f.setProperty(WstxInputProperties.P_MAX_ATTRIBUTE_SIZE, limits.maxAttributeSize());
        f.setProperty(WstxInputProperties.P_MAX_ATTRIBUTES_PER_ELEMENT, limits.maxAttributesPerElement());
        f.setProperty(WstxInputProperties.P_MAX_ENTITY_COUNT, 1L);
        f.setProperty(WstxInputProperties.P_MAX_ENTITY_DEPTH, 1);
        return f;
    }

    /** A reader over this stream, its size bounded by {@link DocumentLimits#maxDocumentBytes()}. */
    public static XMLStreamReader reader(XMLInputFactory factory, InputStream in, DocumentLimits limits)
            throws XMLStreamException {
        InputStream bounded = limits.maxDocumentBytes() == Long.MAX_VALUE
                ? in : new BoundedInputStream(in, limits.maxDocumentBytes());
        return factory.createXMLStreamReader(bounded);
    }

    /** A factory for UTF-8 writers that escape all markup characters. */
    public static XMLOutputFactory outputFactory() {
        WstxOutputFactory f = new WstxOutputFactory();
        f.setProperty(XMLOutputFactory.IS_REPAIRING_NAMESPACES, false);
        f.setProperty(WstxOutputProperties.P_OUTPUT_ESCAPE_CR, true);
        f.setProperty(WstxOutputProperties.P_OUTPUT_VALIDATE_STRUCTURE, true);
        return f;
    }

    /** A UTF-8 writer on this stream. */
    public static XMLStreamWriter writer(XMLOutputFactory factory, OutputStream out) throws XMLStreamException {
        return factory.createXMLStreamWriter(out, StandardCharsets.UTF_8.name());
    }
}
