package io.tracegate.epcis.io;

import io.tracegate.epcis.model.BizTransaction;
import io.tracegate.epcis.model.CbvValue;
import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.epcis.model.EpcisHeader;
import io.tracegate.epcis.model.ErrorDeclaration;
import io.tracegate.epcis.model.EventType;
import io.tracegate.epcis.model.ExtensionElement;
import io.tracegate.epcis.model.LocationRef;
import io.tracegate.epcis.model.MasterData;
import io.tracegate.epcis.model.NamedValue;
import io.tracegate.epcis.model.QuantityElement;
import io.tracegate.epcis.model.SensorElement;
import io.tracegate.epcis.model.SourceDestination;
import io.tracegate.epcis.xml.SecureXml;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes EPCIS 1.2 or 2.0 XML in the element order of the respective XSD. In 1.2, fields added by later versions
 * go into the {@code extension} wrappers where the 1.2 schema allows them (quantity, source and destination lists and
 * ILMD in the event's {@code extension}; sensor data and persistent disposition one level deeper; eventID, error
 * declaration and certification info in {@code baseExtension}); TransformationEvent and AssociationEvent are wrapped
 * in {@code extension} elements of the event list, as GS1's 1.2 examples do.
 */
final class XmlEpcisWriter implements EpcisWriter {

    private static final XMLOutputFactory FACTORY = SecureXml.outputFactory();
    private static final String XSD = "http://www.w3.org/2001/XMLSchema";

    private final XMLStreamWriter w;
    private final OutputStream out;
    private final EpcisFormat format;
    private final boolean v12;
    private final WriteOptions options;
    private final String epcisNs;
    /** Namespace URI to prefix for the declarations on the root element. */
    private final Map<String, String> rootScope = new LinkedHashMap<>();
    private final List<ExtensionElement> pendingDocumentExtensions = new ArrayList<>();
    private int depth;
    private boolean headerWritten;
    private boolean closed;

    XmlEpcisWriter(EpcisFormat format, OutputStream out, WriteOptions options) {
        this.out = out;
        this.format = format;
        this.v12 = format == EpcisFormat.XML_1_2;
        this.options = options;
        this.epcisNs = v12 ? Namespaces.EPCIS_1 : Namespaces.EPCIS_2;
        try {
            this.w = SecureXml.writer(FACTORY, out);
        } catch (XMLStreamException e) {
            throw new EpcisWriteException("cannot start the XML output", e);
        }
    }

    @Override
    public void writeHeader(EpcisHeader h) {
        if (headerWritten) {
            throw new IllegalStateException("the header has already been written");
        }
        headerWritten = true;
        try {
            w.writeStartDocument("UTF-8", "1.0");
            newline();
            w.writeStartElement("epcis", "EPCISDocument", epcisNs);
            declareRoot("epcis", epcisNs);
            if (h.sbdh() != null) {
                declareRoot(SbdhTrees.PREFIX, SbdhTrees.NS);
            }
            declareRoot("cbvmda", Namespaces.CBVMDA);
            for (Map.Entry<String, String> hint : options.namespaces().entrySet()) {
                String uri = hint.getValue();
                if (!hint.getKey().isEmpty() && !uri.equals(Namespaces.EPCIS_1) && !uri.equals(Namespaces.EPCIS_2)
                        && !uri.equals(Namespaces.CBVMDA_JSON_LD)) {
                    declareRoot(hint.getKey(), uri);
                }
            }
            for (ExtensionElement e : h.headerExtensions()) {
                if (!e.namespaceUri().isEmpty() && !rootScope.containsKey(e.namespaceUri())) {
                    declareRoot(freePrefix(e.prefix(), rootScope), e.namespaceUri());
                }
            }
            w.writeAttribute("schemaVersion", format.schemaVersion());
            if (h.creationDate() != null) {
                w.writeAttribute("creationDate", EpcisTime.format(h.creationDate()));
            }
            if (h.documentId() != null) {
                w.writeAttribute("id", h.documentId());   // JSON-LD's document id; the root allows any attribute
            }
            depth++;
            writeEpcisHeader(h);
            pendingDocumentExtensions.addAll(h.documentExtensions());
            open("EPCISBody");
            open("EventList");
        } catch (XMLStreamException e) {
            throw new EpcisWriteException("cannot write the document header", e);
        }
    }

