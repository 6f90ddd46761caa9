package io.tracegate.epcis.validation;

import io.tracegate.epcis.io.EpcisFormat;
import io.tracegate.epcis.model.EventType;
import java.util.Set;

/**
 * Paths into a document of a given format, so that findings made on the model point into the document: an element
 * path for XML (EPCIS 1.2 wraps some event fields in {@code extension}), a JSON Pointer for JSON-LD.
 */
final class DocumentPaths {

    // Event fields EPCIS 1.2 added after 1.0 and therefore carries inside the event's <extension>.
    private static final Set<String> IN_1_2_EXTENSION =
            Set.of("quantityList", "childQuantityList", "sourceList", "destinationList", "ilmd");

    // Event fields EPCIS 1.2 carries inside the event's <baseExtension>.
    private static final Set<String> IN_1_2_BASE_EXTENSION = Set.of("eventID", "errorDeclaration");

    private final EpcisFormat format;

    DocumentPaths(EpcisFormat format) {
        this.format = format;
    }

    boolean isXml() {
        return format != EpcisFormat.JSON_LD_2_0;
    }

    /**
     * The path of an event.
     *
     * @param index            0-based index among all events
     * @param type             its type
     * @param positionOfItsType 1-based position among the events of its type
     */
    String event(int index, EventType type, int positionOfItsType) {
        if (!isXml()) {
            return "/epcisBody/eventList/" + index;
        }
        String eventList = "/EPCISDocument/EPCISBody/EventList/";
        String element = type.elementName() + predicate(positionOfItsType);
        // EPCIS 1.2 has no TransformationEvent of its own: it sits in EventList/extension.
        return format == EpcisFormat.XML_1_2 && type == EventType.TRANSFORMATION_EVENT
                ? eventList + "extension" + predicate(positionOfItsType) + "/" + type.elementName()
                : eventList + element;
    }

    /** A member of an event (or of anything with a path), e.g. {@code sourceList} or {@code bizLocation/id}. */
    String member(String parent, String member) {
        String first = member.contains("/") ? member.substring(0, member.indexOf('/')) : member;
        if (format == EpcisFormat.XML_1_2 && IN_1_2_EXTENSION.contains(first)) {
            return parent + "/extension/" + member;
        }
        if (format == EpcisFormat.XML_1_2 && IN_1_2_BASE_EXTENSION.contains(first)) {
            return parent + "/baseExtension/" + member;
        }
        return parent + "/" + member;
    }

    /**
     * An item of a list member: {@code epcList/epc[2]} in XML, {@code epcList/1} in JSON; {@code jsonField}, when
     * not null, names the item's value member in JSON ({@code sourceList/0/source}).
     */
    String item(String parent, String list, String xmlItem, String jsonField, int index) {
        String listPath = member(parent, list);
        if (isXml()) {
            return listPath + "/" + xmlItem + predicate(index + 1);
        }
        return listPath + "/" + index + (jsonField == null ? "" : "/" + jsonField);
    }

    /** The path of a master data vocabulary element (0-based indexes). */
    String vocabularyElement(int vocabulary, int element) {
        return switch (format) {
            case XML_1_2 -> "/EPCISDocument/EPCISHeader/extension/EPCISMasterData/VocabularyList/Vocabulary"
                    + predicate(vocabulary + 1) + "/VocabularyElementList/VocabularyElement" + predicate(element + 1);
            case XML_2_0 -> "/EPCISDocument/EPCISHeader/EPCISMasterData/VocabularyList/Vocabulary"
                    + predicate(vocabulary + 1) + "/VocabularyElementList/VocabularyElement" + predicate(element + 1);
            case JSON_LD_2_0 -> "/epcisHeader/epcisMasterData/vocabularyList/" + vocabulary + "/vocabularyElementList/"
                    + element;
        };
    }

    /** The EPCIS header (where header extensions such as the DSCSA transaction statement live). */
    String header() {
        return isXml() ? "/EPCISDocument/EPCISHeader" : "";
    }

    /** The identifier of the n-th (0-based) SBDH sender or receiver. */
    String sbdhPartner(boolean sender, int index) {
        if (!isXml()) {
            return sender ? "/sender" : "/receiver";
        }
        return "/EPCISDocument/EPCISHeader/StandardBusinessDocumentHeader/" + (sender ? "Sender" : "Receiver")
                + predicate(index + 1) + "/Identifier";
    }

    // Same convention as the streaming XSD pass: a position predicate only from the second sibling on.
    private static String predicate(int position) {
        return position > 1 ? "[" + position + "]" : "";
    }
}
