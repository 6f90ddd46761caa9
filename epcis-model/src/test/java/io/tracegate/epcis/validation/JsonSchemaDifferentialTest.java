package io.tracegate.epcis.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracegate.epcis.testing.EpcisOracles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Differential test of our bundled EPCIS JSON Schema against GS1's (read from the oracles, test-only): every valid
 * oracle JSON document is mutated the ways a sender gets EPCIS JSON wrong (a required member removed, a member of the
 * wrong type, a bad enumeration value, date-time or offset, an unknown member, an extension member, an empty list,
 * ...), and both schemas must give each mutant the same verdict, save the mutation kinds listed in
 * {@link #STRICTER_THAN_GS1}, where ours refuses what GS1's lets through.
 */
class JsonSchemaDifferentialTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final String NOT_AN_IRI = "GS1's schema requires a URI here only through format \"uri\", which"
            + " validators (ours included, for GS1's schema) take as an annotation; ours states the IRI shape as a"
            + " pattern, so a bare word that is neither a standard term nor an IRI is refused: JSON-LD would drop or"
            + " misread it";

    private static final String PERSISTENT_DISPOSITION = "the XSD puts persistentDisposition on every event type;"
            + " GS1's JSON Schema defines it for the Object and Transformation events only, so on the others it"
            + " checks nothing (ours checks it everywhere; on Object and Transformation events both refuse these)";

    /**
     * Mutation kinds (optionally "Type: kind" for one document or event type) that our schema refuses and GS1's may
     * accept, with the reason. Every other mutant must get the same verdict from both.
     */
    private static final Map<String, String> STRICTER_THAN_GS1 = Map.ofEntries(
            Map.entry("unknown bare-word member", NOT_AN_IRI),
            Map.entry("event type neither standard nor an IRI", NOT_AN_IRI),
            Map.entry("bizStep not a CBV word", NOT_AN_IRI),
            Map.entry("disposition not a CBV word", NOT_AN_IRI),
            Map.entry("bizTransaction type not a CBV word", NOT_AN_IRI),
            Map.entry("ilmd member without a namespace", NOT_AN_IRI),
            Map.entry("readPoint with a bare-word member", NOT_AN_IRI),
            Map.entry("sensorReport with a bare-word member", NOT_AN_IRI),
            Map.entry("@context without the EPCIS context", "EPCIS 2.0 requires a JSON-LD document to use the EPCIS"
                    + " context (it gives the bare words their meaning); GS1's schema only requires that some"
                    + " @context be present"),
            Map.entry("EPCISQueryDocument: remove schemaVersion", "schemaVersion and creationDate are required on"
                    + " every EPCIS document, query documents included (the XSDs' common Document base type);"
                    + " GS1's JSON Schema leaves them optional on EPCISQueryDocument"),
            Map.entry("EPCISQueryDocument: remove creationDate", "as for schemaVersion"),
            Map.entry("duplicate EPC in childEPCs", "an EPC listed twice is a data error in every EPC list; GS1's"
                    + " schema asks for unique items only in the Object and Transformation events' lists"),
            Map.entry("TransactionEvent: duplicate EPC in epcList", "as for childEPCs"),
            Map.entry("persistentDisposition empty", PERSISTENT_DISPOSITION),
            Map.entry("persistentDisposition set empty", PERSISTENT_DISPOSITION),
            Map.entry("persistentDisposition set with a number", PERSISTENT_DISPOSITION));

    private static final List<String> EPC_LISTS = List.of("epcList", "childEPCs", "inputEPCList", "outputEPCList");
    private static final List<String> QUANTITY_LISTS =
            List.of("quantityList", "childQuantityList", "inputQuantityList", "outputQuantityList");
    private static final String EPC = "urn:epc:id:sgtin:030001.0012345.1";

    @Test
    void ourSchemaAndGs1sAgreeOnMutantsOfTheValidOracleDocuments() throws IOException {
        JsonSchemaValidator gs1 = new JsonSchemaValidator(
                EpcisOracles.require("schemas/2.0/json/EPCIS-JSON-Schema.json").toUri().toURL());
        JsonSchemaValidator ours = JsonSchemaValidator.bundled();
        List<Mutation> eventMutations = eventMutations();
        List<Mutation> documentMutations = documentMutations();

        int documents = 0;
        int mutants = 0;
        int agree = 0;
        Map<String, Integer> listedDifferences = new TreeMap<>();
        Map<String, String> unlisted = new TreeMap<>();
        Set<String> kinds = new HashSet<>();
        Set<String> kindsApplied = new HashSet<>();
        for (EpcisOracles.Row row : EpcisOracles.manifest()) {
            if (!row.fmt().equals("json-ld") || !row.jsonSchema().equals("valid") || row.intendedInvalid()) {
                continue;
            }
            ObjectNode original = (ObjectNode) MAPPER.readTree(Files.readAllBytes(EpcisOracles.file(row)));
            if (!valid(ours, original)) {
                continue; // one of BundledJsonSchemaOracleTest's listed documents
            }
            documents++;
            String rootType = original.path("type").asText();
            boolean standaloneEvent = !rootType.startsWith("EPCIS");
            List<Mutant> all = new ArrayList<>();
            for (Mutation mutation : standaloneEvent ? List.of(documentMutations.get(0)) : documentMutations) {
                ObjectNode copy = original.deepCopy();
                if (mutation.edit().apply(copy)) {
                    all.add(new Mutant(rootType, mutation.kind(), copy));
                }
            }
            Set<String> eventTypesDone = new HashSet<>();
            List<ObjectNode> events = events(original);
            for (int i = 0; i < events.size(); i++) {
                String eventType = events.get(i).path("type").asText();
                if (!eventTypesDone.add(eventType)) {
                    continue;
                }
                for (Mutation mutation : eventMutations) {
                    ObjectNode copy = original.deepCopy();
                    if (mutation.edit().apply(events(copy).get(i))) {
                        all.add(new Mutant(eventType, mutation.kind(), copy));
                    }
                }
            }
            for (Mutant mutant : all) {
                mutants++;
                kinds.add(mutant.kind());
                kindsApplied.add(mutant.kind());
                kindsApplied.add(mutant.type() + ": " + mutant.kind());
                boolean oursValid = valid(ours, mutant.document());
                boolean gs1Valid = valid(gs1, mutant.document());
                String listed = listedKind(mutant);
                if (oursValid == gs1Valid && (listed == null || !oursValid)) {
                    agree++;
                } else if (listed != null && !oursValid) {
                    listedDifferences.merge(listed, 1, Integer::sum);
                } else {
                    unlisted.putIfAbsent(mutant.type() + ": " + mutant.kind(), row.path() + ": ours "
                            + verdict(oursValid) + ", GS1's " + verdict(gs1Valid)
                            + (listed != null ? " (listed as refused by ours)" : ""));
                }
            }
        }
        int differ = listedDifferences.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("JSON Schema differential: %d mutants of %d valid oracle documents (%d mutation kinds):"
                + " %d agree, %d differ as listed %s, %d differ unlisted%n", mutants, documents, kinds.size(),
                agree, differ, listedDifferences, unlisted.size());

        assertTrue(documents > 90, "only " + documents + " valid oracle JSON documents");
        assertEquals(Map.of(), unlisted, "verdicts that differ without a listed reason");
        Set<String> neverApplied = new TreeSet<>(STRICTER_THAN_GS1.keySet());
        neverApplied.removeAll(kindsApplied);
        assertEquals(Set.of(), neverApplied, "listed mutation kinds no document exercised");
    }

    /** The key of {@link #STRICTER_THAN_GS1} the mutant falls under, or null. */
    private static String listedKind(Mutant mutant) {
        String typed = mutant.type() + ": " + mutant.kind();
        return STRICTER_THAN_GS1.containsKey(typed) ? typed
                : STRICTER_THAN_GS1.containsKey(mutant.kind()) ? mutant.kind() : null;
    }

    private static boolean valid(JsonSchemaValidator validator, JsonNode document) throws IOException {
        return validator.validate(new ByteArrayInputStream(MAPPER.writeValueAsBytes(document))).stream()
                .noneMatch(ValidationFinding::isError);
    }

    private static String verdict(boolean valid) {
        return valid ? "valid" : "invalid";
    }

    /** The events of a document, or the document itself when it is one event sent on its own. */
    private static List<ObjectNode> events(ObjectNode document) {
        JsonNode body = document.path("epcisBody");
        JsonNode list = body.has("queryResults") ? body.path("queryResults").path("resultsBody").path("eventList")
                : body.path("eventList");
        List<ObjectNode> events = new ArrayList<>();
        if (!document.path("type").asText().startsWith("EPCIS")) {
            events.add(document);
        }
        list.forEach(event -> events.add((ObjectNode) event));
        return events;
    }

    /** Document-level mutations; the first also applies to an event sent on its own. */
    private static List<Mutation> documentMutations() {
        List<Mutation> m = new ArrayList<>();
        m.add(new Mutation("remove @context", remove("@context")));
        for (String member : List.of("type", "schemaVersion", "creationDate", "epcisBody")) {
            m.add(new Mutation("remove " + member, remove(member)));
        }
        m.add(new Mutation("creationDate not a date-time", replace("creationDate", "22-07-2026")));
        m.add(new Mutation("schemaVersion as a number", replace("schemaVersion", 2.0)));
        m.add(new Mutation("schemaVersion not a version", replace("schemaVersion", "two")));
        m.add(new Mutation("@context without the EPCIS context",
                replace("@context", List.of("https://example.org/other-context.jsonld"))));
        m.add(new Mutation("unknown bare-word member", add("comment", "sent by hand")));
        m.add(new Mutation("extension member with a CURIE name", add("example:batch", "B-17")));
        m.add(new Mutation("extension member with an IRI name", add("https://ns.example.org/batch", "B-17")));
        m.add(new Mutation("eventList not an array", inMember("epcisBody", replace("eventList", Map.of()))));
        m.add(new Mutation("queryName missing", inMember("epcisBody", inMember("queryResults", remove("queryName")))));
        return m;
    }

    private static List<Mutation> eventMutations() {
        List<Mutation> m = new ArrayList<>();
        for (String member : List.of("type", "eventTime", "eventTimeZoneOffset", "action", "epcList", "quantityList",
                "parentID", "childEPCs", "childQuantityList", "bizTransactionList", "inputEPCList", "inputQuantityList",
                "outputEPCList", "outputQuantityList", "transformationID", "readPoint", "sensorElementList")) {
            m.add(new Mutation("remove " + member, remove(member)));
        }
        for (String time : List.of("eventTime", "recordTime")) {
            m.add(new Mutation(time + " not a date-time", replace(time, "22-07-2026")));
            m.add(new Mutation(time + " without an offset", replace(time, "2023-04-01T07:48:16")));
            m.add(new Mutation(time + " as a number", replace(time, 1680335296)));
        }
        for (String offset : List.of("+5:00", "+14:30", "Z", "-05:00:00")) {
            m.add(new Mutation("eventTimeZoneOffset " + offset, replace("eventTimeZoneOffset", offset)));
        }
        m.add(new Mutation("eventTimeZoneOffset as a number", replace("eventTimeZoneOffset", -5)));
        m.add(new Mutation("action not an action", replace("action", "CREATE")));
        m.add(new Mutation("action in lower case", replace("action", "add")));
        m.add(new Mutation("action as a number", replace("action", 1)));
        for (String list : EPC_LISTS) {
            m.add(new Mutation(list + " as a string", replace(list, EPC)));
            m.add(new Mutation(list + " with a number", replace(list, List.of(42))));
            m.add(new Mutation(list + " empty", replace(list, List.of())));
            m.add(new Mutation("duplicate EPC in " + list, event -> event.get(list) instanceof ArrayNode epcs
                    && !epcs.isEmpty() && epcs.add(epcs.get(0)) != null));
        }
        for (String iri : List.of("parentID", "transformationID", "eventID")) {
            m.add(new Mutation(iri + " as a number", replace(iri, 42)));
            m.add(new Mutation(iri + " as a list", replace(iri, List.of(EPC))));
        }
        for (String vocabulary : List.of("bizStep", "disposition")) {
            m.add(new Mutation(vocabulary + " as a 1.2 CBV URN",
                    replace(vocabulary, "urn:epcglobal:cbv:" + (vocabulary.equals("bizStep") ? "bizstep" : "disp")
                            + ":in_progress")));
            m.add(new Mutation(vocabulary + " not a CBV word", replace(vocabulary, "transforming")));
            m.add(new Mutation(vocabulary + " as a user IRI", replace(vocabulary, "https://ns.example.org/v/x")));
            m.add(new Mutation(vocabulary + " as a number", replace(vocabulary, 7)));
        }
        for (String place : List.of("readPoint", "bizLocation")) {
            m.add(new Mutation(place + " as a string", replace(place, "urn:epc:id:sgln:030001.111111.0")));
            m.add(new Mutation(place + " without id", replace(place, Map.of())));
            m.add(new Mutation(place + " id as a number", replace(place, Map.of("id", 5))));
        }
        m.add(new Mutation("readPoint with a bare-word member", inMember("readPoint", add("name", "dock 4"))));
        m.add(new Mutation("readPoint with a CURIE member", inMember("readPoint", add("example:dock", "4"))));
        for (String list : QUANTITY_LISTS) {
            m.add(new Mutation(list + " quantity as text", inFirst(list, replace("quantity", "twenty"))));
            m.add(new Mutation(list + " without epcClass", inFirst(list, remove("epcClass"))));
            m.add(new Mutation(list + " uom not a code", inFirst(list, add("uom", "kilogram"))));
            m.add(new Mutation(list + " unknown member", inFirst(list, add("weight", 1))));
            m.add(new Mutation(list + " empty", replace(list, List.of())));
        }
        m.add(new Mutation("bizTransactionList as a string", replace("bizTransactionList", "urn:epcglobal:cbv:bt:1")));
        m.add(new Mutation("bizTransactionList empty", replace("bizTransactionList", List.of())));
        m.add(new Mutation("bizTransaction without its value", inFirst("bizTransactionList", remove("bizTransaction"))));
        m.add(new Mutation("bizTransaction type as a 1.2 CBV URN",
                inFirst("bizTransactionList", add("type", "urn:epcglobal:cbv:btt:po"))));
        m.add(new Mutation("bizTransaction type not a CBV word", inFirst("bizTransactionList", add("type", "order"))));
        m.add(new Mutation("bizTransaction with another member", inFirst("bizTransactionList", add("ex:note", "x"))));
        for (String side : List.of("source", "destination")) {
            m.add(new Mutation(side + " without type", inFirst(side + "List", remove("type"))));
            m.add(new Mutation(side + " without its value", inFirst(side + "List", remove(side))));
            m.add(new Mutation(side + " type as a number", inFirst(side + "List", replace("type", 3))));
        }
        m.add(new Mutation("sensorElementList empty", replace("sensorElementList", List.of())));
        m.add(new Mutation("sensorReport list empty", inFirst("sensorElementList", replace("sensorReport", List.of()))));
        Map<String, Edit> reportEdits = Map.of(
                "sensorReport without type", remove("type"),
                "sensorReport value as text", add("value", "hot"),
                "sensorReport booleanValue as text", add("booleanValue", "yes"),
                "sensorReport hexBinaryValue not hex", add("hexBinaryValue", "XYZ"),
                "sensorReport time not a date-time", add("time", "yesterday"),
                "sensorReport with a bare-word member", add("note", "door open"),
                "sensorReport with a CURIE member", add("example:note", "door open"));
        reportEdits.forEach((kind, edit) ->
                m.add(new Mutation(kind, inFirst("sensorElementList", inFirst("sensorReport", edit)))));
        m.add(new Mutation("sensorMetadata time not a date-time",
                inFirst("sensorElementList", inMember("sensorMetadata", add("time", "yesterday")))));
        m.add(new Mutation("persistentDisposition empty", replace("persistentDisposition", Map.of())));
        m.add(new Mutation("persistentDisposition set empty", inMember("persistentDisposition",
                replace("set", List.of()))));
        m.add(new Mutation("persistentDisposition set with a number", inMember("persistentDisposition",
                replace("set", List.of(5)))));
        m.add(new Mutation("certificationInfo as an object", replace("certificationInfo", Map.of("a", 1))));
        m.add(new Mutation("certificationInfo as a number", replace("certificationInfo", 1)));
        m.add(new Mutation("ilmd on an OBSERVE event", event -> event.has("ilmd") && event.has("action")
                && event.put("action", "OBSERVE") != null));
        m.add(new Mutation("ilmd member without a namespace", inMember("ilmd", add("lotNumber", "A1"))));
        m.add(new Mutation("ilmd as a string", replace("ilmd", "A1")));
        m.add(new Mutation("errorDeclaration without declarationTime", inMember("errorDeclaration",
                remove("declarationTime"))));
        m.add(new Mutation("errorDeclaration declarationTime not a date-time", inMember("errorDeclaration",
                replace("declarationTime", "22-07-2026"))));
        m.add(new Mutation("errorDeclaration reason as a 1.2 CBV URN", inMember("errorDeclaration",
                add("reason", "urn:epcglobal:cbv:er:incorrect_data"))));
        m.add(new Mutation("unknown bare-word member", add("shippedBy", "ACME")));
        m.add(new Mutation("extension member with a CURIE name", add("example:shippedBy", "ACME")));
        m.add(new Mutation("extension member with an IRI name", add("https://ns.example.org/shippedBy", "ACME")));
        m.add(new Mutation("event type neither standard nor an IRI", event -> event.has("type")
                && event.put("type", event.get("type").asText().replaceFirst("^.*:", "") + "s") != null));
        return m;
    }

    /** Changes the node it is given; false when it does not apply to it (the mutant is then not made). */
    @FunctionalInterface
    private interface Edit {
        boolean apply(ObjectNode node);
    }

    private record Mutation(String kind, Edit edit) {
    }

    private record Mutant(String type, String kind, ObjectNode document) {
    }

    private static Edit remove(String member) {
        return node -> node.remove(member) != null;
    }

    private static Edit replace(String member, Object value) {
        return node -> node.has(member) && node.set(member, MAPPER.valueToTree(value)) != null;
    }

    private static Edit add(String member, Object value) {
        return node -> {
            node.set(member, MAPPER.valueToTree(value));
            return true;
        };
    }

    private static Edit inMember(String member, Edit edit) {
        return node -> node.get(member) instanceof ObjectNode object && edit.apply(object);
    }

    private static Edit inFirst(String list, Edit edit) {
        return node -> node.get(list) instanceof ArrayNode array && !array.isEmpty()
                && array.get(0) instanceof ObjectNode first && edit.apply(first);
    }
}
