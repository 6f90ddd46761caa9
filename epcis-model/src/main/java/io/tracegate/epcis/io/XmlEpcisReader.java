package io.tracegate.epcis.io;

import io.tracegate.epcis.model.Action;
import io.tracegate.epcis.model.BizTransaction;
import io.tracegate.epcis.model.CbvValue;
import io.tracegate.epcis.model.CbvVocabulary;
import io.tracegate.epcis.model.Decimals;
import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.epcis.model.EpcisHeader;
import io.tracegate.epcis.model.ErrorDeclaration;
import io.tracegate.epcis.model.EventType;
import io.tracegate.epcis.model.ExtensionElement;
import io.tracegate.epcis.model.LocationRef;
import io.tracegate.epcis.model.MasterData;
import io.tracegate.epcis.model.NamedValue;
import io.tracegate.epcis.model.PersistentDisposition;
import io.tracegate.epcis.model.QuantityElement;
import io.tracegate.epcis.model.SensorElement;
import io.tracegate.epcis.model.SourceDestination;
import io.tracegate.epcis.model.StandardBusinessDocumentHeader;
import io.tracegate.epcis.xml.SecureXml;
import io.tracegate.epcis.xml.DocumentLimits;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Streams EPCIS 1.2 and 2.0 XML. Elements are mapped to the model by hand (see the model's package documentation
 * for why). The 1.2 {@code extension} and {@code baseExtension} wrappers are transparent: a field is recognised by
 * its name wherever the version put it, and any element the model has no field for is kept as an
 * {@link ExtensionElement}.
 */
final class XmlEpcisReader extends EpcisReader {

    private static final Map<DocumentLimits, XMLInputFactory> FACTORIES = new ConcurrentHashMap<>();
    private static final String SBDH = StandardBusinessDocumentHeader.NAMESPACE;
    /** Sensor report attributes the schema types as numbers: they must be decimals in range (the hash expands them). */
    private static final Set<String> NUMERIC_SENSOR_FIELDS =
            Set.of("value", "minValue", "maxValue", "meanValue", "sDev", "percRank", "percValue");
    /** Each event type's fields in the order of the EPCIS 2.0 XSD (which 1.2 follows, level by level). */
    private static final Map<EventType, List<String>> FIELD_ORDER = fieldOrder();
    /** XSD types whose values keep their whitespace; every other type's value is whitespace-collapsed. */
    private static final Set<String> WHITESPACE_PRESERVING_TYPES = Set.of("string", "normalizedString");

    private final XMLStreamReader r;
    private final DocumentLimits limits;
    private final Map<String, String> namespaces = new LinkedHashMap<>();
    private final Deque<String> bodyContainers = new ArrayDeque<>();
    private final List<ExtensionElement> trailing = new ArrayList<>();
    private EpcisFormat format;
    private String documentId;
    private EpcisHeader header;
    private boolean inBody;
    private boolean queryDocument;
    private boolean done;
    private int eventIndex;

    XmlEpcisReader(InputStream in, DocumentLimits limits) {
        this.limits = limits;
        try {
            this.r = SecureXml.reader(FACTORIES.computeIfAbsent(limits, SecureXml::inputFactory), in, limits);
        } catch (XMLStreamException e) {
            throw failure("cannot start reading the XML document", e);
        }
        readPrologue();
    }

    @Override
    public EpcisFormat format() {
        return format;
    }

    @Override
    public EpcisHeader header() {
        return trailing.isEmpty() ? header : header.withDocumentExtensions(concat(header.documentExtensions(),
                trailing));
    }

    @Override
    public Map<String, String> namespaces() {
        return Collections.unmodifiableMap(namespaces);
    }

    @Override
    public void close() {
        try {
            r.close();
        } catch (XMLStreamException e) {
            throw failure("cannot close the XML reader", e);
        }
    }

