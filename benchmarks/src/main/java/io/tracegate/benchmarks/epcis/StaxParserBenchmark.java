package io.tracegate.benchmarks.epcis;

import com.fasterxml.aalto.stax.InputFactoryImpl;
import io.tracegate.epcis.xml.DocumentLimits;
import io.tracegate.epcis.xml.SecureXml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLResolver;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The StAX parser's own share of {@link EpcisReadBenchmark}: the same 100,000-event document pulled through
 * Woodstox as {@code SecureXml} configures it (DTDs off, no external entities, depth, text, attribute and entity
 * limits) and through Aalto with the same standard StAX settings (Aalto 1.3 has no limit properties), touching what
 * the EPCIS reader touches: each element's name and namespace, its attributes, and every text. Scores are events of
 * the document per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Threads(1)
public class StaxParserBenchmark {

    @Param({"woodstox", "aalto"})
    public String parser;

    private Path document;
    private XMLInputFactory factory;

    @Setup
    public void setUp() {
        document = DscsaShipmentEvents.writeDocument(EpcisReadBenchmark.EVENTS, 20260115);
        factory = switch (parser) {
            case "woodstox" -> SecureXml.inputFactory(DocumentLimits.DEFAULT);
            case "aalto" -> hardened(new InputFactoryImpl());
            default -> throw new IllegalArgumentException(parser);
        };
    }

    private static XMLInputFactory hardened(XMLInputFactory f) {
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_VALIDATING, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        f.setProperty(XMLInputFactory.RESOLVER, (XMLResolver) (publicId, systemId, base, ns) -> {
            throw new XMLStreamException("external entities are not allowed: " + systemId);
        });
        return f;
    }

    @Benchmark
    @OperationsPerInvocation(EpcisReadBenchmark.EVENTS)
    public long pull() {
        long touched = 0;
        try (InputStream in = Files.newInputStream(document)) {
            XMLStreamReader r = factory.createXMLStreamReader(in);
            while (r.hasNext()) {
                switch (r.next()) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        touched += r.getLocalName().length() + (r.getNamespaceURI() == null ? 0 : 1);
                        for (int a = 0; a < r.getAttributeCount(); a++) {
                            touched += r.getAttributeValue(a).length();
                        }
                    }
                    case XMLStreamConstants.CHARACTERS -> touched += r.getText().length();
                    default -> {
                    }
                }
            }
            r.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return touched;
    }
}
