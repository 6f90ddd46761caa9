package io.tracegate.epcis.io;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The prefix map of a JSON-LD document: the prefixes the EPCIS 2.0 context defines plus those the document declares.
 * Expands {@code prefix:local} keys into a namespace URI and local name, mapping the context's {@code cbvmda} IRI
 * ({@code urn:epcglobal:cbv:mda:}) to the XML namespace {@code urn:epcglobal:cbv:mda} the model uses, so ILMD
 * compares equal across formats.
 */
final class JsonLdContext {

    /** Prefixes defined by the standard EPCIS 2.0 context. */
    static final Map<String, String> STANDARD = Map.of(
            "epcis", "https://ref.gs1.org/epcis/",
            "cbv", "https://ref.gs1.org/cbv/",
            "cbvmda", Namespaces.CBVMDA_JSON_LD,
            "gs1", Namespaces.GS1_VOC,
            "rdfs", "http://www.w3.org/2000/01/rdf-schema#",
            "owl", "http://www.w3.org/2002/07/owl#",
            "xsd", "http://www.w3.org/2001/XMLSchema#",
            "dcterms", "http://purl.org/dc/terms/");

    private final Map<String, String> declared = new LinkedHashMap<>();

    /** Declares a prefix (later declarations win, as in JSON-LD). */
    void declare(String prefix, String uri) {
        declared.put(prefix, uri);
    }

    /** The prefixes the document declared itself, in order. */
    Map<String, String> declared() {
        return declared;
    }

    /** The namespace URI of a prefix as the model holds it, or null when the prefix is unknown. */
    String namespaceOf(String prefix) {
        String uri = declared.get(prefix);
        if (uri == null) {
            uri = STANDARD.get(prefix);
        }
        return uri == null ? null : toModel(uri);
    }

    /** A copy to which an event's own context can add. */
    JsonLdContext copy() {
        JsonLdContext c = new JsonLdContext();
        c.declared.putAll(declared);
        return c;
    }

    /** The JSON-LD cbvmda IRI becomes the XML namespace; everything else is unchanged. */
    static String toModel(String uri) {
        return uri.equals(Namespaces.CBVMDA_JSON_LD) ? Namespaces.CBVMDA : uri;
    }
}
