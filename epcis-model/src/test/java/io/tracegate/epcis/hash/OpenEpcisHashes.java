package io.tracegate.epcis.hash;

import io.openepcis.epc.eventhash.EventHashGenerator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** OpenEPCIS's event hash generator 0.9.2, used only as a test oracle: pre-hash and hash ID per event. */
final class OpenEpcisHashes {

    /** One event as the oracle sees it. */
    record Result(String preHash, String hashId) {
    }

    private OpenEpcisHashes() {
    }

    /** The oracle's results for every event of the document, in document order. */
    static List<Result> of(Path file) {
        try {
            return of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The oracle's results for every event of the document text (XML or JSON-LD), in document order. */
    static List<Result> of(String document) {
        try {
            // The oracle refuses any DOCTYPE; some GS1 examples carry a harmless "<!DOCTYPE project>".
            String text = document.replaceFirst("<!DOCTYPE[^>\\[]*>", "");
            InputStream in = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
            EventHashGenerator generator = new EventHashGenerator();
            List<Map<String, String>> maps = (text.stripLeading().startsWith("<")
                    ? generator.fromXml(in, "prehash", "sha-256")
                    : generator.fromJson(in, "prehash", "sha-256")).collect().asList().await().indefinitely();
            return maps.stream().map(m -> new Result(m.get("prehash"), m.get("sha-256"))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