    private static Map<EventType, List<String>> fieldOrder() {
        List<String> common = List.of("eventTime", "recordTime", "eventTimeZoneOffset", "eventID", "errorDeclaration",
                "certificationInfo");
        List<String> where = List.of("bizStep", "disposition", "readPoint", "bizLocation");
        List<String> tail = List.of("sourceList", "destinationList", "sensorElementList", "persistentDisposition");
        Map<EventType, List<String>> order = new EnumMap<>(EventType.class);
        order.put(EventType.OBJECT_EVENT, sequence(common, List.of("epcList", "action"), where,
                List.of("bizTransactionList", "quantityList"), tail, List.of("ilmd")));
        order.put(EventType.AGGREGATION_EVENT, sequence(common, List.of("parentID", "childEPCs", "action"), where,
                List.of("bizTransactionList", "childQuantityList"), tail));
        order.put(EventType.TRANSACTION_EVENT, sequence(common, List.of("bizTransactionList", "parentID", "epcList",
                "action"), where, List.of("quantityList"), tail));
        order.put(EventType.TRANSFORMATION_EVENT, sequence(common, List.of("inputEPCList", "inputQuantityList",
                "outputEPCList", "outputQuantityList", "transformationID"), where, List.of("bizTransactionList"), tail,
                List.of("ilmd")));
        order.put(EventType.ASSOCIATION_EVENT, sequence(common, List.of("parentID", "childEPCs", "childQuantityList",
                "action"), where, List.of("bizTransactionList"), tail));
        return order;
    }