    private void declareRoot(String prefix, String uri) throws XMLStreamException {
        if (rootScope.containsKey(uri) || rootScope.containsValue(prefix)) {
            return;
        }
        w.writeNamespace(prefix, uri);
        rootScope.put(uri, prefix);
    }

    private void writeEpcisHeader(EpcisHeader h) throws XMLStreamException {
        boolean hasMasterData = !h.masterData().isEmpty();
        List<ExtensionElement> local = new ArrayList<>();
        List<ExtensionElement> foreign = new ArrayList<>();
        for (ExtensionElement e : h.headerExtensions()) {
            (e.namespaceUri().isEmpty() ? local : foreign).add(e);
        }
        if (h.sbdh() == null && !hasMasterData && h.headerExtensions().isEmpty()) {
            return;
        }
        open("EPCISHeader");
        if (h.sbdh() != null) {
            tree(SbdhTrees.toTree(h.sbdh()), rootScope);
        }
        if (hasMasterData || !local.isEmpty()) {
            open("extension");
            if (hasMasterData) {
                open("EPCISMasterData");
                writeVocabularyList(h.masterData());
                end();
            }
            if (!local.isEmpty()) {
                open("extension");
                trees(local, rootScope);
                end();
            }
            end();
        }
        trees(foreign, rootScope);
        end();
    }

    private void writeVocabularyList(MasterData md) throws XMLStreamException {
        open("VocabularyList");
        for (MasterData.Vocabulary v : md.vocabularies()) {
            open("Vocabulary");
            w.writeAttribute("type", v.type());
            open("VocabularyElementList");
            for (MasterData.VocabularyElement el : v.elements()) {
                open("VocabularyElement");
                w.writeAttribute("id", el.id());
                for (MasterData.Attribute a : el.attributes()) {
                    if (a.content().isEmpty()) {
                        indent();
                        w.writeStartElement("attribute");
                        w.writeAttribute("id", a.id());
                        w.writeCharacters(a.value());
                        w.writeEndElement();
                    } else {
                        open("attribute");
                        w.writeAttribute("id", a.id());
                        trees(a.content(), rootScope);
                        end();
                    }
                }
                if (!el.children().isEmpty()) {
                    open("children");
                    for (String c : el.children()) {
                        leaf("id", c);
                    }
                    end();
                }
                wrappedExtensions(el.extensions());
                end();
            }
            end();
            wrappedExtensions(v.extensions());
            end();
        }
        end();
    }

    @Override
    public void write(EpcisEvent e) {
        if (!headerWritten) {
            throw new IllegalStateException("write the header before the first event");
        }
        try {
            int wrappers = 0;
            if (v12 && e.type() == EventType.TRANSFORMATION_EVENT) {
                open("extension");
                wrappers = 1;
            } else if (v12 && e.type() == EventType.ASSOCIATION_EVENT) {
                open("extension");
                open("extension");
                wrappers = 2;
            }
            open(e.type().elementName());
            writeEventFields(e);
            end();
            for (int i = 0; i < wrappers; i++) {
                end();
            }
        } catch (XMLStreamException ex) {
            throw new EpcisWriteException("cannot write " + e.type().elementName() + " of " + e.eventTime(), ex);
        }
    }

