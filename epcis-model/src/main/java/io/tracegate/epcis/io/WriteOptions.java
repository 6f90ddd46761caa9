package io.tracegate.epcis.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Choices for writing a document.
 *
 * @param cbvXmlFormat form of standard CBV values in EPCIS 2.0 XML
 * @param namespaces   prefixes to declare up front, prefix to URI (e.g. those of the source document, from
 *                     {@link EpcisReader#namespaces()}); others are declared where first used
 * @param indent       whether to indent the output for people to read
 */
public record WriteOptions(CbvXmlFormat cbvXmlFormat, Map<String, String> namespaces, boolean indent) {

    /** No preference for CBV forms, no namespace hints, indented. */
    public static final WriteOptions DEFAULT = new WriteOptions(CbvXmlFormat.NO_PREFERENCE, Map.of(), true);

    public WriteOptions {
        namespaces = Collections.unmodifiableMap(new LinkedHashMap<>(namespaces));
    }

    /** These options with other namespace hints. */
    public WriteOptions withNamespaces(Map<String, String> hints) {
        return new WriteOptions(cbvXmlFormat, hints, indent);
    }
}
