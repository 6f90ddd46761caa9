package io.tracegate.epcis.validation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Format;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.DisallowSchemaLoader;
import io.tracegate.epcis.xml.DocumentLimits;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Schema layer for EPCIS 2.0 JSON / JSON-LD: validates a document against a draft-07 EPCIS JSON Schema, by default
 * Tracegate's own ({@value #BUNDLED_SCHEMA}, written from the EPCIS 2.0 JSON binding and checked against GS1's
 * schema on the oracle documents and on mutations of them; see the tests).
 *
 * <p>Streams: the document is read with Jackson's streaming parser; each member of {@code epcisBody.eventList}
 * (or {@code epcisBody.queryResults.resultsBody.eventList}) is read, validated against the schema's
 * {@code EPCIS-Document-Event} definition and dropped, so memory holds one event at a time; the rest of the document,
 * with an empty event list, is then validated against the whole schema. The schema is compiled once per instance
 * and only ever loaded from the location given (a local file or classpath entry): a reference to anything else fails
 * instead of going to the network.
 *
 * <p>Thread-safe once constructed. The JSON-LD {@code @context} is not dereferenced: the JSON Schema checks the JSON
 * form, which is what EPCIS 2.0 requires of a JSON-LD document.
 */
public final class JsonSchemaValidator {

    public static final String RULE = "json-schema";
    public static final String RULE_MALFORMED = "json.malformed";

    /**
     * System property naming a local EPCIS JSON Schema to use instead of the bundled one, e.g. a copy of GS1's
     * {@code EPCIS-JSON-Schema.json}.
     */
    public static final String SCHEMA_PROPERTY = "tracegate.epcis.json-schema";

    /** Tracegate's EPCIS 2.0 JSON Schema, a classpath resource relative to this class. */
    static final String BUNDLED_SCHEMA = "json/epcis-json-schema.json";

    public static final String RULE_LIMIT = "json.limit";