    private void writeEventFields(EpcisEvent e) throws XMLStreamException {
        leaf("eventTime", EpcisTime.format(e.eventTime()));
        if (e.recordTime() != null) {
            leaf("recordTime", EpcisTime.format(e.recordTime()));
        }
        if (e.eventTimeZoneOffset() != null) {
            leaf("eventTimeZoneOffset", e.eventTimeZoneOffset());
        }
        if (v12) {
            if (e.eventId() != null || e.errorDeclaration() != null || !e.certificationInfo().isEmpty()) {
                open("baseExtension");
                eventIdAndError(e);
                if (!e.certificationInfo().isEmpty()) {
                    open("extension");
                    certificationInfo(e);
                    end();
                }
                end();
            }
        } else {
            eventIdAndError(e);
            certificationInfo(e);
        }
        List<ExtensionElement> local = unqualified(e.extensions());
        switch (e.type()) {
            case OBJECT_EVENT -> {
                epcs("epcList", e.epcList(), true);
                actionToBizTransactions(e);
                if (v12) {
                    boolean ext = !e.quantityList().isEmpty() || !e.sourceList().isEmpty()
                            || !e.destinationList().isEmpty() || e.ilmd() != null || hasInner(e, local);
                    if (ext) {
                        open("extension");
                        quantities("quantityList", e.quantityList());
                        sourcesAndDestinations(e);
                        ilmd(e);
                        innerExtension(e, local);
                        end();
                    }
                } else {
                    quantities("quantityList", e.quantityList());
                    sourcesAndDestinations(e);
                    sensorsAndPersistentDisposition(e);
                    ilmd(e);
                    localExtensions20(local);
                }
            }
            case AGGREGATION_EVENT -> {
                optionalLeaf("parentID", e.parentId());
                epcs("childEPCs", e.childEpcs(), true);
                actionToBizTransactions(e);
                listsAfterBizTransactions(e, e.childQuantityList(), "childQuantityList", local);
            }
            case TRANSACTION_EVENT -> {
                bizTransactions(e, true);
                optionalLeaf("parentID", e.parentId());
                epcs("epcList", e.epcList(), true);
                actionToLocations(e);
                listsAfterBizTransactions(e, e.quantityList(), "quantityList", local);
            }
            case TRANSFORMATION_EVENT -> {
                epcs("inputEPCList", e.inputEpcList(), false);
                quantities("inputQuantityList", e.inputQuantityList());
                epcs("outputEPCList", e.outputEpcList(), false);
                quantities("outputQuantityList", e.outputQuantityList());
                optionalLeaf("transformationID", e.transformationId());
                stepToLocations(e);
                bizTransactions(e, false);
                sourcesAndDestinations(e);
                if (v12) {
                    ilmd(e);
                    innerExtension(e, local);     // 1.2 TransformationEvent's extension holds any local element
                } else {
                    sensorsAndPersistentDisposition(e);
                    ilmd(e);
                    localExtensions20(local);
                }
            }
            case ASSOCIATION_EVENT -> {
                optionalLeaf("parentID", e.parentId());
                epcs("childEPCs", e.childEpcs(), true);
                quantities("childQuantityList", e.childQuantityList());
                actionToBizTransactions(e);
                sourcesAndDestinations(e);
                sensorsAndPersistentDisposition(e);
                localExtensions20(local);
            }
        }
        trees(qualified(e.extensions()), rootScope);
    }

    /** Aggregation and Transaction: the quantity list and what follows it. */
    private void listsAfterBizTransactions(EpcisEvent e, List<QuantityElement> quantities, String name,
                                           List<ExtensionElement> local) throws XMLStreamException {
        if (v12) {
            boolean ext = !quantities.isEmpty() || !e.sourceList().isEmpty() || !e.destinationList().isEmpty()
                    || hasInner(e, local);
            if (ext) {
                open("extension");
                quantities(name, quantities);
                sourcesAndDestinations(e);
                innerExtension(e, local);
                end();
            }
        } else {
            quantities(name, quantities);
            sourcesAndDestinations(e);
            sensorsAndPersistentDisposition(e);
            localExtensions20(local);
        }
    }

