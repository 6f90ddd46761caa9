package io.tracegate.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.xml.sax.SAXException;

/**
 * GS1's own schemas for the EPCIS documents the gateway answers: the EPCIS 2.0 JSON Schema
 * ({@code schemas/2.0/json/EPCIS-JSON-Schema.json}, which tells documents and events apart by their {@code type}) and
 * the XSDs (the query schema for {@code EPCISQueryDocument}, the core schema for {@code EPCISCaptureJob}).
 */
final class EpcisSchemas {

    private final JsonSchema json;
    private final Schema xml;

    EpcisSchemas(Path oracles) throws SAXException {
        Path schemas = oracles.resolve("epcis/schemas/2.0");
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7, builder -> builder
                .schemaMappers(mappers -> mappers.mapPrefix("https://gs1.github.io/EPCIS/",
                        schemas.resolve("json").toUri().toString())));
        this.json = factory.getSchema(SchemaLocation.of("https://gs1.github.io/EPCIS/EPCIS-JSON-Schema.json"));
        SchemaFactory xsd = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        this.xml = xsd.newSchema(new StreamSource[] {
            new StreamSource(schemas.resolve("xsd/EPCglobal-epcis-query-2_0.xsd").toFile()),
            new StreamSource(schemas.resolve("xsd/EPCglobal-epcis-2_0.xsd").toFile())});
    }

    /** What GS1's JSON Schema finds wrong with a JSON-LD document or event (empty: valid). */
    List<String> jsonFindings(JsonNode document) {
        Set<ValidationMessage> messages = json.validate(document);
        return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** What the XSDs find wrong with an XML document (empty: valid). */
    List<String> xmlFindings(String document) {
        Validator validator = xml.newValidator();
        try {
            validator.validate(new StreamSource(new StringReader(document)));
            return List.of();
        } catch (SAXException | java.io.IOException e) {
            return List.of(e.getMessage());
        }
    }
}
