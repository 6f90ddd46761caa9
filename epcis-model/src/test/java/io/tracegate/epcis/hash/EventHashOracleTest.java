package io.tracegate.epcis.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegate.epcis.convert.ConversionOptions;
import io.tracegate.epcis.convert.EpcisConverter;
import io.tracegate.epcis.io.EpcisFormat;
import io.tracegate.epcis.io.EpcisReader;
import io.tracegate.epcis.io.Namespaces;
import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.epcis.testing.EpcisOracles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our event hashes against OpenEPCIS's generator 0.9.2 on every EPCIS 2.0 oracle document both can read. Every
 * event must hash identically unless it falls under one of the known, justified differences listed here.
 */
class EventHashOracleTest {

    /** Where OpenEPCIS 0.9.2 departs from GS1's reference implementation or the standards, and why we do not. */
    enum KnownDifference {
        SENSOR_DATA("OpenEPCIS leaves out the sensorElementList wrapper that GS1's reference implementation "
                + "(RalphTro/epcis-event-hash-generator PROP_ORDER) writes, does not expand the cbv: CURIE of a "
                + "sensor component written in XML (it does for the same value in JSON-LD), and places sensor "
                + "extension fields in its own order"),
        GRAI("OpenEPCIS drops the leading 0 that AI (8003) carries before the 13-digit GRAI key (GS1 TDS: "
                + "(8003) = 0 + company prefix + asset type + check digit + serial)"),
        MIXED_KEY_SORT("OpenEPCIS sorts an epcList before converting URNs to Digital Links, so a list mixing key "
                + "types comes out in URN order; CBV 2.0 sorts the canonical (Digital Link) forms"),
        EXTENSION_WRAPPER("an un-namespaced <extension> element (read from 2.0 XML, or written by our 2.0 writer "
                + "around an unqualified 1.2 extension where the XSD wants it): our reader unwraps it like the 1.2 "
                + "extension wrapper, OpenEPCIS hashes it as a user element named 'extension'"),
        REPEATED_NESTED_EXTENSIONS("repeated user extension elements with children: OpenEPCIS orders them by "
                + "something other than their serialised form (we sort the serialised siblings, as the reference "
                + "implementation does)"),
        LATE_CONTEXT("the document's @context comes after its body (JSON has no member order): our reader "
                + "expands rail:name through it ({urn:gs1:epcisapp:rail:}name), OpenEPCIS hashes the compact name"),
        EVENT_LEVEL_CONTEXT("converted to JSON-LD: our writer declares an event's extension prefixes in an "
                + "event-level @context (valid JSON-LD); OpenEPCIS reads only the document's @context and hashes the "
                + "compact name (example:myField) instead of the expanded one"),
        INVALID_DOCUMENT("intended-invalid document: a field the model has no place for (quantityElement/weight) "
                + "is not read, OpenEPCIS hashes it"),
        NON_CBV_BARE_WORD("intended-invalid document: a bare word that is no CBV value (bizStep transforming): "
                + "the model keeps it as written rather than invent a CBV URI for it, OpenEPCIS expands it to one; "
                + "validation refuses such events, so their ID is never used");

        final String reason;

        KnownDifference(String reason) {
            this.reason = reason;
        }
    }

    private static final String DSCSA_EXAMPLE = "GS1_US_Pharma_Example_2_2_1_1.xml";

