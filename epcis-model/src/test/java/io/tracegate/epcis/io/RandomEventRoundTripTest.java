package io.tracegate.epcis.io;

import static org.junit.jupiter.api.Assertions.assertNull;

import io.tracegate.epcis.model.EpcisDocument;
import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.epcis.testing.GeneratedDocuments;
import io.tracegate.epcis.testing.RecordDiff;
import java.io.ByteArrayInputStream;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Generated events of every type with every field (see {@link GeneratedDocuments#randomEvents}), written and read
 * back in each format: the model must come back equal.
 */
class RandomEventRoundTripTest {

    @ParameterizedTest
    @EnumSource(EpcisFormat.class)
    void generatedEventsSurviveEveryFormat(EpcisFormat format) {
        EpcisDocument doc = GeneratedDocuments.randomEvents(20261122L, 300);
        List<EpcisEvent> back;
        try (EpcisReader r = EpcisReader.open(new ByteArrayInputStream(GeneratedDocuments.write(doc, format)))) {
            back = r.readAll().events();
        }
        assertNull(RecordDiff.firstDifference(doc.events(), back), format.label());
    }
}
