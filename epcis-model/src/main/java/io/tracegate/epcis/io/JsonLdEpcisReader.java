package io.tracegate.epcis.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import io.tracegate.epcis.xml.DocumentLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.commons.io.output.DeferredFileOutputStream;

/**
 * Streams EPCIS 2.0 JSON-LD with Jackson: the document is walked token by token and each event (small) is read as a
 * tree and mapped. Extension keys are expanded through the document's {@code @context}, and an event's own.
 *
 * <p>JSON members have no order, so the {@code @context} may come after {@code epcisBody} (all of GS1's
 * {@code WithFullCombinationOfFields} examples put it last). Events cannot be read before the context is known: when
 * the body comes first, it is copied token by token to a spool (in memory up to {@value #SPOOL_IN_MEMORY} bytes,
 * beyond that a temporary file deleted on {@link #close()}), the rest of the document is read, and the events are
 * then read from the spool. Memory stays bounded either way; a document with its context first is read in one pass.
 * Other members after the body (the {@code epcisHeader}) are in {@link #header()} once the events are read.
 *
 * <p>JSON has no attributes: XML attributes of extension elements travel as {@code "@name"} keys and
 * {@code xsi:type} as {@code "@type"}; a leaf that has attributes is an object with {@code "@value"}. These are the
 * conventions {@link JsonLdEpcisWriter} uses, so XML to JSON-LD to XML keeps them. An unprefixed {@code extension}
 * member of an event, location, error declaration, sensor element or master data element is the JSON form of XML's
 * {@code extension} wrapper, and as transparent as the XML reader makes it.
 *
 * <p>Hostile input is refused, naming where: duplicate member names, invalid UTF-8 (checked below this reader),
 * characters XML 1.0 forbids (NUL, lone surrogates) in any string, member names that are no XML names, and numbers
 * outside {@link Decimals}' range in quantities and numeric sensor values.
 */
final class JsonLdEpcisReader extends EpcisReader {

    /** Bytes of a spooled body kept in memory before it goes to a temporary file. */
    static final int SPOOL_IN_MEMORY = 1 << 20;
    private static final Set<String> NUMERIC_SENSOR_FIELDS =
            Set.of("value", "minValue", "maxValue", "meanValue", "sDev", "percRank", "percValue");

    /**
     * The parser factory and mapper for some limits: both thread-safe once built, and building them costs more than
     * reading a one-event document (stored events are read one by one), so they are shared per limits (few exist).
     */
    private record Parsing(JsonFactory factory, ObjectMapper mapper) {

        private static final Map<DocumentLimits, Parsing> SHARED = new ConcurrentHashMap<>();