    // The model reader's limits: a hostile document cannot make this pass hold unbounded strings or nesting.
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(DocumentLimits.DEFAULT.maxElementDepth())
                    .maxStringLength(DocumentLimits.DEFAULT.maxTextLength())
                    .build())
            .build());
    private static final List<List<String>> EVENT_LISTS = List.of(
            List.of("epcisBody", "eventList"),
            List.of("epcisBody", "queryResults", "resultsBody", "eventList"));

    private final JsonSchema documentSchema;
    private final JsonSchema eventSchema;

    /**
     * Compiles the EPCIS JSON Schema read from {@code schema}, which must be a {@code file:} or {@code jar:} location
     * (nothing is fetched over a network) and must define {@code #/definitions/EPCIS-Document-Event}.
     */
    public JsonSchemaValidator(URL schema) throws IOException {
        if (!schema.getProtocol().equals("file") && !schema.getProtocol().equals("jar")) {
            throw new IllegalArgumentException("the EPCIS JSON Schema must be a local file or classpath entry, not "
                    + schema);
        }
        String text;
        try (InputStream in = schema.openStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        JsonNode id = MAPPER.readTree(text).get("$id");
        if (id == null || !id.isTextual()) {
            throw new IllegalArgumentException(schema + " has no $id: is it an EPCIS JSON Schema?");
        }
        JsonMetaSchema draft7 = JsonMetaSchema.builder(JsonMetaSchema.getV7()).format(new AnyUri()).build();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7,
                builder -> builder.metaSchema(draft7).schemaLoaders(loaders -> loaders
                        .schemas(Map.of(id.asText(), text))
                        .add(DisallowSchemaLoader.getInstance())));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();
        this.documentSchema = factory.getSchema(SchemaLocation.of(id.asText()), config);
        this.eventSchema = factory.getSchema(
                SchemaLocation.of(id.asText() + "#/definitions/EPCIS-Document-Event"), config);
        documentSchema.initializeValidators();
        eventSchema.initializeValidators();
    }

    /**
     * The validator for the file named by the system property {@value #SCHEMA_PROPERTY} when it is set, else for the
     * bundled schema {@value #BUNDLED_SCHEMA}.
     *
     * @throws IOException when the configured file cannot be read
     */
    public static JsonSchemaValidator bundled() throws IOException {
        String configured = System.getProperty(SCHEMA_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return new JsonSchemaValidator(Path.of(configured).toUri().toURL());
        }
        URL url = JsonSchemaValidator.class.getResource(BUNDLED_SCHEMA);
        if (url == null) {
            throw new IllegalStateException(BUNDLED_SCHEMA + " is missing next to " + JsonSchemaValidator.class.getName()
                    + " on the classpath: the build that made this jar is broken");
        }
        return new JsonSchemaValidator(url);
    }

    /** All findings for the document. */
    public List<ValidationFinding> validate(InputStream json) throws IOException {
        List<ValidationFinding> findings = new ArrayList<>();
        validate(json, findings::add);
        return findings;
    }

    /** Streams findings to {@code sink}: each event's as soon as it is read, the document's at the end. */
    public void validate(InputStream json, Consumer<ValidationFinding> sink) throws IOException {
        try (JsonParser parser = MAPPER.createParser(json)) {
            if (parser.nextToken() == null) {
                sink.accept(ValidationFinding.error(ValidationFinding.DOCUMENT, "", RULE_MALFORMED, "empty input"));
                return;
            }
            JsonNode skeleton = new Reader(parser, sink).read(new ArrayList<>());
            if (parser.nextToken() != null) {
                throw new JsonParseTrailer(parser);
            }
            report(documentSchema.validate(skeleton), ValidationFinding.DOCUMENT, "", sink);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation() != null ? e.getLocation() : parserLocation(e);
            sink.accept(ValidationFinding.error(ValidationFinding.DOCUMENT, "",
                    e instanceof StreamConstraintsException ? RULE_LIMIT : RULE_MALFORMED,
                    (at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ")
                            + e.getOriginalMessage()));
        }
    }

    // Constraint violations carry no location of their own; the parser that raised them knows it.
    private static JsonLocation parserLocation(JsonProcessingException e) {
        return e.getProcessor() instanceof JsonParser p ? p.currentLocation() : null;
    }

    private static void report(Iterable<ValidationMessage> messages, int eventIndex, String prefix,
            Consumer<ValidationFinding> sink) {
        for (ValidationMessage message : messages) {
            String where = prefix + message.getInstanceLocation().toString();
            sink.accept(ValidationFinding.error(eventIndex, where, RULE,
                    (where.isEmpty() ? "/" : where) + ": " + message.getError()));
        }
    }

    /**
     * Format {@code uri} taken as an annotation, as the reference validators treat it. Our schema does not use it (it
     * states IRI shapes as patterns); GS1's, when configured, lets extension members through only as URI-named
     * properties and leaves {@code persistentDisposition} out of the Aggregation and Transaction events' own member
     * lists, so asserting {@code uri} strictly would reject GS1's and OpenEPCIS's valid examples.
     */
    private static final class AnyUri implements Format {
        @Override
        public String getName() {
            return "uri";
        }

        @Override
        public boolean matches(ExecutionContext context, String value) {
            return true;
        }
    }

    /** Builds the document without its events, validating each event on the way. */
    private final class Reader {
        private final JsonParser parser;
        private final Consumer<ValidationFinding> sink;
        private int eventsSeen;

        Reader(JsonParser parser, Consumer<ValidationFinding> sink) {
            this.parser = parser;
            this.sink = sink;
        }

        /** Reads the value at the current token; {@code path} is its location in the document. */
        JsonNode read(List<String> path) throws IOException {
            if (!onTheWayToEvents(path)) {
                return MAPPER.readTree(parser);
            }
            if (parser.currentToken() == JsonToken.START_ARRAY && EVENT_LISTS.contains(path)) {
                return readEvents(path);
            }
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                return MAPPER.readTree(parser);
            }
            ObjectNode object = MAPPER.createObjectNode();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                path.add(name);
                object.set(name, read(path));
                path.remove(path.size() - 1);
            }
            return object;
        }

        private ArrayNode readEvents(List<String> path) throws IOException {
            String pointer = "/" + String.join("/", path) + "/";
            int position = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                JsonNode event = MAPPER.readTree(parser);
                report(eventSchema.validate(event), eventsSeen++, pointer + position++, sink);
            }
            return MAPPER.createArrayNode();
        }

        private boolean onTheWayToEvents(List<String> path) {
            for (List<String> events : EVENT_LISTS) {
                if (path.size() <= events.size() && events.subList(0, path.size()).equals(path)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Content after the top-level value. */
    private static final class JsonParseTrailer extends JsonProcessingException {
        JsonParseTrailer(JsonParser parser) {
            super("unexpected content after the end of the JSON document", parser.currentLocation());
        }
    }
}
