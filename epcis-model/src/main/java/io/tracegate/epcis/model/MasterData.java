package io.tracegate.epcis.model;

import java.util.List;
import java.util.Objects;

/**
 * EPCIS master data carried in a document header: vocabularies of product classes ({@code EPCClass}: NDC, name,
 * dosage form) and locations/parties ({@code Location}: name and address), in document order.
 *
 * @param vocabularies the vocabularies, in order
 */
public record MasterData(List<Vocabulary> vocabularies) {

    /** Vocabulary type of product master data. */
    public static final String EPC_CLASS = "urn:epcglobal:epcis:vtype:EPCClass";
    /** Vocabulary type of location and party master data. */
    public static final String LOCATION = "urn:epcglobal:epcis:vtype:Location";
    /** Prefix of the CBV master data attribute IDs, e.g. {@code urn:epcglobal:cbv:mda#regulatedProductName}. */
    public static final String MDA = "urn:epcglobal:cbv:mda#";

    /** No master data. */
    public static final MasterData EMPTY = new MasterData(List.of());

    public MasterData {
        vocabularies = List.copyOf(vocabularies);
    }

    public boolean isEmpty() {
        return vocabularies.isEmpty();
    }

    /** The element with this ID in any vocabulary of this type, or null. */
    public VocabularyElement element(String vocabularyType, String id) {
        for (Vocabulary v : vocabularies) {
            if (v.type().equals(vocabularyType)) {
                for (VocabularyElement e : v.elements()) {
                    if (e.id().equals(id)) {
                        return e;
                    }
                }
            }
        }
        return null;
    }

    /**
     * A vocabulary.
     *
     * @param type       vocabulary type URI, e.g. {@link #EPC_CLASS}
     * @param elements   its elements, in order
     * @param extensions extension elements of the vocabulary, in order
     */
    public record Vocabulary(String type, List<VocabularyElement> elements, List<ExtensionElement> extensions) {
        public Vocabulary {
            Objects.requireNonNull(type, "type");
            elements = List.copyOf(elements);
            extensions = List.copyOf(extensions);
        }
    }

    /**
     * A vocabulary element: the ID (an SGTIN pattern, an SGLN) and its attributes in order.
     *
     * @param id         the element ID, as written
     * @param attributes attributes, in order (an ID may repeat)
     * @param children   IDs of child elements ({@code children/id}), in order
     * @param extensions extension elements, in order
     */
    public record VocabularyElement(String id, List<Attribute> attributes, List<String> children,
                                    List<ExtensionElement> extensions) {
        public VocabularyElement {
            Objects.requireNonNull(id, "id");
            attributes = List.copyOf(attributes);
            children = List.copyOf(children);
            extensions = List.copyOf(extensions);
        }

        /** The text value of the first attribute with this ID, or null. */
        public String attribute(String attributeId) {
            for (Attribute a : attributes) {
                if (a.id().equals(attributeId)) {
                    return a.value();
                }
            }
            return null;
        }
    }

    /**
     * A master data attribute. Most carry text; some (e.g. an address) carry nested elements.
     *
     * @param id      attribute ID, e.g. {@code urn:epcglobal:cbv:mda#name}
     * @param value   the text value as written (empty when the value is nested elements or absent)
     * @param content nested elements, in order (empty for a text value)
     */
    public record Attribute(String id, String value, List<ExtensionElement> content) {
        public Attribute {
            Objects.requireNonNull(id, "id");
            value = value == null ? "" : value;
            content = List.copyOf(content);
        }

        /** A text-valued attribute. */
        public static Attribute of(String id, String value) {
            return new Attribute(id, value, List.of());
        }
    }
}