    /** Whether a 1.2 event needs its innermost {@code extension}: 2.0 fields or unqualified extension elements. */
    private static boolean hasInner(EpcisEvent e, List<ExtensionElement> local) {
        return !e.sensorElementList().isEmpty() || e.persistentDisposition() != null || !local.isEmpty();
    }

    /** 1.2: the innermost {@code extension} (any unqualified element) with the 2.0 fields and local elements. */
    private void innerExtension(EpcisEvent e, List<ExtensionElement> local) throws XMLStreamException {
        if (hasInner(e, local)) {
            open("extension");
            sensorsAndPersistentDisposition(e);
            trees(local, rootScope);
            end();
        }
    }

    /**
     * 2.0: unqualified extension elements go in the event's {@code extension}. The 2.0 XSD allows only namespaced
     * elements there, so such a document is not schema-valid, but nothing is lost.
     */
    private void localExtensions20(List<ExtensionElement> local) throws XMLStreamException {
        if (!local.isEmpty()) {
            open("extension");
            trees(local, rootScope);
            end();
        }
    }

    private static List<ExtensionElement> unqualified(List<ExtensionElement> elements) {
        return elements.stream().filter(x -> x.namespaceUri().isEmpty()).toList();
    }

    private static List<ExtensionElement> qualified(List<ExtensionElement> elements) {
        return elements.stream().filter(x -> !x.namespaceUri().isEmpty()).toList();
    }

    /**
     * Extensions of a location, error declaration, sensor element or vocabulary: unqualified elements in the
     * {@code extension} child (where the XSD allows them), then the namespaced ones.
     */
    private void wrappedExtensions(List<ExtensionElement> extensions) throws XMLStreamException {
        List<ExtensionElement> local = unqualified(extensions);
        if (!local.isEmpty()) {
            open("extension");
            trees(local, rootScope);
            end();
        }
        trees(qualified(extensions), rootScope);
    }

    private void eventIdAndError(EpcisEvent e) throws XMLStreamException {
        optionalLeaf("eventID", e.eventId());
        ErrorDeclaration d = e.errorDeclaration();
        if (d != null) {
            open("errorDeclaration");
            leaf("declarationTime", EpcisTime.format(d.declarationTime()));
            if (d.reason() != null) {
                leaf("reason", cbv(d.reason()));
            }
            if (!d.correctiveEventIds().isEmpty()) {
                open("correctiveEventIDs");
                for (String id : d.correctiveEventIds()) {
                    leaf("correctiveEventID", id);
                }
                end();
            }
            wrappedExtensions(d.extensions());
            end();
        }
    }

    private void certificationInfo(EpcisEvent e) throws XMLStreamException {
        for (String c : e.certificationInfo()) {
            leaf("certificationInfo", c);
        }
    }

    private void actionToBizTransactions(EpcisEvent e) throws XMLStreamException {
        actionToLocations(e);
        bizTransactions(e, false);
    }

    private void actionToLocations(EpcisEvent e) throws XMLStreamException {
        if (e.action() != null) {
            leaf("action", e.action().name());
        }
        stepToLocations(e);
    }

    private void stepToLocations(EpcisEvent e) throws XMLStreamException {
        if (e.bizStep() != null) {
            leaf("bizStep", cbv(e.bizStep()));
        }
        if (e.disposition() != null) {
            leaf("disposition", cbv(e.disposition()));
        }
        location("readPoint", e.readPoint());
        location("bizLocation", e.bizLocation());
    }

    private void location(String name, LocationRef l) throws XMLStreamException {
        if (l != null) {
            open(name);
            leaf("id", l.id());
            wrappedExtensions(l.extensions());
            end();
        }
    }

