package io.tracegate.epcis.validation;

import io.tracegate.epcis.io.EpcisReadException;
import io.tracegate.epcis.io.EpcisReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What capture runs on a document without a schema pass: the model reader, then {@link EventRules} per event. */
final class CaptureCheck {

    private CaptureCheck() {
    }

    /** Why capture refuses the document (the reader's error or the first event finding), or null. */
    static String refusal(Path file) throws IOException {
        List<String> findings = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file); EpcisReader reader = EpcisReader.open(in)) {
            EventRules rules = new EventRules(reader.format());
            for (int index = 0; reader.hasNext(); index++) {
                rules.check(index, "eventList[" + index + "]", reader.next(), f -> {
                    if (f.isError()) {
                        findings.add(f.rule() + " at " + f.path() + ": " + f.message());
                    }
                });
            }
        } catch (EpcisReadException e) {
            return e.getMessage();
        }
        return findings.isEmpty() ? null : findings.get(0);
    }
}
