package io.tracegate.gateway.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A line's day: 100,000 units commissioned and packed into 1,000 cases on 20 pallets, in one capture job. */
class LargeDocumentTest extends CaptureTest {

    static final int UNITS = 100_000;
    static final int CASES = 1_000;
    static final int PALLETS = 20;

    @Test
    void oneHundredThousandUnitsArePackedInOneJob() {
        String run = unique("big");
        List<String> units = new ArrayList<>(UNITS);
        for (int i = 0; i < UNITS; i++) {
            units.add("urn:epc:id:sgtin:030001.0012345." + run + "." + i);
        }
        List<String> cases = new ArrayList<>(CASES);
        for (int i = 0; i < CASES; i++) {
            cases.add("urn:epc:id:sgtin:030001.1012345." + run + "." + i);
        }
        List<String> pallets = new ArrayList<>(PALLETS);
        for (int i = 0; i < PALLETS; i++) {
            pallets.add(sscc());
        }
        List<String> events = new ArrayList<>();
        for (int i = 0; i < UNITS; i += 1000) {
            events.add(commission().epcs(units.subList(i, i + 1000)).json());
        }
        events.add(commission().epcs(cases).json());
        events.add(commission().epcs(pallets).json());
        int perCase = UNITS / CASES;
        for (int c = 0; c < CASES; c++) {
            events.add(pack(cases.get(c)).children(units.subList(c * perCase, (c + 1) * perCase)).json());
        }
        int perPallet = CASES / PALLETS;
        for (int p = 0; p < PALLETS; p++) {
            events.add(pack(pallets.get(p)).children(cases.subList(p * perPallet, (p + 1) * perPallet)).json());
        }

        HttpResponse<String> job = capture(document(events), null);

        assertSucceeded(job);
        assertThat((Integer) json(job, "$.appliedCount")).isEqualTo(events.size());
        HttpResponse<String> last = trace(units.get(UNITS - 1));
        assertThat((String) json(last, "$.parent")).isEqualTo(cases.get(CASES - 1));
        assertThat((List<String>) json(last, "$.events[*].bizStep"))
                .containsExactly("commissioning", "packing", "packing");
        assertThat((List<?>) json(trace(pallets.get(0)), "$.children")).hasSize(perPallet);
    }

    private static Event commission() {
        return objectEvent("ADD").bizStep("commissioning").disposition("active").at(SITE).lot("BIG1", "2028-06-30");
    }

    private static Event pack(String parent) {
        return aggregationEvent("ADD").parent(parent).bizStep("packing").disposition("in_progress").at(SITE);
    }
}