    @SafeVarargs
    private static List<String> sequence(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> part : parts) {
            all.addAll(part);
        }
        return List.copyOf(all);
    }

    // ---------------------------------------------------------------- document structure

    private void readPrologue() {
        try {
            nextElementOrEnd();
            if (r.getEventType() != XMLStreamConstants.START_ELEMENT) {
                throw error("the document has no root element");
            }
            String ns = ns();
            String root = r.getLocalName();
            for (int i = 0; i < r.getNamespaceCount(); i++) {
                namespaces.put(nz(r.getNamespacePrefix(i)), nz(r.getNamespaceURI(i)));
            }
            String schemaVersion = r.getAttributeValue(null, "schemaVersion");
            String creation = r.getAttributeValue(null, "creationDate");
            documentId = r.getAttributeValue(null, "id");
            OffsetDateTime creationDate = creation == null ? null : time(creation, "creationDate");
            format = ns.endsWith(":2") || "2.0".equals(schemaVersion) ? EpcisFormat.XML_2_0 : EpcisFormat.XML_1_2;
            EventType bare = EventType.fromElementName(root);
            switch (root) {
                case "EPCISDocument", "EPCISQueryDocument", "EPCISMasterDataDocument" -> {
                    queryDocument = root.equals("EPCISQueryDocument");
                    readDocumentStart(schemaVersion, creationDate, root);
                }
                case "EPCISCaptureJob" -> throw error("EPCISCaptureJob is the status of a capture job, "
                        + "not an EPCIS document");
                default -> {
                    if (bare == null) {
                        throw error("root element " + qname() + " is not an EPCIS document, query document, "
                                + "master data document or event");
                    }
                    header = EpcisHeader.minimal(schemaVersion, creationDate);
                    singleEvent(readEvent(bare));
                    done = true;
                }
            }
        } catch (XMLStreamException e) {
            throw failure("malformed XML", e);
        }
    }

    private void readDocumentStart(String schemaVersion, OffsetDateTime creationDate, String root)
            throws XMLStreamException {
        StandardBusinessDocumentHeader sbdh = null;
        MasterData masterData = MasterData.EMPTY;
        List<ExtensionElement> headerExtensions = new ArrayList<>();
        List<ExtensionElement> documentExtensions = new ArrayList<>();
        while (nextElementOrEnd() == XMLStreamConstants.START_ELEMENT) {
            String name = r.getLocalName();
            if (epcisElement() && name.equals("EPCISHeader")) {
                HeaderParts parts = readHeader();
                sbdh = parts.sbdh;
                masterData = parts.masterData;
                headerExtensions.addAll(parts.extensions);
            } else if (epcisElement() && name.equals("EPCISBody")) {
                if (root.equals("EPCISMasterDataDocument")) {
                    masterData = readMasterDataBody();
                    continue;
                }
                inBody = true;
                break;
            } else {
                documentExtensions.add(readTree());
            }
        }
        header = new EpcisHeader(schemaVersion, creationDate, documentId, sbdh, masterData, headerExtensions,
                documentExtensions);
        if (!inBody) {
            done = true;
        }
    }

    private record HeaderParts(StandardBusinessDocumentHeader sbdh, MasterData masterData,
                               List<ExtensionElement> extensions) {
    }

    private HeaderParts readHeader() throws XMLStreamException {
        StandardBusinessDocumentHeader sbdh = null;
        MasterData masterData = MasterData.EMPTY;
        List<ExtensionElement> extensions = new ArrayList<>();
        while (nextElementOrEnd() == XMLStreamConstants.START_ELEMENT) {
            String name = r.getLocalName();
            if (ns().equals(SBDH) && name.equals("StandardBusinessDocumentHeader")) {
                sbdh = readSbdh();
            } else if (epcisElement() && name.equals("extension")) {
                while (nextElementOrEnd() == XMLStreamConstants.START_ELEMENT) {
                    if (epcisElement() && r.getLocalName().equals("EPCISMasterData")) {
                        masterData = readMasterData();
                    } else if (epcisElement() && r.getLocalName().equals("extension")) {
                        while (nextElementOrEnd() == XMLStreamConstants.START_ELEMENT) {
                            extensions.add(readTree());
                        }
                    } else {
                        extensions.add(readTree());
                    }
                }
            } else if (epcisElement() && name.equals("EPCISMasterData")) {
                masterData = readMasterData();
            } else {
                extensions.add(readTree());
            }
        }
        return new HeaderParts(sbdh, masterData, extensions);
    }

    private MasterData readMasterDataBody() throws XMLStreamException {
        MasterData md = MasterData.EMPTY;
        while (nextElementOrEnd() == XMLStreamConstants.START_ELEMENT) {
            if (r.getLocalName().equals("VocabularyList")) {
                md = new MasterData(readVocabularyList());
            } else {
                trailing.add(readTree());
            }
        }
        return md;
    }

    @Override
    protected EpcisEvent readNext() {
        if (done) {
            return null;
        }
        try {
            while (true) {
                int t = nextElementOrEnd();
                if (t == XMLStreamConstants.END_DOCUMENT) {
                    done = true;
                    return null;
                }
                if (t == XMLStreamConstants.END_ELEMENT) {
                    if (bodyContainers.isEmpty()) {
                        if (inBody) {
                            inBody = false;   // end of EPCISBody: document extensions may follow
                        } else {
                            done = true;      // end of the root
                            return null;
                        }
                    } else {
                        bodyContainers.pop();
                    }
                    continue;
                }
                String name = r.getLocalName();
                if (!inBody) {
                    trailing.add(readTree());
                    continue;
                }
                boolean inEventList = bodyContainers.contains("EventList");
                EventType type = inEventList ? EventType.fromElementName(name) : null;
                if (type != null) {
                    return readEvent(type);
                }
                if (name.equals("EventList") || name.equals("QueryResults") || name.equals("resultsBody")
                        || inEventList && name.equals("extension")) {
                    bodyContainers.push(name);
                } else if (inEventList) {
                    throw error("unexpected element " + qname() + " in the event list (only ObjectEvent, "
                            + "AggregationEvent, TransactionEvent, TransformationEvent and AssociationEvent)");
                } else if (bodyContainers.contains("QueryResults")) {
                    skipElement();   // queryName, subscriptionID: query bookkeeping, not document content
                } else if (queryDocument && bodyContainers.isEmpty()) {
                    throw error("this EPCISQueryDocument holds " + qname() + ", a query request or answer other"
                            + " than QueryResults: it has no events to read");
                } else {
                    trailing.add(readTree());
                }
            }
        } catch (XMLStreamException e) {
            throw failure("malformed XML", e);
        }
    }

    // ---------------------------------------------------------------- events

    private EpcisEvent readEvent(EventType type) throws XMLStreamException {
        eventIndex++;
        EpcisEvent.Builder b = EpcisEvent.builder(type);
        boolean[] seenTime = new boolean[1];
        readEventChildren(type, b, seenTime);
        if (!seenTime[0]) {
            throw error(type.elementName() + " has no eventTime");
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    /**
     * The children of an event, or of one of its {@code extension} wrappers (each level in the schema's field order,
     * checked: the XSD fixes it, and a document out of order is not one the schema accepts).
     */
    private void readEventChildren(EventType type, EpcisEvent.Builder b, boolean[] seenTime)
            throws XMLStreamException {
        // the 1.2 schema has no AssociationEvent: it sits in a lax extension point, in no schema's order
        List<String> order = format == EpcisFormat.XML_1_2 && type == EventType.ASSOCIATION_EVENT ? List.of()
                : FIELD_ORDER.get(type);
        String last = null;
        while (nextElementOrEnd() == XMLStreamConstants.START_ELEMENT) {
            if (!epcisElement()) {
                b.addExtension(readTree());
                continue;
            }
            int rank = order.indexOf(r.getLocalName());
            if (rank >= 0) {
                if (last != null && rank < order.indexOf(last)) {
                    throw error("element " + r.getLocalName() + " comes after " + last + ", but the EPCIS schema"
                            + " puts it before: " + type.elementName() + " fields go in the order "
                            + String.join(", ", order));
                }
                last = r.getLocalName();
            }
            switch (r.getLocalName()) {
                case "eventTime" -> {
                    b.eventTime(time(text(), "eventTime"));
                    seenTime[0] = true;
                }
                case "recordTime" -> b.recordTime(time(text(), "recordTime"));
                case "eventTimeZoneOffset" -> b.eventTimeZoneOffset(text());
                case "eventID" -> b.eventId(text());
                case "errorDeclaration" -> b.errorDeclaration(readErrorDeclaration());
                case "certificationInfo" -> b.addCertificationInfo(text());
                case "parentID" -> b.parentId(text());
                case "epcList" -> readEpcs(b::addEpc);
                case "childEPCs" -> readEpcs(b::addChildEpc);
                case "inputEPCList" -> readEpcs(b::addInputEpc);
                case "outputEPCList" -> readEpcs(b::addOutputEpc);
                case "quantityList" -> readQuantities(b::addQuantity);
                case "childQuantityList" -> readQuantities(b::addChildQuantity);
                case "inputQuantityList" -> readQuantities(b::addInputQuantity);
                case "outputQuantityList" -> readQuantities(b::addOutputQuantity);
                case "action" -> b.action(action(text()));
                case "transformationID" -> b.transformationId(text());
                case "bizStep" -> b.bizStep(cbv(CbvVocabulary.BIZ_STEP, text()));
                case "disposition" -> b.disposition(cbv(CbvVocabulary.DISPOSITION, text()));
                case "persistentDisposition" -> b.persistentDisposition(readPersistentDisposition());
                case "readPoint" -> b.readPoint(readLocation());
                case "bizLocation" -> b.bizLocation(readLocation());
                case "bizTransactionList" -> readBizTransactions(b);
                case "sourceList" -> readSourceDestinations("source", b::addSource);
                case "destinationList" -> readSourceDestinations("destination", b::addDestination);
                case "sensorElementList" -> readSensorElements(b);
                case "ilmd" -> b.ilmd(readChildren());
                case "extension", "baseExtension" -> readEventChildren(type, b, seenTime);
                default -> b.addExtension(readTree());
            }
        }
    }

    private void readEpcs(Consumer<String> sink) throws XMLStreamException {
        while (nextElementOrEnd() == XMLStreamConstants.START_ELEMENT) {
            if (!r.getLocalName().equals("epc")) {
                throw error("unexpected element " + qname() + " in an EPC list (expected epc)");
            }
            sink.accept(text());
        }
    }

    private void readQuantities(Consumer<QuantityElement> sink) throws XMLStreamException {
        while (nextElementOrEnd() == XMLStreamConstants.START_ELEMENT) {
            if (!r.getLocalName().equals("quantityElement")) {
                throw error("unexpected element " + qname() + " in a quantity list (expected quantityElement)");
            }
            String epcClass = null;
            BigDecimal quantity = null;
            String uom = null;
            while (nextElementOrEnd() == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "epcClass" -> epcClass = text();
                    case "quantity" -> {
                        String q = text();     // empty when xsi:nil
                        quantity = q.isEmpty() ? null : decimal(q, "quantity");
                    }
                    case "uom" -> uom = text();
                    default -> throw error("unexpected element " + qname() + " in quantityElement");
                }
            }
            if (epcClass == null) {
                throw error("quantityElement has no epcClass");
            }
            sink.accept(new QuantityElement(epcClass, quantity, uom));
        }
    }

    private void readBizTransactions(EpcisEvent.Builder b) throws XMLStreamException {
        while (nextElementOrEnd() == XMLStreamConstants.START_ELEMENT) {
            if (!r.getLocalName().equals("bizTransaction")) {
                throw error("unexpected element " + qname() + " in bizTransactionList");
            }
            String type = r.getAttributeValue(null, "type");
            b.addBizTransaction(new BizTransaction(type == null ? null
                    : cbv(CbvVocabulary.BIZ_TRANSACTION_TYPE, type), text()));
        }
    }

    private void readSourceDestinations(String element, Consumer<SourceDestination> sink)
            throws XMLStreamException {
        while (nextElementOrEnd() == XMLStreamConstants.START_ELEMENT) {
            if (!r.getLocalName().equals(element)) {
                throw error("unexpected element " + qname() + " in " + element + "List");
            }
            String type = r.getAttributeValue(null, "type");
            if (type == null) {
                throw error(element + " has no type attribute");
            }
            sink.accept(new SourceDestination(cbv(CbvVocabulary.SOURCE_DESTINATION_TYPE, type), text()));
        }
    }

    private LocationRef readLocation() throws XMLStreamException {
        String id = null;
        List<ExtensionElement> extensions = new ArrayList<>();
        while (nextElementOrEnd() == XMLStreamConstants.START_ELEMENT) {
            if (epcisElement() && r.getLocalName().equals("id")) {
                id = text();
            } else if (epcisElement() && r.getLocalName().equals("extension")) {
                extensions.addAll(readChildren());
            } else {
                extensions.add(readTree());
            }
        }
        if (id == null) {
            throw error("location has no id");
        }
        return new LocationRef(id, extensions);
    }

    private ErrorDeclaration readErrorDeclaration() throws XMLStreamException {
        OffsetDateTime time = null;
        CbvValue reason = null;
        List<String> corrective = new ArrayList<>();
        List<ExtensionElement> extensions = new ArrayList<>();
        while (nextElementOrEnd() == XMLStreamConstants.START_ELEMENT) {
            String name = epcisElement() ? r.getLocalName() : "";
            switch (name) {
                case "declarationTime" -> time = time(text(), "declarationTime");
                case "reason" -> reason = cbv(CbvVocabulary.ERROR_REASON, text());
                case "correctiveEventIDs" -> {
                    while (nextElementOrEnd() == XMLStreamConstants.START_ELEMENT) {
                        corrective.add(text());
                    }
                }
                case "extension" -> extensions.addAll(readChildren());
                default -> extensions.add(readTree());
            }
        }
        if (time == null) {
            throw error("errorDeclaration has no declarationTime");
        }
        return new ErrorDeclaration(time, reason, corrective, extensions);
    }

    private PersistentDisposition readPersistentDisposition() throws XMLStreamException {
        List<CbvValue> set = new ArrayList<>();
        List<CbvValue> unset = new ArrayList<>();
        while (nextElementOrEnd() == XMLStreamConstants.START_ELEMENT) {
            switch (r.getLocalName()) {
                case "set" -> set.add(cbv(CbvVocabulary.DISPOSITION, text()));
                case "unset" -> unset.add(cbv(CbvVocabulary.DISPOSITION, text()));
                default -> throw error("unexpected element " + qname() + " in persistentDisposition");
            }
        }
        return new PersistentDisposition(set, unset);
    }

    private void readSensorElements(EpcisEvent.Builder b) throws XMLStreamException {
        while (nextElementOrEnd() == XMLStreamConstants.START_ELEMENT) {
            if (!r.getLocalName().equals("sensorElement")) {
                throw error("unexpected element " + qname() + " in sensorElementList");
            }
            List<NamedValue> metadata = List.of();
            List<List<NamedValue>> reports = new ArrayList<>();
            List<ExtensionElement> extensions = new ArrayList<>();
            while (nextElementOrEnd() == XMLStreamConstants.START_ELEMENT) {
                if (epcisElement() && r.getLocalName().equals("sensorMetadata")) {
                    metadata = attributes();
                    skipElement();
                } else if (epcisElement() && r.getLocalName().equals("sensorReport")) {
                    List<NamedValue> report = attributes();
                    for (NamedValue field : report) {
                        if (field.namespaceUri().isEmpty() && NUMERIC_SENSOR_FIELDS.contains(field.localName())) {
                            decimal(field.value(), "sensorReport " + field.localName());
                        }
                    }
                    reports.add(report);
                    skipElement();
                } else if (epcisElement() && r.getLocalName().equals("extension")) {
                    extensions.addAll(readChildren());
                } else {
                    extensions.add(readTree());
                }
            }
            b.addSensorElement(new SensorElement(metadata, reports, extensions));
        }
    }

    // ---------------------------------------------------------------- SBDH and master data


    private StandardBusinessDocumentHeader readSbdh() throws XMLStreamException {
        try {
            return SbdhTrees.fromTree(readTree());
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    private MasterData readMasterData() throws XMLStreamException {
        List<MasterData.Vocabulary> vocabularies = new ArrayList<>();
        while (nextElementOrEnd() == XMLStreamConstants.START_ELEMENT) {
            if (r.getLocalName().equals("VocabularyList")) {
                vocabularies.addAll(readVocabularyList());
            } else {
                throw error("unexpected element " + qname() + " in EPCISMasterData");
            }
        }
        return new MasterData(vocabularies);
    }

    private List<MasterData.Vocabulary> readVocabularyList() throws XMLStreamException {
        List<MasterData.Vocabulary> vocabularies = new ArrayList<>();
        while (nextElementOrEnd() == XMLStreamConstants.START_ELEMENT) {
            if (!r.getLocalName().equals("Vocabulary")) {
                throw error("unexpected element " + qname() + " in VocabularyList");
            }
            String type = r.getAttributeValue(null, "type");
            if (type == null) {
                throw error("Vocabulary has no type attribute");
            }
            List<MasterData.VocabularyElement> elements = new ArrayList<>();
            List<ExtensionElement> extensions = new ArrayList<>();
            while (nextElementOrEnd() == XMLStreamConstants.START_ELEMENT) {
                if (epcisElement() && r.getLocalName().equals("VocabularyElementList")) {
                    while (nextElementOrEnd() == XMLStreamConstants.START_ELEMENT) {
                        elements.add(readVocabularyElement());
                    }
                } else if (epcisElement() && r.getLocalName().equals("extension")) {
                    extensions.addAll(readChildren());
                } else {
                    extensions.add(readTree());
                }
            }
            vocabularies.add(new MasterData.Vocabulary(type, elements, extensions));
        }
        return vocabularies;
    }

    private MasterData.VocabularyElement readVocabularyElement() throws XMLStreamException {
        if (!r.getLocalName().equals("VocabularyElement")) {
            throw error("unexpected element " + qname() + " in VocabularyElementList");
        }
        String id = r.getAttributeValue(null, "id");
        if (id == null) {
            throw error("VocabularyElement has no id attribute");
        }
        List<MasterData.Attribute> attributes = new ArrayList<>();
        List<String> children = new ArrayList<>();
        List<ExtensionElement> extensions = new ArrayList<>();
        while (nextElementOrEnd() == XMLStreamConstants.START_ELEMENT) {
            if (epcisElement() && r.getLocalName().equals("attribute")) {
                String attributeId = r.getAttributeValue(null, "id");
                if (attributeId == null) {
                    throw error("master data attribute has no id (in VocabularyElement " + id + ")");
                }
                ExtensionElement value = readTree();
                attributes.add(new MasterData.Attribute(attributeId, value.text(), value.children()));
            } else if (epcisElement() && r.getLocalName().equals("children")) {
                while (nextElementOrEnd() == XMLStreamConstants.START_ELEMENT) {
                    children.add(text());
                }
            } else if (epcisElement() && r.getLocalName().equals("extension")) {
                extensions.addAll(readChildren());
            } else {
                extensions.add(readTree());
            }
        }
        return new MasterData.VocabularyElement(id, attributes, children, extensions);
    }

    // ---------------------------------------------------------------- generic trees and scalars

    /** The current element and its content as a tree; leaves the reader on its end tag. */
    private ExtensionElement readTree() throws XMLStreamException {
        String ns = ns();
        String prefix = nz(r.getPrefix());
        String local = r.getLocalName();
        List<NamedValue> attributes = attributes();
        List<ExtensionElement> children = new ArrayList<>();
        StringBuilder text = null;
        while (true) {
            int t = r.next();
            if (t == XMLStreamConstants.START_ELEMENT) {
                children.add(readTree());
            } else if (t == XMLStreamConstants.CHARACTERS || t == XMLStreamConstants.CDATA
                    || t == XMLStreamConstants.SPACE) {
                if (text == null) {
                    text = new StringBuilder();
                }
                text.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
                if (text.length() > limits.maxTextLength()) {
                    throw error("text of " + qname(ns, local) + " exceeds " + limits.maxTextLength() + " characters");
                }
            } else if (t == XMLStreamConstants.END_ELEMENT) {
                break;
            } else if (t == XMLStreamConstants.END_DOCUMENT) {
                throw error("document ended inside " + qname(ns, local));
            }
        }
        String value = children.isEmpty() && text != null ? text.toString() : "";
        if (isTypedValue(attributes)) {
            value = value.strip().replaceAll("[ \t\r\n]+", " ");
        }
        return new ExtensionElement(ns, prefix, local, attributes, value, children);
    }

    /**
     * Whether an element's {@code xsi:type} makes its text a typed value ({@code xsd:integer}, {@code xsd:dateTime}),
     * whose whitespace XML Schema collapses: {@code <ext:count xsi:type="xsd:integer">\n  10\n</ext:count>} is 10.
     */
    private static boolean isTypedValue(List<NamedValue> attributes) {
        for (NamedValue a : attributes) {
            if (a.namespaceUri().equals(Namespaces.XSI) && a.localName().equals("type")) {
                String type = a.value().substring(a.value().indexOf(':') + 1);
                return !WHITESPACE_PRESERVING_TYPES.contains(type);
            }
        }
        return false;
    }

    /** The child elements of the current element as trees. */
    private List<ExtensionElement> readChildren() throws XMLStreamException {
        List<ExtensionElement> children = new ArrayList<>();
        while (nextElementOrEnd() == XMLStreamConstants.START_ELEMENT) {
            children.add(readTree());
        }
        return children;
    }

    private List<NamedValue> attributes() {
        int n = r.getAttributeCount();
        if (n == 0) {
            return List.of();
        }
        List<NamedValue> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(new NamedValue(nz(r.getAttributeNamespace(i)), nz(r.getAttributePrefix(i)),
                    r.getAttributeLocalName(i), r.getAttributeValue(i)));
        }
        return list;
    }

    private void skipElement() throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int t = r.next();
            if (t == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (t == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    /** Moves to the next start or end tag (or the end of the document), skipping text, comments and the like. */
    private int nextElementOrEnd() throws XMLStreamException {
        while (true) {
            int t = r.next();
            if (t == XMLStreamConstants.START_ELEMENT || t == XMLStreamConstants.END_ELEMENT
                    || t == XMLStreamConstants.END_DOCUMENT) {
                return t;
            }
        }
    }

    /** The text of a simple element, whitespace-trimmed. */
    private String text() throws XMLStreamException {
        String name = r.getLocalName();
        try {
            return r.getElementText().strip();
        } catch (XMLStreamException e) {
            if (e.getMessage() != null && e.getMessage().contains("START_ELEMENT")) {
                throw error("element " + name + " must hold text, not child elements");
            }
            throw e;
        }
    }

    private OffsetDateTime time(String text, String field) {
        try {
            return EpcisTime.parse(text);
        } catch (DateTimeException e) {
            throw error(field + ": " + e.getMessage());
        }
    }

    private BigDecimal decimal(String text, String field) {
        try {
            return Decimals.parse(text);
        } catch (IllegalArgumentException e) {
            throw error(field + ": " + e.getMessage());
        }
    }

    private Action action(String text) {
        return switch (text) {
            case "ADD" -> Action.ADD;
            case "OBSERVE" -> Action.OBSERVE;
            case "DELETE" -> Action.DELETE;
            default -> throw error("action '" + text + "' is not one of ADD, OBSERVE, DELETE");
        };
    }

    private CbvValue cbv(CbvVocabulary vocabulary, String text) {
        if (text.isEmpty()) {
            throw error("empty " + vocabulary.name().toLowerCase() + " value");
        }
        return CbvValue.parse(vocabulary, text, false);
    }

    private String ns() {
        return nz(r.getNamespaceURI());
    }

    /**
     * Whether the current element is one of EPCIS's own: unqualified, as the XSDs define them, or (leniently) in the
     * EPCIS namespace, which documents that declare it as the default namespace put every element in.
     */
    private boolean epcisElement() {
        String ns = r.getNamespaceURI();
        return ns == null || ns.isEmpty() || ns.equals(Namespaces.EPCIS_1) || ns.equals(Namespaces.EPCIS_2);
    }

    private String qname() {
        return qname(ns(), r.getLocalName());
    }

    private static String qname(String ns, String local) {
        return ns.isEmpty() ? local : "{" + ns + "}" + local;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private String where() {
        Location l = r.getLocation();
        String at = "line " + l.getLineNumber() + ", column " + l.getColumnNumber();
        return eventIndex > 0 && !done ? at + " (event " + (eventIndex - 1) + ")" : at;
    }

    private EpcisReadException error(String message) {
        return new EpcisReadException(where() + ": " + message);
    }

    private EpcisReadException failure(String what, XMLStreamException e) {
        String detail = e.getMessage() == null ? e.toString() : e.getMessage().replace('\n', ' ');
        return new EpcisReadException(what + ": " + detail, e);
    }
}