        static Parsing of(DocumentLimits limits) {
            Parsing shared = SHARED.get(limits);
            if (shared != null) {
                return shared;
            }
            StreamReadConstraints.Builder c = StreamReadConstraints.builder()
                    .maxNestingDepth(limits.maxElementDepth())
                    .maxStringLength(limits.maxTextLength())
                    .maxNumberLength(Decimals.MAX_LITERAL);
            if (limits.maxDocumentBytes() != Long.MAX_VALUE) {
                c.maxDocumentLength(limits.maxDocumentBytes());
            }
            JsonFactory factory = JsonFactory.builder().streamReadConstraints(c.build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
            Parsing built = new Parsing(factory, new ObjectMapper(factory)
                    .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true)));
            if (SHARED.size() < 16) { // bounded: limits made per request would otherwise pile up
                SHARED.putIfAbsent(limits, built);
            }
            return built;
        }
    }

    private final JsonFactory factory;
    private final ObjectMapper mapper;
    private final JsonLdContext context = new JsonLdContext();
    private final Deque<String> containers = new ArrayDeque<>();
    private final ObjectNode rest;
    private final List<ExtensionElement> trailing = new ArrayList<>();
    private JsonParser p;
    private EpcisHeader header;
    private String documentType;
    private boolean contextSeen;
    /** The body, when it came before the context; read again once the rest of the document is read. */
    private DeferredFileOutputStream spool;
    private boolean readingSpool;
    private boolean inEventList;
    private boolean lateKeys;
    private boolean done;
    private int eventIndex;

    JsonLdEpcisReader(InputStream in, DocumentLimits limits) {
        Parsing parsing = Parsing.of(limits);
        factory = parsing.factory();
        mapper = parsing.mapper();
        rest = mapper.createObjectNode();
        try {
            p = factory.createParser(in);
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw error("a JSON-LD EPCIS document is an object");
            }
            containers.push("root");
            advanceToEvents();
        } catch (IOException e) {
            deleteSpool();
            throw failure(e);
        } catch (RuntimeException e) {
            deleteSpool();
            throw e;
        }
    }

    @Override
    public EpcisFormat format() {
        return EpcisFormat.JSON_LD_2_0;
    }

    @Override
    public EpcisHeader header() {
        if (trailing.isEmpty()) {
            return header;
        }
        List<ExtensionElement> all = new ArrayList<>(header.documentExtensions());
        all.addAll(trailing);
        return header.withDocumentExtensions(all);
    }

    @Override
    public Map<String, String> namespaces() {
        return Collections.unmodifiableMap(context.declared());
    }

    @Override
    public void close() {
        try {
            p.close();
        } catch (IOException e) {
            throw failure(e);
        } finally {
            deleteSpool();
        }
    }

    private void deleteSpool() {
        if (spool != null && !spool.isInMemory()) {
            try {
                Files.deleteIfExists(spool.getPath());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the spooled body " + spool.getPath(), e);
            }
        }
        spool = null;
    }

    // ---------------------------------------------------------------- document walk

    /**
     * Walks keys until the next event object starts (leaving the parser on its START_OBJECT) or the document ends.
     * The header is built when the body (or the end) is reached.
     */
    private void advanceToEvents() throws IOException {
        while (true) {
            JsonToken t = p.nextToken();
            if (t == null) {
                if (readingSpool) {
                    done = true;
                    return;
                }
                throw error("the document ends before its closing brace");
            }
            if (inEventList) {
                if (t == JsonToken.START_OBJECT) {
                    return;
                }
                if (t == JsonToken.END_ARRAY) {
                    inEventList = false;
                    continue;
                }
                throw error("eventList entries must be objects, found " + t);
            }
            if (t == JsonToken.END_OBJECT) {
                String closed = containers.pop();
                if (closed.equals("root")) {
                    if (spool != null) {
                        readSpool();
                        continue;
                    }
                    if (header == null) {
                        finishWithoutBody();
                    } else if (lateKeys || documentType == null) {
                        buildHeader(true);
                    }
                    done = true;
                    return;
                }
                continue;
            }
            String key = p.currentName();
            p.nextToken();
            String where = containers.peek();
            if (where.equals("root")) {
                rootKey(key);
            } else if (key.equals("eventList") && (where.equals("epcisBody") || where.equals("resultsBody"))) {
                if (p.currentToken() != JsonToken.START_ARRAY) {
                    throw error("eventList must be an array");
                }
                inEventList = true;
            } else if (where.equals("epcisBody") && key.equals("queryResults")
                    || where.equals("queryResults") && key.equals("resultsBody")) {
                enterObject(key);
            } else if (where.equals("queryResults")) {
                p.skipChildren();    // queryName, subscriptionID: query bookkeeping
            } else {
                JsonNode value = mapper.readTree(p);
                trailing.addAll(extension(key, value, context));
            }
        }
    }

    private void enterObject(String key) {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw error(key + " must be an object");
        }
        containers.push(key);
    }

    private void rootKey(String key) throws IOException {
        switch (key) {
            case "@context" -> {
                readContext(mapper.readTree(p), context);
                contextSeen = true;
            }
            case "epcisBody" -> {
                if (contextSeen) {
                    buildHeader(false);
                    enterObject(key);
                } else {
                    spoolBody();
                }
            }
            case "type" -> {
                documentType = scalar(mapper.readTree(p), "type");
                rest.put("type", documentType);
                lateKeys = header != null;
            }
            default -> {
                rest.set(key, mapper.readTree(p));
                lateKeys = header != null;     // JSON has no key order: the header may follow the body
            }
        }
    }

    /** Copies the body, token by token, until the context (which must follow it) has been read. */
    private void spoolBody() throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw error("epcisBody must be an object");
        }
        spool = DeferredFileOutputStream.builder().setThreshold(SPOOL_IN_MEMORY)
                .setPrefix("tracegate-epcis-body-").setSuffix(".json").get();
        try (JsonGenerator g = factory.createGenerator(spool)) {
            g.copyCurrentStructure(p);
        }
    }

    /** The whole document is read and its context known: the header is built and the events read from the spool. */
    private void readSpool() throws IOException {
        buildHeader(true);
        JsonParser body = factory.createParser(spool.toInputStream());
        p.close();
        p = body;
        readingSpool = true;
        p.nextToken();
        containers.push("epcisBody");
    }

    private void finishWithoutBody() {
        requireContext();
        EventType bare = documentType == null ? null : EventType.fromElementName(documentType);
        if (bare != null) {
            header = EpcisHeader.minimal(null, null);
            eventIndex++;
            singleEvent(event(rest, context));
        } else {
            buildHeader(true);
        }
    }

    private void requireContext() {
        if (!contextSeen) {
            throw error("the document has no @context: a JSON-LD EPCIS document names the EPCIS 2.0 context ("
                    + Namespaces.EPCIS_CONTEXT + ") in its @context");
        }
    }

    /**
     * Builds the header from the members read so far; {@code complete} once the whole document is read, when a
     * missing type is an error (while streaming, the type may still follow the body).
     */
    private void buildHeader(boolean complete) {
        requireContext();
        if (documentType == null && complete) {
            throw error("the document has no type: an EPCIS JSON-LD document is an EPCISDocument, an"
                    + " EPCISQueryDocument or one event");
        }
        if (documentType != null && !documentType.equals("EPCISDocument")
                && !documentType.equals("EPCISQueryDocument") && EventType.fromElementName(documentType) == null) {
            throw error("type '" + documentType + "' is not an EPCIS document, query document or event");
        }
        String schemaVersion = null;
        OffsetDateTime creationDate = null;
        String id = null;
        String sender = null;
        String receiver = null;
        String instance = null;
        StandardBusinessDocumentHeader sbdh = null;
        MasterData masterData = MasterData.EMPTY;
        List<ExtensionElement> headerExtensions = new ArrayList<>();
        List<ExtensionElement> documentExtensions = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = rest.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode v = f.getValue();
            switch (f.getKey()) {
                case "type" -> { }
                case "schemaVersion" -> schemaVersion = scalar(v, "schemaVersion");
                case "creationDate" -> creationDate = time(v, "creationDate");
                case "id" -> id = scalar(v, "id");
                case "sender" -> sender = scalar(v, "sender");
                case "receiver" -> receiver = scalar(v, "receiver");
                case "instanceIdentifier" -> instance = scalar(v, "instanceIdentifier");
                case "epcisHeader" -> {
                    for (Iterator<Map.Entry<String, JsonNode>> h = v.fields(); h.hasNext(); ) {
                        Map.Entry<String, JsonNode> hf = h.next();
                        if (hf.getKey().equals("epcisMasterData")) {
                            masterData = masterData(hf.getValue());
                            continue;
                        }
                        for (ExtensionElement e : extension(hf.getKey(), hf.getValue(), context)) {
                            if (e.namespaceUri().equals(SbdhTrees.NS) && e.localName().equals(SbdhTrees.ROOT)) {
                                try {
                                    sbdh = SbdhTrees.fromTree(e);
                                } catch (IllegalArgumentException ex) {
                                    throw error("epcisHeader: " + ex.getMessage());
                                }
                            } else {
                                headerExtensions.add(e);
                            }
                        }
                    }
                }
                default -> documentExtensions.addAll(extension(f.getKey(), v, context));
            }
        }
        if (sbdh == null && (sender != null || receiver != null || instance != null)) {
            sbdh = JsonLdEpcisWriter.pseudoSbdh(sender, receiver, instance);
        }
        header = new EpcisHeader(schemaVersion, creationDate, id, sbdh, masterData, headerExtensions,
                documentExtensions);
    }

    @Override
    protected EpcisEvent readNext() {
        if (done) {
            return null;
        }
        try {
            eventIndex++;
            JsonNode node = mapper.readTree(p);
            EpcisEvent e = event(node, context);
            advanceToEvents();
            return e;
        } catch (IOException e) {
            throw failure(e);
        }
    }

    // ---------------------------------------------------------------- context

    private void readContext(JsonNode node, JsonLdContext into) {
        if (node.isArray()) {
            for (JsonNode item : node) {
                readContext(item, into);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                JsonNode v = f.getValue();
                JsonNode id = v.isObject() ? v.get("@id") : v;
                if (id != null && id.isTextual() && !f.getKey().startsWith("@") && !f.getKey().contains(":")) {
                    into.declare(f.getKey(), text(id, "@context member " + f.getKey()));
                }
            }
        }
        // a string is a context document IRI: the standard EPCIS context is built in, others are not fetched
    }

    // ---------------------------------------------------------------- events

    private EpcisEvent event(JsonNode node, JsonLdContext outer) {
        if (!node.isObject()) {
            throw error("an event must be an object");
        }
        JsonLdContext ctx = outer;
        if (node.has("@context")) {
            ctx = outer.copy();
            readContext(node.get("@context"), ctx);
        }
        String typeName = node.path("type").asText(null);
        EventType type = typeName == null ? null : EventType.fromElementName(typeName);
        if (type == null) {
            throw error("event type '" + typeName + "' is not one of ObjectEvent, AggregationEvent, "
                    + "TransactionEvent, TransformationEvent, AssociationEvent");
        }
        EpcisEvent.Builder b = EpcisEvent.builder(type);
        boolean[] seenTime = new boolean[1];
        eventMembers(node, b, ctx, seenTime);
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
     * The members of an event, or of its {@code extension} (or 1.2-style {@code baseExtension}) wrapper, which is
     * transparent as in XML.
     */
    private void eventMembers(JsonNode node, EpcisEvent.Builder b, JsonLdContext ctx, boolean[] seenTime) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String key = f.getKey();
            JsonNode v = f.getValue();
            switch (key) {
                case "type", "@context" -> { }
                case "eventTime" -> {
                    b.eventTime(time(v, "eventTime"));
                    seenTime[0] = true;
                }
                case "recordTime" -> b.recordTime(time(v, "recordTime"));
                case "eventTimeZoneOffset" -> b.eventTimeZoneOffset(text(v, key));
                case "eventID" -> b.eventId(text(v, key));
                case "errorDeclaration" -> b.errorDeclaration(errorDeclaration(v, ctx));
                case "certificationInfo" -> {
                    if (v.isArray()) {
                        for (JsonNode c : v) {
                            b.addCertificationInfo(text(c, key));
                        }
                    } else {
                        b.addCertificationInfo(text(v, key));
                    }
                }
                case "parentID" -> b.parentId(text(v, key));
                case "epcList" -> strings(v, key, b::addEpc);
                case "childEPCs" -> strings(v, key, b::addChildEpc);
                case "inputEPCList" -> strings(v, key, b::addInputEpc);
                case "outputEPCList" -> strings(v, key, b::addOutputEpc);
                case "quantityList" -> quantities(v, key, b::addQuantity);
                case "childQuantityList" -> quantities(v, key, b::addChildQuantity);
                case "inputQuantityList" -> quantities(v, key, b::addInputQuantity);
                case "outputQuantityList" -> quantities(v, key, b::addOutputQuantity);
                case "action" -> b.action(action(text(v, key)));
                case "transformationID" -> b.transformationId(text(v, key));
                case "bizStep" -> b.bizStep(cbv(CbvVocabulary.BIZ_STEP, v, key));
                case "disposition" -> b.disposition(cbv(CbvVocabulary.DISPOSITION, v, key));
                case "persistentDisposition" -> {
                    onlyKeys(v, key, "set", "unset");
                    b.persistentDisposition(new PersistentDisposition(
                            cbvList(v.path("set"), "persistentDisposition.set"),
                            cbvList(v.path("unset"), "persistentDisposition.unset")));
                }
                case "readPoint" -> b.readPoint(location(v, key, ctx));
                case "bizLocation" -> b.bizLocation(location(v, key, ctx));
                case "bizTransactionList" -> {
                    for (JsonNode t : array(v, key)) {
                        onlyKeys(t, "bizTransactionList entry", "type", "bizTransaction");
                        JsonNode typeNode = t.get("type");
                        b.addBizTransaction(new BizTransaction(typeNode == null ? null
                                : cbv(CbvVocabulary.BIZ_TRANSACTION_TYPE, typeNode, "bizTransaction type"),
                                text(t.path("bizTransaction"), "bizTransaction")));
                    }
                }
                case "sourceList" -> sourceDestinations(v, "source", b::addSource);
                case "destinationList" -> sourceDestinations(v, "destination", b::addDestination);
                case "sensorElementList" -> {
                    for (JsonNode s : array(v, key)) {
                        b.addSensorElement(sensorElement(s, ctx));
                    }
                }
                case "ilmd" -> {
                    if (!v.isObject()) {
                        throw error("ilmd must be an object");
                    }
                    List<ExtensionElement> ilmd = new ArrayList<>();
                    for (Iterator<Map.Entry<String, JsonNode>> i = v.fields(); i.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = i.next();
                        ilmd.addAll(extension(e.getKey(), e.getValue(), ctx));
                    }
                    b.ilmd(ilmd);
                }
                case "extension", "baseExtension" -> {
                    if (v.isObject()) {
                        eventMembers(v, b, ctx, seenTime);
                    } else {
                        extension(key, v, ctx).forEach(b::addExtension);
                    }
                }
                default -> extension(key, v, ctx).forEach(b::addExtension);
            }
        }
    }

    private ErrorDeclaration errorDeclaration(JsonNode v, JsonLdContext ctx) {
        OffsetDateTime time = null;
        CbvValue reason = null;
        List<String> corrective = new ArrayList<>();
        List<ExtensionElement> extensions = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            switch (f.getKey()) {
                case "declarationTime" -> time = time(f.getValue(), "errorDeclaration.declarationTime");
                case "reason" -> reason = cbv(CbvVocabulary.ERROR_REASON, f.getValue(), "errorDeclaration.reason");
                case "correctiveEventIDs" -> strings(f.getValue(), "correctiveEventIDs", corrective::add);
                default -> extensions.addAll(wrapped(f.getKey(), f.getValue(), ctx));
            }
        }
        if (time == null) {
            throw error("errorDeclaration has no declarationTime");
        }
        return new ErrorDeclaration(time, reason, corrective, extensions);
    }

    private LocationRef location(JsonNode v, String field, JsonLdContext ctx) {
        String id = null;
        List<ExtensionElement> extensions = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equals("id")) {
                id = text(f.getValue(), field + ".id");
            } else {
                extensions.addAll(wrapped(f.getKey(), f.getValue(), ctx));
            }
        }
        if (id == null) {
            throw error(field + " has no id");
        }
        return new LocationRef(id, extensions);
    }

    private void sourceDestinations(JsonNode v, String item, Consumer<SourceDestination> sink) {
        for (JsonNode s : array(v, item + "List")) {
            onlyKeys(s, item + "List entry", "type", item);
            JsonNode type = s.get("type");
            if (type == null) {
                throw error(item + " has no type");
            }
            sink.accept(new SourceDestination(cbv(CbvVocabulary.SOURCE_DESTINATION_TYPE, type, item + " type"),
                    text(s.path(item), item)));
        }
    }

    private SensorElement sensorElement(JsonNode s, JsonLdContext ctx) {
        List<NamedValue> metadata = List.of();
        List<List<NamedValue>> reports = new ArrayList<>();
        List<ExtensionElement> extensions = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            switch (f.getKey()) {
                case "sensorMetadata" -> metadata = sensorFields(f.getValue(), ctx);
                case "sensorReport" -> {
                    for (JsonNode r : array(f.getValue(), "sensorReport")) {
                        reports.add(sensorFields(r, ctx));
                    }
                }
                default -> extensions.addAll(wrapped(f.getKey(), f.getValue(), ctx));
            }
        }
        return new SensorElement(metadata, reports, extensions);
    }

    private List<NamedValue> sensorFields(JsonNode node, JsonLdContext ctx) {
        if (!node.isObject()) {
            throw error("sensorMetadata and sensorReport must be objects");
        }
        List<NamedValue> fields = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String key = f.getKey();
            String value = scalar(f.getValue(), key);
            int colon = key.indexOf(':');
            if (colon < 0) {
                if (key.equals("type") && value.indexOf(':') < 0) {
                    value = "gs1:" + value;     // the XML form of a GS1 measurement type
                } else if (NUMERIC_SENSOR_FIELDS.contains(key)) {
                    sensorNumber(value, key);
                }
                name(key, key);
                fields.add(NamedValue.unqualified(key, value));
            } else {
                String prefix = key.substring(0, colon);
                name(key, key.substring(colon + 1));
                fields.add(new NamedValue(namespace(prefix, key, ctx), prefix, key.substring(colon + 1), value));
            }
        }
        return fields;
    }

    // ---------------------------------------------------------------- master data

    private MasterData masterData(JsonNode md) {
        List<MasterData.Vocabulary> vocabularies = new ArrayList<>();
        for (JsonNode v : array(md.path("vocabularyList"), "vocabularyList")) {
            String type = text(v.path("type"), "vocabulary type");
            List<MasterData.VocabularyElement> elements = new ArrayList<>();
            List<ExtensionElement> vocabularyExtensions = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                switch (f.getKey()) {
                    case "type" -> { }
                    case "vocabularyElementList" -> {
                        for (JsonNode el : array(f.getValue(), "vocabularyElementList")) {
                            elements.add(vocabularyElement(el));
                        }
                    }
                    default -> vocabularyExtensions.addAll(wrapped(f.getKey(), f.getValue(), context));
                }
            }
            vocabularies.add(new MasterData.Vocabulary(type, elements, vocabularyExtensions));
        }
        return new MasterData(vocabularies);
    }

    private MasterData.VocabularyElement vocabularyElement(JsonNode el) {
        String id = text(el.path("id"), "vocabulary element id");
        List<MasterData.Attribute> attributes = new ArrayList<>();
        List<String> children = new ArrayList<>();
        List<ExtensionElement> extensions = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = el.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            switch (f.getKey()) {
                case "id" -> { }
                case "attributes" -> {
                    for (JsonNode a : array(f.getValue(), "attributes")) {
                        String attributeId = text(a.path("id"), "attribute id");
                        JsonNode value = a.path("attribute");
                        if (value.isObject()) {
                            List<ExtensionElement> content = new ArrayList<>();
                            for (Iterator<Map.Entry<String, JsonNode>> c = value.fields(); c.hasNext(); ) {
                                Map.Entry<String, JsonNode> cf = c.next();
                                content.addAll(extension(cf.getKey(), cf.getValue(), context));
                            }
                            attributes.add(new MasterData.Attribute(attributeId, "", content));
                        } else {
                            attributes.add(MasterData.Attribute.of(attributeId,
                                    value.isMissingNode() || value.isNull() ? "" : scalar(value, attributeId)));
                        }
                    }
                }
                case "children" -> strings(f.getValue(), "children", children::add);
                default -> extensions.addAll(wrapped(f.getKey(), f.getValue(), context));
            }
        }
        return new MasterData.VocabularyElement(id, attributes, children, extensions);
    }

    // ---------------------------------------------------------------- extension trees

    /**
     * The elements of a member of an event part with an extension point (location, error declaration, sensor
     * element, master data): an unprefixed {@code extension} object is the XML wrapper, its members the elements.
     */
    private List<ExtensionElement> wrapped(String key, JsonNode value, JsonLdContext ctx) {
        if (!key.equals("extension") || !value.isObject()) {
            return extension(key, value, ctx);
        }
        List<ExtensionElement> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            out.addAll(extension(f.getKey(), f.getValue(), ctx));
        }
        return out;
    }

    /** The element(s) of one JSON key: an array gives one element per item. */
    private List<ExtensionElement> extension(String key, JsonNode value, JsonLdContext ctx) {
        if (key.startsWith("@")) {
            return List.of();     // JSON-LD keywords such as @id have no element form
        }
        String ns = "";
        String prefix = "";
        String local = key;
        int colon = key.indexOf(':');
        if (colon > 0) {
            prefix = key.substring(0, colon);
            local = key.substring(colon + 1);
            ns = namespace(prefix, key, ctx);
        }
        name(key, local);
        List<ExtensionElement> out = new ArrayList<>();
        if (value.isArray()) {
            for (JsonNode item : value) {
                out.add(element(ns, prefix, local, key, item, ctx));
            }
        } else {
            out.add(element(ns, prefix, local, key, value, ctx));
        }
        return out;
    }

    private ExtensionElement element(String ns, String prefix, String local, String key, JsonNode value,
            JsonLdContext outer) {
        if (!value.isObject()) {
            return ExtensionElement.leaf(ns, prefix, local, scalar(value, key));
        }
        JsonLdContext ctx = outer;
        if (value.has("@context")) {     // JSON-LD allows a context on any object
            ctx = outer.copy();
            readContext(value.get("@context"), ctx);
        }
        List<NamedValue> attributes = new ArrayList<>();
        List<ExtensionElement> children = new ArrayList<>();
        String text = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String member = f.getKey();
            if (member.equals("@value")) {
                text = scalar(f.getValue(), key);
            } else if (member.equals("@type")) {
                attributes.add(new NamedValue(Namespaces.XSI, "xsi", "type", scalar(f.getValue(), key + " @type")));
            } else if (member.equals("@context")) {
                continue;
            } else if (member.startsWith("@") && member.length() > 1) {
                String name = member.substring(1);
                int colon = name.indexOf(':');
                String attributeLocal = colon < 0 ? name : name.substring(colon + 1);
                name(member, attributeLocal);
                attributes.add(colon < 0 ? NamedValue.unqualified(name, scalar(f.getValue(), member))
                        : new NamedValue(namespace(name.substring(0, colon), member, ctx), name.substring(0, colon),
                                attributeLocal, scalar(f.getValue(), member)));
            } else {
                children.addAll(extension(member, f.getValue(), ctx));
            }
        }
        return new ExtensionElement(ns, prefix, local, attributes, text == null ? "" : text, children);
    }

    /** A member name must make an XML name: the model writes every extension as an element. */
    private void name(String key, String local) {
        if (!XmlCharacters.isNcName(local)) {
            throw error("member name '" + key + "' is not a valid XML name (prefix:name, the name starting with a"
                    + " letter or '_' and holding letters, digits, '.', '-', '_')");
        }
    }

    private String namespace(String prefix, String key, JsonLdContext ctx) {
        String ns = ctx.namespaceOf(prefix);
        if (ns == null) {
            if (prefix.equals("http") || prefix.equals("https") || prefix.equals("urn")) {
                throw error("key '" + key + "' is an absolute IRI; extension keys must be compact IRIs "
                        + "(prefix:name) with the prefix declared in @context");
            }
            // JSON-LD reads a compact IRI with an undefined prefix as an absolute IRI with that scheme
            return prefix + ":";
        }
        return ns;
    }

    // ---------------------------------------------------------------- scalars

    private String scalar(JsonNode v, String field) {
        if (v.isTextual()) {
            return checked(v.textValue(), field);
        }
        if (v.isNumber()) {
            return v.isBigDecimal() ? v.decimalValue().toString() : v.asText();
        }
        if (v.isBoolean()) {
            return v.asText();
        }
        if (v.isNull()) {
            return "";
        }
        throw error(field + " must be a string, number or boolean");
    }

    private String text(JsonNode v, String field) {
        if (v == null || v.isMissingNode()) {
            throw error(field + " is missing");
        }
        if (!v.isTextual()) {
            throw error(field + " must be a string");
        }
        return checked(v.textValue(), field).strip();
    }

    /** A string as read, unless it holds a character XML (and so the model) cannot carry. */
    private String checked(String s, String field) {
        int bad = XmlCharacters.firstForbidden(s);
        if (bad >= 0) {
            throw error(field + " holds the character " + XmlCharacters.describe(s, bad) + " at position " + bad
                    + ", which XML 1.0 forbids");
        }
        return s;
    }

    /** Structures the model holds completely have no room for more: an unknown key is an error, not a loss. */
    private void onlyKeys(JsonNode object, String where, String... allowed) {
        if (!object.isObject()) {
            throw error(where + " must be an object");
        }
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!List.of(allowed).contains(key)) {
                throw error("unexpected key '" + key + "' in " + where + " (allowed: " + String.join(", ", allowed)
                        + ")");
            }
        }
    }

    private Iterable<JsonNode> array(JsonNode v, String field) {
        if (!v.isArray()) {
            throw error(field + " must be an array");
        }
        return v;
    }

    private void strings(JsonNode v, String field, Consumer<String> sink) {
        for (JsonNode s : array(v, field)) {
            sink.accept(text(s, field + " entry"));
        }
    }

    private void quantities(JsonNode v, String field, Consumer<QuantityElement> sink) {
        for (JsonNode q : array(v, field)) {
            onlyKeys(q, field + " entry", "epcClass", "quantity", "uom");
            String epcClass = text(q.path("epcClass"), field + " epcClass");
            JsonNode quantity = q.get("quantity");
            BigDecimal amount = null;
            if (quantity != null && !quantity.isNull()) {
                if (!quantity.isNumber()) {
                    throw error(field + " quantity '" + quantity.asText() + "' is not a number");
                }
                amount = decimal(quantity.decimalValue(), field + " quantity");
            }
            JsonNode uom = q.get("uom");
            sink.accept(new QuantityElement(epcClass, amount, uom == null ? null : text(uom, field + " uom")));
        }
    }

    /** A numeric sensor field must be a number in range: the hash writes it out in plain form. */
    private void sensorNumber(String value, String field) {
        try {
            Decimals.parse(value);
        } catch (IllegalArgumentException e) {
            throw error("sensorReport " + field + ": " + e.getMessage());
        }
    }

    private BigDecimal decimal(BigDecimal d, String field) {
        try {
            return Decimals.requireInRange(d);
        } catch (IllegalArgumentException e) {
            throw error(field + ": " + e.getMessage());
        }
    }

    private List<CbvValue> cbvList(JsonNode v, String field) {
        List<CbvValue> list = new ArrayList<>();
        if (!v.isMissingNode()) {
            for (JsonNode d : array(v, field)) {
                list.add(cbv(CbvVocabulary.DISPOSITION, d, field));
            }
        }
        return list;
    }

    private CbvValue cbv(CbvVocabulary vocabulary, JsonNode v, String field) {
        String s = text(v, field);
        if (s.isEmpty()) {
            throw error(field + " is empty");
        }
        return CbvValue.parse(vocabulary, s, true);
    }

    private Action action(String s) {
        return switch (s) {
            case "ADD" -> Action.ADD;
            case "OBSERVE" -> Action.OBSERVE;
            case "DELETE" -> Action.DELETE;
            default -> throw error("action '" + s + "' is not one of ADD, OBSERVE, DELETE");
        };
    }

    private OffsetDateTime time(JsonNode v, String field) {
        try {
            return EpcisTime.parse(text(v, field));
        } catch (DateTimeException e) {
            throw error(field + ": " + e.getMessage());
        }
    }

    private EpcisReadException error(String message) {
        var l = p == null ? null : p.currentLocation();
        // positions in the spool are not the document's: name the part instead
        String at = readingSpool ? "in epcisBody" : l == null ? "" : "line " + l.getLineNr() + ", column "
                + l.getColumnNr();
        if (eventIndex > 0) {
            at += " (event " + (eventIndex - 1) + ")";
        }
        return new EpcisReadException(at.isEmpty() ? message : at + ": " + message);
    }

    private EpcisReadException failure(IOException e) {
        return new EpcisReadException("malformed JSON: " + e.getMessage().replace('\n', ' '), e);
    }
}
