package io.tracegate.epcis.model;

import java.util.Objects;

/**
 * A qualified name with a text value: an XML attribute of an {@link ExtensionElement}, or a field of a sensor
 * metadata or sensor report (standard fields have an empty namespace).
 *
 * @param namespaceUri namespace URI, empty for none
 * @param prefix       the prefix it was written with: a hint for writers, not part of equality; empty for none
 * @param localName    the local name
 * @param value        the value exactly as written
 */
public record NamedValue(String namespaceUri, String prefix, String localName, String value) {

    public NamedValue {
        namespaceUri = namespaceUri == null ? "" : namespaceUri;
        prefix = prefix == null ? "" : prefix;
        Objects.requireNonNull(localName, "localName");
        Objects.requireNonNull(value, "value");
    }

    /** A value in no namespace (a standard sensor field, a plain attribute). */
    public static NamedValue unqualified(String localName, String value) {
        return new NamedValue("", "", localName, value);
    }

    /** {@code {namespace}localName}, or the bare local name when it has no namespace. */
    public String expandedName() {
        return namespaceUri.isEmpty() ? localName : "{" + namespaceUri + "}" + localName;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamedValue other && namespaceUri.equals(other.namespaceUri)
                && localName.equals(other.localName) && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(namespaceUri, localName, value);
    }
}
