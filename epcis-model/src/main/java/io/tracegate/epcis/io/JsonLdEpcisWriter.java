package io.tracegate.epcis.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.tracegate.epcis.model.BizTransaction;
import io.tracegate.epcis.model.CbvValue;
import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.epcis.model.EpcisHeader;
import io.tracegate.epcis.model.ErrorDeclaration;
import io.tracegate.epcis.model.ExtensionElement;
import io.tracegate.epcis.model.LocationRef;
import io.tracegate.epcis.model.MasterData;
import io.tracegate.epcis.model.NamedValue;
import io.tracegate.epcis.model.QuantityElement;
import io.tracegate.epcis.model.SensorElement;
import io.tracegate.epcis.model.SourceDestination;
import io.tracegate.epcis.model.StandardBusinessDocumentHeader;
import io.tracegate.epcis.model.StandardBusinessDocumentHeader.DocumentIdentification;
import io.tracegate.epcis.model.StandardBusinessDocumentHeader.Partner;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes EPCIS 2.0 JSON-LD with a Jackson generator, one event at a time.
 *
 * <p>What EPCIS 2.0 JSON-LD has no standard place for is kept as extension terms with their namespace declared in
 * the {@code @context}: the full SBDH as {@code sbdh:StandardBusinessDocumentHeader} in {@code epcisHeader} (besides
 * the pseudo-SBDH {@code sender}, {@code receiver}, {@code instanceIdentifier}), and header elements such as
 * {@code gs1ushc:dscsaTransactionStatement}. An event using a namespace not declared up front carries its own
 * {@code @context}. Repeated elements of one name become an array (so elements of one name are grouped).
 */
final class JsonLdEpcisWriter implements EpcisWriter {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final Set<String> NUMERIC_SENSOR_FIELDS =
            Set.of("value", "minValue", "maxValue", "meanValue", "sDev", "percRank", "percValue");

    private final JsonGenerator g;
    private final OutputStream out;
    private final WriteOptions options;
    /** Namespace URI (model form) to prefix, for everything declared in the document's context. */
    private final Map<String, String> declared = new LinkedHashMap<>();
    private boolean headerWritten;
    private boolean closed;

    JsonLdEpcisWriter(OutputStream out, WriteOptions options) {
        this.out = out;
        this.options = options;
        try {
            this.g = FACTORY.createGenerator(out, JsonEncoding.UTF8);
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            if (options.indent()) {
                g.useDefaultPrettyPrinter();
            }
        } catch (IOException e) {
            throw new EpcisWriteException("cannot start the JSON output", e);
        }
        for (Map.Entry<String, String> std : JsonLdContext.STANDARD.entrySet()) {
            declared.put(JsonLdContext.toModel(std.getValue()), std.getKey());
        }
    }

    /** The SBDH a JSON-LD document with only the pseudo-SBDH keys stands for. */
    static StandardBusinessDocumentHeader pseudoSbdh(String sender, String receiver, String instance) {
        return new StandardBusinessDocumentHeader(null,
                sender == null ? List.of() : List.of(Partner.of(null, sender)),
                receiver == null ? List.of() : List.of(Partner.of(null, receiver)),
                instance == null ? null : new DocumentIdentification(null, null, instance, null, null, null),
                null, null);
    }

