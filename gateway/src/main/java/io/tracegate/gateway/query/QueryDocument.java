package io.tracegate.gateway.query;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tracegate.epcis.io.CbvXmlFormat;
import io.tracegate.epcis.io.EpcisFormat;
import io.tracegate.epcis.io.EpcisReader;
import io.tracegate.epcis.io.EpcisTime;
import io.tracegate.epcis.io.EpcisWriter;
import io.tracegate.epcis.io.Namespaces;
import io.tracegate.epcis.io.WriteOptions;
import io.tracegate.epcis.model.EpcisHeader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The EPCIS 2.0 query document ({@code EPCISQueryDocument} with {@code queryResults.resultsBody.eventList}) for a
 * page of stored events, in JSON-LD or XML. The event store keeps each event as a one-event JSON-LD document:
 * JSON-LD output copies the event objects token by token; XML output reads them back into the model and writes them
 * with the epcis-model XML writer.
 */
final class QueryDocument {

    static final String QUERY_NAME = "SimpleEventQuery";
    private static final JsonFactory JSON = new JsonFactory();
    private static final String QUERY_NS = "urn:epcglobal:epcis-query:xsd:2";

    private QueryDocument() {
    }

    static void writeJsonLd(List<String> bodies, OffsetDateTime created, OutputStream out) throws IOException {
        writeJsonLd(bodies, null, created, out);
    }

    /** The JSON-LD form, for a subscription's notification when {@code subscriptionId} is not null. */
    static void writeJsonLd(List<String> bodies, String subscriptionId, OffsetDateTime created, OutputStream out)
            throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("@context");
            g.writeString(Namespaces.EPCIS_CONTEXT);
            g.writeEndArray();
            g.writeStringField("type", "EPCISQueryDocument");
            g.writeStringField("schemaVersion", "2.0");
            g.writeStringField("creationDate", EpcisTime.format(created));
            g.writeObjectFieldStart("epcisBody");
            g.writeObjectFieldStart("queryResults");
            g.writeStringField("queryName", QUERY_NAME);
            if (subscriptionId != null) {
                g.writeStringField("subscriptionID", subscriptionId);
            }
            g.writeObjectFieldStart("resultsBody");
            g.writeArrayFieldStart("eventList");
            for (String body : bodies) {
                copyEvent(body, g);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    /** Copies {@code epcisBody.eventList[0]} of a stored one-event document. */
    private static void copyEvent(String body, JsonGenerator g) throws IOException {
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() == JsonToken.START_OBJECT && field(p, "epcisBody")
                    && p.nextToken() == JsonToken.START_OBJECT && field(p, "eventList")
                    && p.nextToken() == JsonToken.START_ARRAY && p.nextToken() == JsonToken.START_OBJECT) {
                g.copyCurrentStructure(p);
                return;
            }
        }
        throw new IllegalStateException("a stored event document has no epcisBody.eventList[0]");
    }

    /** Moves through the current object's fields to the named one (its value is the next token). */
    private static boolean field(JsonParser p, String name) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            if (p.currentName().equals(name)) {
                return true;
            }
            p.nextToken();
            p.skipChildren();
        }
        return false;
    }

    /**
     * The XML form: the events written by the EPCIS 2.0 XML writer into an {@code EPCISDocument}, whose root and
     * body are then re-framed as the query document's ({@code epcisq:EPCISQueryDocument} ...
     * {@code epcisq:QueryResults/queryName/resultsBody/EventList}), standard CBV values in the given form. The
     * epcis-model writers only frame capture documents; the events in between are exactly theirs.
     */
    static void writeXml(List<String> bodies, CbvXmlFormat cbvValues, OffsetDateTime created, OutputStream out)
            throws IOException {
        ByteArrayOutputStream document = new ByteArrayOutputStream();
        try (EpcisWriter writer = EpcisWriter.create(EpcisFormat.XML_2_0, document,
                new WriteOptions(cbvValues, Map.of(), false))) {
            writer.writeHeader(EpcisHeader.minimal("2.0", created));
            for (String body : bodies) {
                try (EpcisReader reader = EpcisReader.open(new ByteArrayInputStream(
                        body.getBytes(StandardCharsets.UTF_8)))) {
                    writer.write(reader.next());
                }
            }
        }
        String xml = document.toString(StandardCharsets.UTF_8);
        int bodyStart = xml.indexOf("<EPCISBody>");
        int bodyEnd = xml.lastIndexOf("</EPCISBody>");
        if (!xml.contains("<epcis:EPCISDocument ") || bodyStart < 0 || bodyEnd < bodyStart) {
            throw new IllegalStateException("unexpected XML writer output: " + xml.substring(0,
                    Math.min(200, xml.length())));
        }
        String result = xml.substring(0, bodyStart).replace("<epcis:EPCISDocument ",
                "<epcisq:EPCISQueryDocument xmlns:epcisq=\"" + QUERY_NS + "\" ")
                + "<EPCISBody><epcisq:QueryResults><queryName>" + QUERY_NAME + "</queryName><resultsBody>"
                + xml.substring(bodyStart + "<EPCISBody>".length(), bodyEnd)
                + "</resultsBody></epcisq:QueryResults></EPCISBody></epcisq:EPCISQueryDocument>";
        out.write(result.getBytes(StandardCharsets.UTF_8));
    }
}
