package io.tracegate.epcis.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracegate.epcis.convert.DscsaRelease;
import io.tracegate.epcis.hash.EventHash;
import io.tracegate.epcis.model.EpcisDocument;
import io.tracegate.epcis.testing.EpcisOracles;
import io.tracegate.epcis.testing.GeneratedDocuments;
import io.tracegate.epcis.testing.RecordDiff;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * JSON members have no order, so a JSON-LD document read with its members in any order gives the same events: equal
 * in the model, with equal event hashes and byte-for-byte equal re-serialisations. Every oracle JSON-LD document and
 * documents the project writes itself (the DSCSA shipment, random events of every type) are read in the orders that
 * matter to a streaming reader: the context last, the body first, the header after the body, everything reversed,
 * and random orders of every standard object's members.
 *
 * <p>What moves is what the standard defines; the relative order of extension members (user fields, ILMD, sensor
 * fields) is kept, because the model keeps it as the element order of their XML form. A full shuffle that moves
 * those too must still give equal hashes (the hash sorts them).
 */
class MemberOrderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Standard members of an event (the rest are extensions). */
    private static final Set<String> EVENT_MEMBERS = Set.of("@context", "type", "eventTime", "recordTime",
            "eventTimeZoneOffset", "eventID", "errorDeclaration", "certificationInfo", "parentID", "epcList",
            "childEPCs", "inputEPCList", "outputEPCList", "quantityList", "childQuantityList", "inputQuantityList",
            "outputQuantityList", "action", "transformationID", "bizStep", "disposition", "persistentDisposition",
            "readPoint", "bizLocation", "bizTransactionList", "sourceList", "destinationList", "sensorElementList",
            "ilmd");

    private static final Set<String> ROOT_MEMBERS = Set.of("@context", "type", "schemaVersion", "creationDate", "id",
            "sender", "receiver", "instanceIdentifier", "epcisHeader", "epcisBody");
    private static final Set<String> BODY_MEMBERS = Set.of("eventList", "queryResults", "resultsBody", "queryName",
            "subscriptionID");

    /** A way of reordering a document's members. */
    private record Order(String name, Function<ObjectNode, ObjectNode> apply) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Order> ORDERS = List.of(
            new Order("context last", root -> moved(root, List.of("@context"), false)),
            new Order("body first", root -> moved(root, List.of("epcisBody"), true)),
            new Order("body first, context last", root -> moved(moved(root, List.of("epcisBody"), true),
                    List.of("@context"), false)),
            new Order("header and context after the body", root -> moved(root, List.of("epcisBody", "epcisHeader",
                    "@context"), false)),
            new Order("header after the body", root -> moved(root, List.of("epcisBody", "epcisHeader"), false)),
            new Order("reversed", root -> reordered(root, "root", members -> reverse(members))),
            new Order("random standard members", root -> reordered(root, "root", shuffle(new Random(7)))),
            new Order("random standard members, context last", root -> moved(reordered(root, "root",
                    shuffle(new Random(11))), List.of("@context"), false)));

    static Stream<Arguments> oracleDocuments() {
        return EpcisOracles.manifest().stream()
                .filter(r -> r.fmt().equals("json-ld") && !r.intendedInvalid() && readable(r))
                .flatMap(r -> ORDERS.stream().map(o -> Arguments.of(r.path(), o)));
    }

    static Stream<Arguments> generatedDocuments() {
        return Stream.of("shipment R1.2", "shipment R1.3", "random events")
                .flatMap(name -> ORDERS.stream().map(o -> Arguments.of(name, o)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("oracleDocuments")
    void oracleDocumentsReadTheSameInEveryMemberOrder(String path, Order order) throws IOException {
        byte[] original = Files.readAllBytes(EpcisOracles.root().resolve("epcis").resolve(path));
        assertSameEvents(original, order);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("generatedDocuments")
    void generatedDocumentsReadTheSameInEveryMemberOrder(String name, Order order) throws IOException {
        EpcisDocument document = switch (name) {
            case "shipment R1.2" -> GeneratedDocuments.shipment(DscsaRelease.R1_2);
            case "shipment R1.3" -> GeneratedDocuments.shipment(DscsaRelease.R1_3);
            default -> GeneratedDocuments.randomEvents(7, 60);
        };
        assertSameEvents(GeneratedDocuments.write(document, EpcisFormat.JSON_LD_2_0), order);
    }

    private static void assertSameEvents(byte[] original, Order order) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(original);
        byte[] reordered = JSON.writeValueAsBytes(order.apply().apply(root.deepCopy()));
        Read expected = read(original);
        Read actual = read(reordered);

        assertNull(RecordDiff.firstDifference(expected.document().header(), actual.document().header()), "header");
        assertNull(RecordDiff.firstDifference(expected.document().events(), actual.document().events()), "events");
        assertEquals(hashes(expected.document()), hashes(actual.document()));
        assertArrayEquals(expected.written(), actual.written(), () -> new String(actual.written()));

        byte[] shuffled = JSON.writeValueAsBytes(everyObjectShuffled(root.deepCopy(), new Random(3)));
        assertEquals(hashes(expected.document()), hashes(read(shuffled).document()), "every member shuffled");
    }

    /** A document as read (after all its events, so with its whole header) and as written back as JSON-LD. */
    private record Read(EpcisDocument document, byte[] written) {
    }

    private static Read read(byte[] bytes) {
        EpcisDocument document;
        Map<String, String> namespaces;
        try (EpcisReader r = EpcisReader.open(new ByteArrayInputStream(bytes))) {
            document = r.readAll();
            namespaces = r.namespaces();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EpcisWriter.write(document, EpcisFormat.JSON_LD_2_0, out, WriteOptions.DEFAULT.withNamespaces(namespaces));
        return new Read(document, out.toByteArray());
    }

    private static List<String> hashes(EpcisDocument document) {
        return document.events().stream().map(EventHash::of).toList();
    }

    private static boolean readable(EpcisOracles.Row row) {
        try {
            read(Files.readAllBytes(EpcisOracles.file(row)));
            return true;
        } catch (IOException | RuntimeException e) {
            return false;     // refused documents are the business of other tests
        }
    }

    // ---------------------------------------------------------------- reordering

    /** The named members moved, in this order, to the front or the back. */
    private static ObjectNode moved(ObjectNode node, List<String> names, boolean front) {
        List<String> order = new ArrayList<>();
        node.fieldNames().forEachRemaining(order::add);
        List<String> present = names.stream().filter(node::has).toList();
        order.removeAll(present);
        order.addAll(front ? 0 : order.size(), present);
        return withOrder(node, order);
    }

    /**
     * The standard members of this object and of every standard object below it reordered by {@code how}; the
     * extension members keep their relative order, in the places the standard ones leave.
     */
    private static ObjectNode reordered(ObjectNode node, String kind, Function<List<String>, List<String>> how) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            JsonNode child = node.get(name);
            String childKind = kindOf(kind, name);
            if (childKind == null) {
                continue;
            }
            if (child instanceof ObjectNode object) {
                reordered(object, childKind, how);
            } else if (child.isArray()) {
                child.forEach(item -> {
                    if (item instanceof ObjectNode object) {
                        reordered(object, childKind, how);
                    }
                });
            }
        }
        List<String> movable = names.stream().filter(n -> isStandard(kind, n)).toList();
        List<String> moved = how.apply(movable);
        List<String> order = new ArrayList<>();
        int next = 0;
        for (String name : names) {
            order.add(isStandard(kind, name) ? moved.get(next++) : name);
        }
        return withOrder(node, order);
    }

    /** What a member holds, for reordering: null for content whose member order the model keeps. */
    private static String kindOf(String parent, String member) {
        return switch (parent) {
            case "root" -> member.equals("epcisBody") ? "body" : member.equals("epcisHeader") ? "header" : null;
            case "body" -> member.equals("eventList") ? "event"
                    : member.equals("queryResults") || member.equals("resultsBody") ? "body" : null;
            case "header" -> null;
            case "event" -> switch (member) {
                case "errorDeclaration", "readPoint", "bizLocation", "persistentDisposition", "quantityList",
                        "childQuantityList", "inputQuantityList", "outputQuantityList", "bizTransactionList",
                        "sourceList", "destinationList" -> "plain";
                case "sensorElementList" -> "sensor";
                default -> null;
            };
            default -> null;
        };
    }

    private static boolean isStandard(String kind, String member) {
        return switch (kind) {
            case "root" -> ROOT_MEMBERS.contains(member);
            case "body" -> BODY_MEMBERS.contains(member);
            case "header" -> member.equals("epcisMasterData");
            case "event" -> EVENT_MEMBERS.contains(member);
            case "plain" -> !member.contains(":");
            case "sensor" -> member.equals("sensorMetadata") || member.equals("sensorReport");
            default -> false;
        };
    }

    /** Every object's members shuffled, extensions and all (arrays keep their order: they are lists). */
    private static JsonNode everyObjectShuffled(JsonNode node, Random random) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            names.forEach(n -> everyObjectShuffled(object.get(n), random));
            if (!names.contains("@value")) {    // a value object's members are read the same in any order anyway
                Collections.shuffle(names, random);
            }
            return withOrder(object, names);
        }
        node.forEach(item -> everyObjectShuffled(item, random));
        return node;
    }

    private static ObjectNode withOrder(ObjectNode node, List<String> order) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        order.forEach(n -> values.put(n, node.get(n)));
        node.removeAll();
        values.forEach(node::set);
        assertTrue(node.size() == order.size());
        return node;
    }

    private static List<String> reverse(List<String> names) {
        List<String> reversed = new ArrayList<>(names);
        Collections.reverse(reversed);
        return reversed;
    }

    private static Function<List<String>, List<String>> shuffle(Random random) {
        return names -> {
            List<String> shuffled = new ArrayList<>(names);
            Collections.shuffle(shuffled, random);
            return shuffled;
        };
    }
}
