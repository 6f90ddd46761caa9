package io.tracegate.epcis.model;

import java.util.List;
import java.util.Objects;

/**
 * An element the model has no field for (a user extension, ILMD content, a {@code gs1ushc:} header element, SBDH
 * manifest), kept as an ordered namespaced tree so that nothing unknown is dropped.
 *
 * <p>An element carries either text (a leaf, possibly empty) or children. In JSON-LD, repeated children with the
 * same name become an array and a leaf becomes a string; attributes have no JSON-LD counterpart other than as nested
 * properties. Equality ignores the prefix, which is presentation.
 *
 * @param namespaceUri namespace URI, empty for an element in no namespace
 * @param prefix       prefix hint for writers (empty for none); not part of equality
 * @param localName    local name
 * @param attributes   attributes in document order (namespace declarations excluded)
 * @param text         the text of a leaf (never null; empty when the element has children)
 * @param children     child elements in document order
 */
public record ExtensionElement(String namespaceUri, String prefix, String localName, List<NamedValue> attributes,
                               String text, List<ExtensionElement> children) {

    public ExtensionElement {
        namespaceUri = namespaceUri == null ? "" : namespaceUri;
        prefix = prefix == null ? "" : prefix;
        Objects.requireNonNull(localName, "localName");
        attributes = List.copyOf(attributes);
        text = text == null ? "" : text;
        children = List.copyOf(children);
    }

    /** A leaf element with text and no attributes. */
    public static ExtensionElement leaf(String namespaceUri, String prefix, String localName, String text) {
        return new ExtensionElement(namespaceUri, prefix, localName, List.of(), text, List.of());
    }

    /** An element with children and no attributes. */
    public static ExtensionElement parent(String namespaceUri, String prefix, String localName,
                                          List<ExtensionElement> children) {
        return new ExtensionElement(namespaceUri, prefix, localName, List.of(), "", children);
    }

    /** True when the element has no child elements (its content, if any, is {@link #text()}). */
    public boolean isLeaf() {
        return children.isEmpty();
    }

    /** {@code {namespace}localName}, or the bare local name when it has no namespace. */
    public String expandedName() {
        return namespaceUri.isEmpty() ? localName : "{" + namespaceUri + "}" + localName;
    }

    /** The first child with this namespace and local name, or null. */
    public ExtensionElement child(String childNamespaceUri, String childLocalName) {
        for (ExtensionElement c : children) {
            if (c.localName.equals(childLocalName) && c.namespaceUri.equals(childNamespaceUri)) {
                return c;
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExtensionElement other && namespaceUri.equals(other.namespaceUri)
                && localName.equals(other.localName) && attributes.equals(other.attributes)
                && text.equals(other.text) && children.equals(other.children);
    }

    @Override
    public int hashCode() {
        return Objects.hash(namespaceUri, localName, attributes, text, children);
    }
}
