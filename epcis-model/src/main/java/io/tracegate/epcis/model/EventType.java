package io.tracegate.epcis.model;

/** The five EPCIS event types; the name is the XML element name and the JSON-LD {@code type}. */
public enum EventType {
    OBJECT_EVENT("ObjectEvent"),
    AGGREGATION_EVENT("AggregationEvent"),
    TRANSACTION_EVENT("TransactionEvent"),
    TRANSFORMATION_EVENT("TransformationEvent"),
    ASSOCIATION_EVENT("AssociationEvent");

    private final String elementName;

    EventType(String elementName) {
        this.elementName = elementName;
    }

    /** {@code ObjectEvent} and so on. */
    public String elementName() {
        return elementName;
    }

    /** The event type with this XML element name / JSON-LD type, or null. */
    public static EventType fromElementName(String name) {
        for (EventType t : values()) {
            if (t.elementName.equals(name)) {
                return t;
            }
        }
        return null;
    }
}