    private void bizTransactions(EpcisEvent e, boolean required) throws XMLStreamException {
        if (e.bizTransactionList().isEmpty() && !required) {
            return;
        }
        open("bizTransactionList");
        for (BizTransaction t : e.bizTransactionList()) {
            indent();
            w.writeStartElement("bizTransaction");
            if (t.type() != null) {
                w.writeAttribute("type", cbv(t.type()));
            }
            w.writeCharacters(t.value());
            w.writeEndElement();
        }
        end();
    }

    private void sourcesAndDestinations(EpcisEvent e) throws XMLStreamException {
        typedList("sourceList", "source", e.sourceList());
        typedList("destinationList", "destination", e.destinationList());
    }

    private void typedList(String list, String item, List<SourceDestination> entries) throws XMLStreamException {
        if (entries.isEmpty()) {
            return;
        }
        open(list);
        for (SourceDestination s : entries) {
            indent();
            w.writeStartElement(item);
            w.writeAttribute("type", cbv(s.type()));
            w.writeCharacters(s.value());
            w.writeEndElement();
        }
        end();
    }

    private void sensorsAndPersistentDisposition(EpcisEvent e) throws XMLStreamException {
        if (!e.sensorElementList().isEmpty()) {
            open("sensorElementList");
            for (SensorElement s : e.sensorElementList()) {
                open("sensorElement");
                if (!s.metadata().isEmpty()) {
                    indent();
                    w.writeEmptyElement("sensorMetadata");
                    fieldAttributes(s.metadata());
                }
                for (List<NamedValue> report : s.reports()) {
                    indent();
                    w.writeEmptyElement("sensorReport");
                    fieldAttributes(report);
                }
                wrappedExtensions(s.extensions());
                end();
            }
            end();
        }
        if (e.persistentDisposition() != null) {
            open("persistentDisposition");
            for (CbvValue v : e.persistentDisposition().unset()) {
                leaf("unset", cbv(v));      // the XSD puts unset first
            }
            for (CbvValue v : e.persistentDisposition().set()) {
                leaf("set", cbv(v));
            }
            end();
        }
    }

    private void fieldAttributes(List<NamedValue> fields) throws XMLStreamException {
        for (NamedValue f : fields) {
            if (f.namespaceUri().isEmpty()) {
                w.writeAttribute(f.localName(), f.value());
            } else {
                String prefix = rootScope.get(f.namespaceUri());
                if (prefix == null) {
                    prefix = freePrefix(f.prefix(), rootScope);
                    w.writeNamespace(prefix, f.namespaceUri());
                }
                w.writeAttribute(prefix, f.namespaceUri(), f.localName(), f.value());
            }
        }
    }

    private void ilmd(EpcisEvent e) throws XMLStreamException {
        if (e.ilmd() != null) {
            open("ilmd");
            trees(e.ilmd(), rootScope);
            end();
        }
    }

    private void epcs(String name, List<String> epcs, boolean required) throws XMLStreamException {
        if (epcs.isEmpty() && !required) {
            return;
        }
        open(name);
        for (String epc : epcs) {
            leaf("epc", epc);
        }
        end();
    }

    private void quantities(String name, List<QuantityElement> list) throws XMLStreamException {
        if (list.isEmpty()) {
            return;
        }
        open(name);
        for (QuantityElement q : list) {
            open("quantityElement");
            leaf("epcClass", q.epcClass());
            if (q.quantity() != null) {
                leaf("quantity", q.quantity().toPlainString());
            }
            optionalLeaf("uom", q.uom());
            end();
        }
        end();
    }

    private String cbv(CbvValue v) {
        if (v12) {
            return v.toUrn();
        }
        return switch (options.cbvXmlFormat()) {
            case ALWAYS_URN -> v.toUrn();
            case ALWAYS_WEB_URI -> v.toWebUri();
            case NO_PREFERENCE -> v.writtenForm() == CbvValue.Form.WEB_URI ? v.toWebUri() : v.toUrn();
        };
    }

    // ---------------------------------------------------------------- extension trees

