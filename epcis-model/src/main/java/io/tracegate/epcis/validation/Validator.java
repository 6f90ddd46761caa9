package io.tracegate.epcis.validation;

import io.tracegate.epcis.io.EpcisReadException;
import io.tracegate.epcis.io.EpcisReader;
import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.epcis.model.EpcisHeader;
import io.tracegate.epcis.model.EventType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs the validation layers over a document: schema (XSD or JSON Schema), identifiers (gs1-parser), CBV vocabulary,
 * the standard's event rules ({@link StandardLayer}) and the DSCSA profile. Two streaming passes over the file: the schema pass over the bytes, then one pass through the
 * model reader feeding each event to the identifier and DSCSA layers, so memory stays bounded for any size.
 * A compiled {@code Validator} is thread-safe and meant to be reused (the schemas are compiled once).
 */
public final class Validator {

    /** The document could not be read into the model (after the schema layer has said why, if it could). */
    public static final String RULE_UNREADABLE = "model.unreadable";

    private static final Set<String> FATAL_SCHEMA_RULES = Set.of(XsdValidator.RULE_MALFORMED, XsdValidator.RULE_LIMIT,
            JsonSchemaValidator.RULE_MALFORMED, JsonSchemaValidator.RULE_LIMIT, SchemaLayer.RULE_UNKNOWN_FORMAT);

    private final SchemaLayer schema;

    public Validator(SchemaLayer schema) {
        this.schema = schema;
    }

    /** A validator with the schemas this build bundles. */
    public static Validator bundled() throws IOException {
        return new Validator(SchemaLayer.bundled());
    }

    /** All findings for the file, in layer order (schema, then identifiers and DSCSA rules event by event). */
    public List<ValidationFinding> validate(Path file) throws IOException {
        List<ValidationFinding> findings = new ArrayList<>();
        validate(file, findings::add);
        return findings;
    }

    /**
     * Streams the findings for the file to {@code sink}.
     *
     * @throws IOException when the file cannot be read at all
     */
    public void validate(Path file, Consumer<ValidationFinding> sink) throws IOException {
        boolean[] unparsable = {false};
        try (InputStream in = Files.newInputStream(file)) {
            schema.validate(in, finding -> {
                unparsable[0] |= FATAL_SCHEMA_RULES.contains(finding.rule());
                sink.accept(finding);
            });
        }
        if (!unparsable[0]) {
            try (InputStream in = Files.newInputStream(file)) {
                eventLayers(in, sink);
            }
        }
    }

    private static void eventLayers(InputStream in, Consumer<ValidationFinding> sink) {
        int reading = ValidationFinding.DOCUMENT;
        try (EpcisReader reader = EpcisReader.open(in)) {
            DocumentPaths paths = new DocumentPaths(reader.format());
            List<EventLayer> layers = List.of(new IdentifierLayer(reader.format()),
                    new VocabularyLayer(reader.format()), new StandardLayer(reader.format()),
                    new DscsaProfile(reader.format()));
            for (EventLayer layer : layers) {
                layer.header(reader.header(), sink);
            }
            Map<EventType, Integer> ofType = new EnumMap<>(EventType.class);
            for (int index = 0; ; index++) {
                reading = index;
                if (!reader.hasNext()) {
                    break;
                }
                EpcisEvent event = reader.next();
                String path = paths.event(index, event.type(), ofType.merge(event.type(), 1, Integer::sum));
                for (EventLayer layer : layers) {
                    layer.event(index, path, event, sink);
                }
            }
            reading = ValidationFinding.DOCUMENT;
            EpcisHeader complete = reader.header();
            for (EventLayer layer : layers) {
                layer.headerComplete(complete);
                layer.end(sink);
            }
        } catch (EpcisReadException e) {
            // Reported once: the event layers stop where the reader did.
            sink.accept(ValidationFinding.error(reading, "", RULE_UNREADABLE, "not read into the EPCIS model, so"
                    + " identifiers and DSCSA rules are not fully checked: " + e.getMessage()));
        }
    }
}