    /** Documents whose only difference is one that cannot be recognised from the event alone. */
    private static final Map<String, KnownDifference> BY_FILE = Map.ofEntries(
            Map.entry("openepcis-test-resources-git-901e5d3/JSON/Capture/Documents/epcisDocWithAllGS1Keys.json",
                    KnownDifference.MIXED_KEY_SORT),
            Map.entry("openepcis-test-resources-git-901e5d3/XML/Capture/Documents/epcisDocWithAllGS1Keys.xml",
                    KnownDifference.MIXED_KEY_SORT),
            Map.entry("gs1-EPCIS/XML/WithExtension/AggregationEvent.xml", KnownDifference.EXTENSION_WRAPPER),
            Map.entry("gs1-EPCIS/XML/WithExtension/ObjectEvent.xml", KnownDifference.EXTENSION_WRAPPER),
            Map.entry("openepcis-test-resources-0.9.2/XML/Capture/Documents/AggregationEvent_with_userExtensions.xml",
                    KnownDifference.EXTENSION_WRAPPER),
            Map.entry("openepcis-test-resources-0.9.2/JSON/Capture/Documents/AggregationEvent_with_userExtensions"
                    + ".json", KnownDifference.EXTENSION_WRAPPER),
            Map.entry("gs1-EPCIS/JSON/Example-TransactionEvents-2020_07_03y.jsonld",
                    KnownDifference.LATE_CONTEXT),
            Map.entry("openepcis-test-resources-0.9.2/JSON/Capture/Documents/TransactionEvent.json",
                    KnownDifference.REPEATED_NESTED_EXTENSIONS),
            Map.entry("openepcis-test-resources-0.9.2/XML/Capture/Documents/TransactionEvent.xml",
                    KnownDifference.REPEATED_NESTED_EXTENSIONS),
            Map.entry("openepcis-test-resources-0.9.2/XML/Capture/Events/TransactionEvent.xml",
                    KnownDifference.REPEATED_NESTED_EXTENSIONS),
            Map.entry("gs1-EPCIS-XSL-samples/ObjectEvent.xml", KnownDifference.EXTENSION_WRAPPER),
            Map.entry("gs1-EPCIS-XSL-samples/TransactionEvent.xml", KnownDifference.REPEATED_NESTED_EXTENSIONS),
            Map.entry("openepcis-test-resources-0.9.2/Capture/Documents/TransactionEvent.xml",
                    KnownDifference.REPEATED_NESTED_EXTENSIONS),
            Map.entry("openepcis-test-resources-git-901e5d3/JSON/Capture/Invalid/"
                    + "ObjectEvent_with_unknown_field_in_quantityList.json", KnownDifference.INVALID_DOCUMENT));

    @Test
    void everyTwoPointZeroOracleDocumentHashesLikeOpenEpcisOrDiffersForAKnownReason() throws IOException {
        Path root = EpcisOracles.require("2.0");
        Comparison comparison = new Comparison(false);
        for (Path file : documents(root)) {
            List<EpcisEvent> events = ours(file);
            List<OpenEpcisHashes.Result> oracle = events == null ? null : oracle(() -> OpenEpcisHashes.of(file));
            comparison.compare(root.relativize(file).toString().replace('\\', '/'), events, oracle);
        }
        comparison.assertExplained(100);
    }