    private void trees(List<ExtensionElement> elements, Map<String, String> scope) throws XMLStreamException {
        for (ExtensionElement e : elements) {
            tree(e, scope);
        }
    }

    private void tree(ExtensionElement e, Map<String, String> scope) throws XMLStreamException {
        indent();
        Map<String, String> local = scope;
        String prefix = "";
        if (!e.namespaceUri().isEmpty()) {
            prefix = scope.get(e.namespaceUri());
            if (prefix == null) {
                local = new HashMap<>(scope);
                prefix = freePrefix(e.prefix(), local);
                local.put(e.namespaceUri(), prefix);
            }
        }
        if (e.isLeaf()) {
            w.writeStartElement(prefix, e.localName(), e.namespaceUri());
        } else {
            w.writeStartElement(prefix, e.localName(), e.namespaceUri());
            depth++;
        }
        if (local != scope) {
            w.writeNamespace(prefix, e.namespaceUri());
        }
        for (NamedValue a : e.attributes()) {
            if (a.namespaceUri().isEmpty()) {
                w.writeAttribute(a.localName(), a.value());
                continue;
            }
            String ap = local.get(a.namespaceUri());
            if (ap == null) {
                if (local == scope) {
                    local = new HashMap<>(scope);
                }
                ap = freePrefix(a.prefix(), local);
                local.put(a.namespaceUri(), ap);
                w.writeNamespace(ap, a.namespaceUri());
            }
            if (a.namespaceUri().equals(Namespaces.XSI) && a.localName().equals("type")
                    && a.value().startsWith("xsd:") && !"xsd".equals(local.get(XSD))
                    && !local.containsValue("xsd")) {
                if (local == scope) {
                    local = new HashMap<>(scope);
                }
                local.put(XSD, "xsd");
                w.writeNamespace("xsd", XSD);
            }
            w.writeAttribute(ap, a.namespaceUri(), a.localName(), a.value());
        }
        if (e.isLeaf()) {
            w.writeCharacters(e.text());
            w.writeEndElement();
        } else {
            for (ExtensionElement c : e.children()) {
                tree(c, local);
            }
            end();
        }
    }

    /** The hinted prefix when it is free in this scope, else a generated one. */
    private static String freePrefix(String hint, Map<String, String> scope) {
        if (!hint.isEmpty() && !scope.containsValue(hint) && !hint.equals("xml")) {
            return hint;
        }
        for (int i = 1; ; i++) {
            String p = "ns" + i;
            if (!scope.containsValue(p)) {
                return p;
            }
        }
    }

    // ---------------------------------------------------------------- layout

    private void open(String name) throws XMLStreamException {
        indent();
        w.writeStartElement(name);
        depth++;
    }

    private void end() throws XMLStreamException {
        depth--;
        indent();
        w.writeEndElement();
    }

    private void leaf(String name, String text) throws XMLStreamException {
        indent();
        w.writeStartElement(name);
        w.writeCharacters(text);
        w.writeEndElement();
    }

    private void optionalLeaf(String name, String text) throws XMLStreamException {
        if (text != null) {
            leaf(name, text);
        }
    }

    private void indent() throws XMLStreamException {
        if (options.indent()) {
            newline();
            for (int i = 0; i < depth; i++) {
                w.writeCharacters("  ");
            }
        }
    }

    private void newline() throws XMLStreamException {
        if (options.indent()) {
            w.writeCharacters("\n");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!headerWritten) {
                throw new IllegalStateException("no header was written");
            }
            end();
            end();
            trees(pendingDocumentExtensions, rootScope);
            depth--;
            newline();
            w.writeEndElement();
            w.writeEndDocument();
            w.flush();
            if (options.indent()) {
                out.write('\n');
            }
            out.flush();
        } catch (XMLStreamException | java.io.IOException e) {
            throw new EpcisWriteException("cannot finish the document", e);
        }
    }
}
