package io.tracegate.epcis.validation;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The schema layer: tells XML from JSON by the first significant byte and validates against the GS1 XSDs or an EPCIS
 * JSON Schema (Tracegate's own unless configured otherwise), streaming either way.
 */
public final class SchemaLayer {

    public static final String RULE_UNKNOWN_FORMAT = "format.unknown";

    private final XsdValidator xsd = new XsdValidator();
    private final JsonSchemaValidator json;

    /** @param json the validator for JSON / JSON-LD documents */
    public SchemaLayer(JsonSchemaValidator json) {
        this.json = json;
    }

    /**
     * The layer with the schemas this build bundles (the JSON Schema can be replaced through
     * {@value JsonSchemaValidator#SCHEMA_PROPERTY}).
     */
    public static SchemaLayer bundled() throws IOException {
        return new SchemaLayer(JsonSchemaValidator.bundled());
    }

    public List<ValidationFinding> validate(InputStream document) throws IOException {
        List<ValidationFinding> findings = new ArrayList<>();
        validate(document, findings::add);
        return findings;
    }

    public void validate(InputStream document, Consumer<ValidationFinding> sink) throws IOException {
        BufferedInputStream in = new BufferedInputStream(document);
        switch (firstSignificantByte(in)) {
            case '<' -> xsd.validate(in, sink);
            case '{', '[' -> json.validate(in, sink);
            case -1 -> sink.accept(ValidationFinding.error(ValidationFinding.DOCUMENT, "", RULE_UNKNOWN_FORMAT,
                    "the document is empty"));
            default -> sink.accept(ValidationFinding.error(ValidationFinding.DOCUMENT, "", RULE_UNKNOWN_FORMAT,
                    "neither XML nor JSON: the document starts with neither '<' nor '{'"));
        }
    }

    /** The first byte after a UTF-8 byte order mark and whitespace, leaving the stream positioned at the start. */
    private static int firstSignificantByte(BufferedInputStream in) throws IOException {
        in.mark(4096);
        try {
            for (int i = 0; i < 4096; i++) {
                int b = in.read();
                if (b == 0xEF || b == 0xBB || b == 0xBF || b == ' ' || b == '\t' || b == '\r' || b == '\n') {
                    continue;
                }
                return b;
            }
            return 0;
        } finally {
            in.reset();
        }
    }
}
