package io.tracegate.epcis.validation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.SAXException;

/**
 * The GS1 EPCIS XSDs, compiled once into a single {@link Schema} (a compiled schema is thread-safe and expensive to
 * build). One schema covers EPCIS 1.2 and 2.0 documents, query and master-data documents alike: their target
 * namespaces differ, and the shared EPCglobal and SBDH schemas are the same in both releases.
 *
 * <p>The XSD files are not in the source tree (GS1 licence): the build unpacks them from OpenEPCIS's validation
 * service jar into {@code xsd/1_2_0/} and {@code xsd/2_0_0/} next to this class. Every import and include is served
 * from there; the factory may open no URL at all, so compiling never touches the network.
 */
final class EpcisXsd {

    private static final String[] ROOTS = {
        "xsd/1_2_0/EPCglobal-epcis-1_2.xsd",
        "xsd/1_2_0/EPCglobal-epcis-query-1_2.xsd",
        "xsd/1_2_0/EPCglobal-epcis-masterdata-1_2.xsd",
        "xsd/2_0_0/EPCglobal-epcis-2_0.xsd",
        "xsd/2_0_0/EPCglobal-epcis-query-2_0.xsd",
        "xsd/2_0_0/EPCglobal-epcis-masterdata-2_0.xsd",
    };

    private EpcisXsd() {
    }

    /** The compiled schema; built on first use. */
    static Schema schema() {
        return Holder.SCHEMA;
    }

    private static final class Holder {
        static final Schema SCHEMA = compile();
    }

    private static Schema compile() {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        } catch (SAXException e) {
            throw new IllegalStateException("the JDK schema factory refuses to be locked down", e);
        }
        factory.setResourceResolver(new BundledResolver());
        List<Source> roots = new ArrayList<>();
        for (String root : ROOTS) {
            URL url = resource(root);
            roots.add(new StreamSource(open(url), url.toExternalForm()));
        }
        try {
            return factory.newSchema(roots.toArray(Source[]::new));
        } catch (SAXException e) {
            throw new IllegalStateException("the bundled EPCIS XSDs do not compile: " + e.getMessage(), e);
        }
    }

    private static URL resource(String relative) {
        URL url = EpcisXsd.class.getResource(relative);
        if (url == null) {
            throw new IllegalStateException("EPCIS XSD '" + relative + "' is missing from the classpath next to "
                    + EpcisXsd.class.getName() + ": the build unpacks it (maven-dependency-plugin, "
                    + "openepcis-document-validation-service); was the jar built with Maven?");
        }
        return url;
    }

    private static InputStream open(URL url) {
        try {
            return url.openStream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled XSD " + url, e);
        }
    }

    /** Serves imports and includes from the bundled folder of the importing schema, by file name. */
    private static final class BundledResolver implements LSResourceResolver {

        private final DOMImplementationLS ls = domLs();

        @Override
        public LSInput resolveResource(String type, String namespaceUri, String publicId, String systemId,
                String baseUri) {
            if (systemId == null || baseUri == null) {
                throw new IllegalStateException("XSD import of namespace " + namespaceUri + " has no location");
            }
            String fileName = systemId.substring(systemId.lastIndexOf('/') + 1);
            String folder = baseUri.contains("/xsd/1_2_0/") ? "xsd/1_2_0/" : "xsd/2_0_0/";
            URL url = resource(folder + fileName);
            LSInput input = ls.createLSInput();
            input.setByteStream(open(url));
            input.setSystemId(url.toExternalForm());
            input.setPublicId(publicId);
            return input;
        }

        private static DOMImplementationLS domLs() {
            try {
                return (DOMImplementationLS) DocumentBuilderFactory.newInstance().newDocumentBuilder()
                        .getDOMImplementation().getFeature("LS", "3.0");
            } catch (ParserConfigurationException e) {
                throw new IllegalStateException("no DOM Load and Save implementation in this JDK", e);
            }
        }
    }
}