    @Override
    public void writeHeader(EpcisHeader h) {
        if (headerWritten) {
            throw new IllegalStateException("the header has already been written");
        }
        headerWritten = true;
        Map<String, String> extra = new LinkedHashMap<>();
        for (Map.Entry<String, String> hint : options.namespaces().entrySet()) {
            String uri = JsonLdContext.toModel(hint.getValue());
            if (!hint.getKey().isEmpty() && !declared.containsKey(uri) && !declared.containsValue(hint.getKey())
                    && !uri.equals(Namespaces.EPCIS_1) && !uri.equals(Namespaces.EPCIS_2)) {
                declare(hint.getKey(), uri, extra);
            }
        }
        StandardBusinessDocumentHeader sbdh = h.sbdh();
        String sender = sbdh == null ? null : sbdh.senderIdentifier();
        String receiver = sbdh == null ? null : sbdh.receiverIdentifier();
        String instance = sbdh == null || sbdh.documentIdentification() == null ? null
                : sbdh.documentIdentification().instanceIdentifier();
        boolean fullSbdh = sbdh != null && !sbdh.equals(pseudoSbdh(sender, receiver, instance));
        List<ExtensionElement> headerTrees = new ArrayList<>();
        if (fullSbdh) {
            headerTrees.add(SbdhTrees.toTree(sbdh));
        }
        headerTrees.addAll(h.headerExtensions());
        collect(headerTrees, extra);
        collect(h.documentExtensions(), extra);
        for (MasterData.Vocabulary v : h.masterData().vocabularies()) {
            collect(v.extensions(), extra);
            for (MasterData.VocabularyElement el : v.elements()) {
                collect(el.extensions(), extra);
                for (MasterData.Attribute a : el.attributes()) {
                    collect(a.content(), extra);
                }
            }
        }
        try {
            g.writeStartObject();
            g.writeFieldName("@context");
            g.writeStartArray();
            g.writeString(Namespaces.EPCIS_CONTEXT);
            if (!extra.isEmpty()) {
                g.writeStartObject();
                for (Map.Entry<String, String> e : extra.entrySet()) {
                    g.writeStringField(e.getKey(), e.getValue());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("type", "EPCISDocument");
            g.writeStringField("schemaVersion", EpcisFormat.JSON_LD_2_0.schemaVersion());
            if (h.creationDate() != null) {
                g.writeStringField("creationDate", EpcisTime.format(h.creationDate()));
            }
            if (h.documentId() != null) {
                g.writeStringField("id", h.documentId());
            }
            if (sender != null) {
                g.writeStringField("sender", sender);
            }
            if (receiver != null) {
                g.writeStringField("receiver", receiver);
            }
            if (instance != null) {
                g.writeStringField("instanceIdentifier", instance);
            }
            if (!headerTrees.isEmpty() || !h.masterData().isEmpty()) {
                g.writeObjectFieldStart("epcisHeader");
                if (fullSbdh) {
                    trees(headerTrees.subList(0, 1), declared);
                }
                if (!h.masterData().isEmpty()) {
                    masterData(h.masterData());
                }
                trees(fullSbdh ? headerTrees.subList(1, headerTrees.size()) : headerTrees, declared);
                g.writeEndObject();
            }
            trees(h.documentExtensions(), declared);
            g.writeObjectFieldStart("epcisBody");
            g.writeArrayFieldStart("eventList");
        } catch (IOException e) {
            throw new EpcisWriteException("cannot write the document header", e);
        }
    }

    private void declare(String prefixHint, String uri, Map<String, String> extra) {
        String prefix = prefixHint;
        for (int i = 1; prefix.isEmpty() || declared.containsValue(prefix); i++) {
            prefix = "ns" + i;
        }
        declared.put(uri, prefix);
        extra.put(prefix, uri);
    }

    /** Declares the namespaces of these trees that are not yet declared. */
    private void collect(List<ExtensionElement> trees, Map<String, String> extra) {
        for (ExtensionElement e : trees) {
            if (!e.namespaceUri().isEmpty() && !declared.containsKey(e.namespaceUri())) {
                declare(e.prefix(), e.namespaceUri(), extra);
            }
            for (NamedValue a : e.attributes()) {
                if (!a.namespaceUri().isEmpty() && !isXsiType(a) && !declared.containsKey(a.namespaceUri())) {
                    declare(a.prefix(), a.namespaceUri(), extra);
                }
            }
            collect(e.children(), extra);
        }
    }

    private void collectFields(List<NamedValue> fields, Map<String, String> extra) {
        for (NamedValue f : fields) {
            if (!f.namespaceUri().isEmpty() && !declared.containsKey(f.namespaceUri())) {
                declare(f.prefix(), f.namespaceUri(), extra);
            }
        }
    }

    private void masterData(MasterData md) throws IOException {
        g.writeObjectFieldStart("epcisMasterData");
        g.writeArrayFieldStart("vocabularyList");
        for (MasterData.Vocabulary v : md.vocabularies()) {
            g.writeStartObject();
            g.writeStringField("type", v.type());
            g.writeArrayFieldStart("vocabularyElementList");
            for (MasterData.VocabularyElement el : v.elements()) {
                g.writeStartObject();
                g.writeStringField("id", el.id());
                if (!el.attributes().isEmpty()) {
                    g.writeArrayFieldStart("attributes");
                    for (MasterData.Attribute a : el.attributes()) {
                        g.writeStartObject();
                        g.writeStringField("id", a.id());
                        g.writeFieldName("attribute");
                        if (a.content().isEmpty()) {
                            g.writeString(a.value());
                        } else {
                            g.writeStartObject();
                            trees(a.content(), declared);
                            g.writeEndObject();
                        }
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                }
                if (!el.children().isEmpty()) {
                    g.writeArrayFieldStart("children");
                    for (String c : el.children()) {
                        g.writeString(c);
                    }
                    g.writeEndArray();
                }
                trees(el.extensions(), declared);
                g.writeEndObject();
            }
            g.writeEndArray();
            trees(v.extensions(), declared);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    @Override
    public void write(EpcisEvent e) {
        if (!headerWritten) {
            throw new IllegalStateException("write the header before the first event");
        }
        try {
            Map<String, String> scope = declared;
            Map<String, String> extra = new LinkedHashMap<>();
            collectEvent(e, extra);
            g.writeStartObject();
            if (!extra.isEmpty()) {
                g.writeObjectFieldStart("@context");
                for (Map.Entry<String, String> x : extra.entrySet()) {
                    g.writeStringField(x.getKey(), x.getValue());
                }
                g.writeEndObject();
            }
            g.writeStringField("type", e.type().elementName());
            g.writeStringField("eventTime", EpcisTime.format(e.eventTime()));
            if (e.recordTime() != null) {
                g.writeStringField("recordTime", EpcisTime.format(e.recordTime()));
            }
            optional("eventTimeZoneOffset", e.eventTimeZoneOffset());
            optional("eventID", e.eventId());
            if (e.errorDeclaration() != null) {
                errorDeclaration(e.errorDeclaration(), scope);
            }
            if (e.certificationInfo().size() == 1) {
                g.writeStringField("certificationInfo", e.certificationInfo().get(0));
            } else if (!e.certificationInfo().isEmpty()) {
                strings("certificationInfo", e.certificationInfo(), false);
            }
            switch (e.type()) {
                case OBJECT_EVENT -> strings("epcList", e.epcList(), true);
                case AGGREGATION_EVENT, ASSOCIATION_EVENT -> {
                    optional("parentID", e.parentId());
                    strings("childEPCs", e.childEpcs(), true);
                }
                case TRANSACTION_EVENT -> {
                    optional("parentID", e.parentId());
                    strings("epcList", e.epcList(), true);
                }
                case TRANSFORMATION_EVENT -> {
                    strings("inputEPCList", e.inputEpcList(), false);
                    strings("outputEPCList", e.outputEpcList(), false);
                }
            }
            quantities("quantityList", e.quantityList());
            quantities("childQuantityList", e.childQuantityList());
            quantities("inputQuantityList", e.inputQuantityList());
            quantities("outputQuantityList", e.outputQuantityList());
            if (e.action() != null) {
                g.writeStringField("action", e.action().name());
            }
            optional("transformationID", e.transformationId());
            if (e.bizStep() != null) {
                g.writeStringField("bizStep", e.bizStep().toBareWord());
            }
            if (e.disposition() != null) {
                g.writeStringField("disposition", e.disposition().toBareWord());
            }
            if (e.persistentDisposition() != null) {
                g.writeObjectFieldStart("persistentDisposition");
                cbvs("set", e.persistentDisposition().set());
                cbvs("unset", e.persistentDisposition().unset());
                g.writeEndObject();
            }
            location("readPoint", e.readPoint(), scope);
            location("bizLocation", e.bizLocation(), scope);
            if (!e.bizTransactionList().isEmpty()) {
                g.writeArrayFieldStart("bizTransactionList");
                for (BizTransaction t : e.bizTransactionList()) {
                    g.writeStartObject();
                    if (t.type() != null) {
                        g.writeStringField("type", t.type().toBareWord());
                    }
                    g.writeStringField("bizTransaction", t.value());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            typed("sourceList", "source", e.sourceList());
            typed("destinationList", "destination", e.destinationList());
            if (!e.sensorElementList().isEmpty()) {
                g.writeArrayFieldStart("sensorElementList");
                for (SensorElement s : e.sensorElementList()) {
                    sensorElement(s, scope);
                }
                g.writeEndArray();
            }
            if (e.ilmd() != null) {
                g.writeObjectFieldStart("ilmd");
                trees(e.ilmd(), scope);
                g.writeEndObject();
            }
            trees(e.extensions(), scope);
            g.writeEndObject();
            extra.values().forEach(declared::remove);     // the event's own @context ends with the event
        } catch (IOException ex) {
            throw new EpcisWriteException("cannot write " + e.type().elementName() + " of " + e.eventTime(), ex);
        }
    }

    /** Declares (for this event only) the namespaces the event uses that the document context lacks. */
    private void collectEvent(EpcisEvent e, Map<String, String> extra) {
        collect(e.extensions(), extra);
        if (e.ilmd() != null) {
            collect(e.ilmd(), extra);
        }
        if (e.readPoint() != null) {
            collect(e.readPoint().extensions(), extra);
        }
        if (e.bizLocation() != null) {
            collect(e.bizLocation().extensions(), extra);
        }
        if (e.errorDeclaration() != null) {
            collect(e.errorDeclaration().extensions(), extra);
        }
        for (SensorElement s : e.sensorElementList()) {
            collect(s.extensions(), extra);
            collectFields(s.metadata(), extra);
            for (List<NamedValue> r : s.reports()) {
                collectFields(r, extra);
            }
        }
    }

    private void errorDeclaration(ErrorDeclaration d, Map<String, String> scope) throws IOException {
        g.writeObjectFieldStart("errorDeclaration");
        g.writeStringField("declarationTime", EpcisTime.format(d.declarationTime()));
        if (d.reason() != null) {
            g.writeStringField("reason", d.reason().toBareWord());
        }
        if (!d.correctiveEventIds().isEmpty()) {
            strings("correctiveEventIDs", d.correctiveEventIds(), false);
        }
        trees(d.extensions(), scope);
        g.writeEndObject();
    }

    private void sensorElement(SensorElement s, Map<String, String> scope) throws IOException {
        g.writeStartObject();
        if (!s.metadata().isEmpty()) {
            g.writeObjectFieldStart("sensorMetadata");
            sensorFields(s.metadata());
            g.writeEndObject();
        }
        if (!s.reports().isEmpty()) {
            g.writeArrayFieldStart("sensorReport");
            for (List<NamedValue> r : s.reports()) {
                g.writeStartObject();
                sensorFields(r);
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        trees(s.extensions(), scope);
        g.writeEndObject();
    }

    private void sensorFields(List<NamedValue> fields) throws IOException {
        for (NamedValue f : fields) {
            if (!f.namespaceUri().isEmpty()) {
                g.writeStringField(declared.get(f.namespaceUri()) + ":" + f.localName(), f.value());
                continue;
            }
            String name = f.localName();
            String v = f.value();
            if (name.equals("type") && v.startsWith("gs1:")) {
                g.writeStringField(name, v.substring(4));
            } else if (NUMERIC_SENSOR_FIELDS.contains(name) && isNumber(v)) {
                g.writeFieldName(name);
                g.writeNumber(new BigDecimal(v.strip()));
            } else if (name.equals("booleanValue") && (v.equals("true") || v.equals("false"))) {
                g.writeBooleanField(name, Boolean.parseBoolean(v));
            } else {
                g.writeStringField(name, v);
            }
        }
    }

    private static boolean isNumber(String v) {
        try {
            new BigDecimal(v.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void location(String name, LocationRef l, Map<String, String> scope) throws IOException {
        if (l != null) {
            g.writeObjectFieldStart(name);
            g.writeStringField("id", l.id());
            trees(l.extensions(), scope);
            g.writeEndObject();
        }
    }

    private void typed(String list, String item, List<SourceDestination> entries) throws IOException {
        if (entries.isEmpty()) {
            return;
        }
        g.writeArrayFieldStart(list);
        for (SourceDestination s : entries) {
            g.writeStartObject();
            g.writeStringField("type", s.type().toBareWord());
            g.writeStringField(item, s.value());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private void quantities(String name, List<QuantityElement> list) throws IOException {
        if (list.isEmpty()) {
            return;
        }
        g.writeArrayFieldStart(name);
        for (QuantityElement q : list) {
            g.writeStartObject();
            g.writeStringField("epcClass", q.epcClass());
            if (q.quantity() != null) {
                g.writeFieldName("quantity");
                g.writeNumber(q.quantity());
            }
            optional("uom", q.uom());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private void cbvs(String name, List<CbvValue> values) throws IOException {
        if (values.isEmpty()) {
            return;
        }
        g.writeArrayFieldStart(name);
        for (CbvValue v : values) {
            g.writeString(v.toBareWord());
        }
        g.writeEndArray();
    }

    private void strings(String name, List<String> values, boolean required) throws IOException {
        if (values.isEmpty() && !required) {
            return;
        }
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private void optional(String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    // ---------------------------------------------------------------- extension trees

    /** Writes elements as fields of the current object, grouping elements of one name into an array. */
    private void trees(List<ExtensionElement> elements, Map<String, String> scope) throws IOException {
        Map<String, List<ExtensionElement>> groups = new LinkedHashMap<>();
        for (ExtensionElement e : elements) {
            groups.computeIfAbsent(key(e.namespaceUri(), e.localName(), scope), k -> new ArrayList<>()).add(e);
        }
        for (Map.Entry<String, List<ExtensionElement>> group : groups.entrySet()) {
            g.writeFieldName(group.getKey());
            if (group.getValue().size() == 1) {
                value(group.getValue().get(0), scope);
            } else {
                g.writeStartArray();
                for (ExtensionElement e : group.getValue()) {
                    value(e, scope);
                }
                g.writeEndArray();
            }
        }
    }

    private void value(ExtensionElement e, Map<String, String> scope) throws IOException {
        if (e.isLeaf() && e.attributes().isEmpty()) {
            g.writeString(e.text());
            return;
        }
        g.writeStartObject();
        for (NamedValue a : e.attributes()) {
            if (isXsiType(a)) {
                g.writeStringField("@type", a.value());
            } else {
                g.writeStringField("@" + key(a.namespaceUri(), a.localName(), scope), a.value());
            }
        }
        if (e.isLeaf()) {
            g.writeStringField("@value", e.text());
        } else {
            trees(e.children(), scope);
        }
        g.writeEndObject();
    }

    /** {@code xsi:type} is JSON-LD's {@code @type}; every other attribute travels as an {@code @name} key. */
    private static boolean isXsiType(NamedValue a) {
        return a.namespaceUri().equals(Namespaces.XSI) && a.localName().equals("type");
    }

    private static String key(String namespaceUri, String localName, Map<String, String> scope) {
        if (namespaceUri.isEmpty()) {
            return localName;
        }
        String prefix = scope.get(namespaceUri);
        if (prefix == null) {
            throw new IllegalStateException("namespace " + namespaceUri + " was not declared");
        }
        return prefix + ":" + localName;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!headerWritten) {
            throw new IllegalStateException("no header was written");
        }
        try {
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
            g.writeRaw('\n');
            g.close();
            out.flush();
        } catch (IOException e) {
            throw new EpcisWriteException("cannot finish the document", e);
        }
    }
}