    /**
     * The DSCSA documents are EPCIS 1.2, which OpenEPCIS does not hash: each 1.2 oracle document converted to 2.0
     * XML and to JSON-LD by our converter is hashed by OpenEPCIS, and must give the IDs we compute from the 1.2
     * events (the GS1 US R1.3 example among them).
     */
    @ParameterizedTest
    @EnumSource(value = EpcisFormat.class, names = {"XML_2_0", "JSON_LD_2_0"})
    void everyOnePointTwoOracleDocumentConvertedToTwoPointZeroHashesLikeOpenEpcis(EpcisFormat target)
            throws IOException {
        Path root = EpcisOracles.require("1.2");
        Comparison comparison = new Comparison(target == EpcisFormat.JSON_LD_2_0);
        for (Path file : documents(root)) {
            List<EpcisEvent> events = ours(file);
            List<OpenEpcisHashes.Result> oracle = events == null ? null : oracle(() -> {
                ByteArrayOutputStream converted = new ByteArrayOutputStream();
                try (InputStream in = Files.newInputStream(file)) {
                    new EpcisConverter().convert(in, converted, ConversionOptions.to(target));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return OpenEpcisHashes.of(converted.toString(StandardCharsets.UTF_8));
            });
            comparison.compare(root.relativize(file).toString().replace('\\', '/'), events, oracle);
        }
        comparison.assertExplained(20);
    }

    /** Event-by-event comparison of our IDs with the oracle's, sorting differences into known and unexplained. */
    private static final class Comparison {
        private final boolean convertedToJsonLd;
        private int agree;
        private final Map<KnownDifference, Integer> explained = new TreeMap<>();
        private final List<String> unexplained = new ArrayList<>();

        Comparison(boolean convertedToJsonLd) {
            this.convertedToJsonLd = convertedToJsonLd;
        }

        void compare(String name, List<EpcisEvent> events, List<OpenEpcisHashes.Result> oracle) {
            if (events == null || oracle == null || oracle.size() != events.size()) {
                return; // one side does not read it as a document of events; reading is tested elsewhere
            }
            for (int i = 0; i < events.size(); i++) {
                EpcisEvent event = events.get(i);
                if (EventHash.of(event).equals(oracle.get(i).hashId())) {
                    agree++;
                    continue;
                }
                // the DSCSA example is what this library is for: no excuse accepted there
                KnownDifference known = name.endsWith(DSCSA_EXAMPLE) ? null : knownDifference(event, name);
                if (known == null && convertedToJsonLd && !name.endsWith(DSCSA_EXAMPLE) && hasUserNamespaces(event)) {
                    known = KnownDifference.EVENT_LEVEL_CONTEXT;
                }
                if (known == null) {
                    unexplained.add(name + " #" + i + "\n  ours:   " + EventHash.preHash(event) + "\n  oracle: "
                            + oracle.get(i).preHash());
                } else {
                    explained.merge(known, 1, Integer::sum);
                }
            }
        }

        void assertExplained(int minimumAgreeing) {
            System.out.println("EventHashOracleTest: " + agree + " events hash like OpenEPCIS; known differences "
                    + explained);
            assertEquals(List.of(), unexplained, "events that hash differently for no known reason");
            assertTrue(agree >= minimumAgreeing, "only " + agree
                    + " events agree: does the OpenEPCIS oracle run at all?");
        }
    }

    /** User extensions, or ILMD other than the CBV master data attributes the context itself declares. */
    private static boolean hasUserNamespaces(EpcisEvent e) {
        return !e.extensions().isEmpty()
                || e.ilmd() != null && e.ilmd().stream().anyMatch(x -> !x.namespaceUri().equals(Namespaces.CBVMDA));
    }

    private static List<Path> documents(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().matches(".*\\.(xml|json|jsonld)$")).sorted().toList();
        }
    }

    private static KnownDifference knownDifference(EpcisEvent e, String file) {
        if (BY_FILE.containsKey(file)) {
            return BY_FILE.get(file);
        }
        if (Stream.of(e.bizStep(), e.disposition()).anyMatch(v -> v != null && !v.standard()
                && v.value().indexOf(':') < 0)) {
            return KnownDifference.NON_CBV_BARE_WORD;
        }
        if (!e.sensorElementList().isEmpty()) {
            return KnownDifference.SENSOR_DATA;
        }
        List<String> identifiers = new ArrayList<>(e.allEpcs());
        e.childQuantityList().forEach(q -> identifiers.add(q.epcClass()));
        if (identifiers.stream().anyMatch(id -> id.startsWith("urn:epc:id:grai:"))) {
            return KnownDifference.GRAI;
        }
        return null;
    }

    /** Our reader's events, or null when it does not read the document (the round-trip tests cover that). */
    private static List<EpcisEvent> ours(Path file) {
        try (InputStream in = Files.newInputStream(file); EpcisReader reader = EpcisReader.open(in)) {
            return reader.readAll().events();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The oracle's results, or null when it cannot hash the document. */
    private static List<OpenEpcisHashes.Result> oracle(Supplier<List<OpenEpcisHashes.Result>> hashing) {
        try {
            return hashing.get();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
