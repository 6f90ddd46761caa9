package io.tracegate.epcis.validation;

import io.tracegate.epcis.xml.DocumentLimits;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.validation.ValidatorHandler;
import org.xml.sax.Attributes;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.ext.DeclHandler;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * Schema layer for XML: validates an EPCIS 1.2 or 2.0 document (event, query or master-data document, with or
 * without SBDH) against the GS1 XSDs in one streaming SAX pass, so memory does not grow with the document.
 * Every violation becomes an {@value #RULE} finding with its element path and event index; a document that is not
 * well-formed XML, or declares entities (which EPCIS never needs), ends the pass with one {@value #RULE_MALFORMED}
 * finding. {@code xsi:schemaLocation} hints in the document are ignored: only the bundled schemas count.
 * Thread-safe: one instance serves any number of concurrent validations.
 */
public final class XsdValidator {

    public static final String RULE = "xsd";
    public static final String RULE_MALFORMED = "xml.malformed";
    public static final String RULE_LIMIT = "xml.limit";

    private final SAXParserFactory parsers = hardenedParsers();
    private final DocumentLimits limits;

    /** A validator with the limits every real EPCIS document stays within ({@link DocumentLimits#DEFAULT}). */
    public XsdValidator() {
        this(DocumentLimits.DEFAULT);
    }

    /**
     * A validator that ends the pass with an {@value #RULE_LIMIT} finding when a document nests elements deeper, or
     * has longer text or attribute values or more attributes, than {@code limits} allow (the same limits the model
     * reader applies), so a hostile document cannot make the schema pass hold unbounded text.
     * {@link DocumentLimits#maxDocumentBytes()} is not applied here: bound the input stream for that.
     */
    public XsdValidator(DocumentLimits limits) {
        this.limits = limits;
    }

    /** All findings for the document; reads the stream to its end (or to the first well-formedness error). */
    public List<ValidationFinding> validate(InputStream xml) throws IOException {
        List<ValidationFinding> findings = new ArrayList<>();
        validate(xml, findings::add);
        return findings;
    }

    /** Streams findings to {@code sink} as they are found. */
    public void validate(InputStream xml, Consumer<ValidationFinding> sink) throws IOException {
        ElementPath where = new ElementPath();
        ValidatorHandler validator = EpcisXsd.schema().newValidatorHandler();
        try {
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXException e) {
            throw new IllegalStateException("the JDK validator refuses to be locked down", e);
        }
        validator.setErrorHandler(new Reporter(RULE, where, sink));
        Tracking tracking = new Tracking(newReader(), where, limits);
        tracking.setContentHandler(validator);
        tracking.setErrorHandler(new Reporter(RULE_MALFORMED, where, sink));
        try {
            tracking.parse(new InputSource(xml));
        } catch (SAXParseException stopped) {
            // already reported by the Reporter that threw it
        } catch (LimitExceeded e) {
            sink.accept(ValidationFinding.error(where.eventIndex(), where.path(), RULE_LIMIT, e.getMessage()));
        } catch (SAXException e) {
            sink.accept(ValidationFinding.error(where.eventIndex(), where.path(), RULE_MALFORMED, e.getMessage()));
        }
    }

    // A SAXParserFactory is not specified to be thread-safe; validators are shared.
    private XMLReader newReader() {
        try {
            XMLReader reader;
            synchronized (parsers) {
                reader = parsers.newSAXParser().getXMLReader();
            }
            reader.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            reader.setProperty("http://xml.org/sax/properties/declaration-handler", new NoEntities());
            return reader;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("cannot create a hardened SAX parser", e);
        }
    }

    // No external DTD or entity is ever loaded, and a document that declares an entity is refused (XXE, entity
    // expansion). A bare DOCTYPE stays legal: GS1's own 2.0 examples start with <!DOCTYPE project>.
    private static SAXParserFactory hardenedParsers() {
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setXIncludeAware(false);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK SAX parser refuses to be hardened", e);
        }
        return factory;
    }

    /** Refuses every entity declaration in a DOCTYPE's internal subset. */
    private static final class NoEntities implements DeclHandler {
        @Override
        public void internalEntityDecl(String name, String value) throws SAXException {
            throw new SAXException("the document declares entity '" + name + "': entities are not accepted");
        }

        @Override
        public void externalEntityDecl(String name, String publicId, String systemId) throws SAXException {
            throw new SAXException("the document declares external entity '" + name + "' (" + systemId
                    + "): entities are not accepted");
        }

        @Override
        public void elementDecl(String name, String model) {
        }

        @Override
        public void attributeDecl(String eName, String aName, String type, String mode, String value) {
        }
    }

    /** Passes every SAX event on to the validator, keeping {@link ElementPath} in step and the limits enforced. */
    private static final class Tracking extends XMLFilterImpl {
        private final ElementPath where;
        private final DocumentLimits limits;
        private long textLength;

        Tracking(XMLReader parent, ElementPath where, DocumentLimits limits) {
            super(parent);
            this.where = where;
            this.limits = limits;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            if (where.depth() >= limits.maxElementDepth()) {
                throw new LimitExceeded("elements nested deeper than " + limits.maxElementDepth() + " levels");
            }
            if (atts.getLength() > limits.maxAttributesPerElement()) {
                throw new LimitExceeded("element " + qName + " has " + atts.getLength() + " attributes, more than "
                        + limits.maxAttributesPerElement());
            }
            for (int i = 0; i < atts.getLength(); i++) {
                if (atts.getValue(i).length() > limits.maxAttributeSize()) {
                    throw new LimitExceeded("attribute " + atts.getQName(i) + " is longer than "
                            + limits.maxAttributeSize() + " characters");
                }
            }
            textLength = 0;
            where.enter(localName);
            super.startElement(uri, localName, qName, atts);
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            textLength += length;
            if (textLength > limits.maxTextLength()) {
                throw new LimitExceeded("text longer than " + limits.maxTextLength() + " characters");
            }
            super.characters(ch, start, length);
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            super.endElement(uri, localName, qName);
            where.leave();
            textLength = 0;
        }
    }

    /** A document limit was exceeded: the pass stops there. */
    private static final class LimitExceeded extends SAXException {
        LimitExceeded(String message) {
            super(message);
        }
    }

    /** Turns SAX errors into findings; a fatal one is reported and then stops the pass. */
    private record Reporter(String rule, ElementPath where, Consumer<ValidationFinding> sink)
            implements ErrorHandler {

        @Override
        public void warning(SAXParseException e) {
            sink.accept(ValidationFinding.warning(where.eventIndex(), where.path(), rule, describe(e)));
        }

        @Override
        public void error(SAXParseException e) {
            sink.accept(ValidationFinding.error(where.eventIndex(), where.path(), rule, describe(e)));
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXParseException {
            sink.accept(ValidationFinding.error(where.eventIndex(), where.path(), RULE_MALFORMED, describe(e)));
            throw e;
        }

        private static String describe(SAXParseException e) {
            return "line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " + e.getMessage();
        }
    }
}
