package io.tracegate.gateway.serials;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracegate.gateway.capture.CaptureTest;
import io.tracegate.gs1.testing.Oracles;
import io.tracegate.gs1.testing.VectorFile;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Cross-check with the standards bodies' example documents ({@code ../shared/oracles}): every capture document that
 * is meant to be valid imports as history ({@code Tracegate-Lifecycle: observe}) into one store, although many ship,
 * receive or unpack units that no document commissions, and several name the same units. Two kinds of refusal are
 * right and expected, and each is checked to be exactly that: an identifier with a wrong check digit (several
 * examples use made-up GLNs and GRAIs), and an eventID that an earlier example already gave to a different event
 * (the examples reuse eventIDs across event types; an eventID names one event).
 */
class HistoryImportOracleTest extends CaptureTest {

    @Test
    void everyValidExampleDocumentImportsIntoOneStore() throws Exception {
        Path manifest = Oracles.require("epcis/MANIFEST.tsv");
        List<String> failed = new ArrayList<>();
        int imported = 0;
        int wrongCheckDigit = 0;
        int eventIdTaken = 0;
        for (VectorFile.Row row : VectorFile.read(manifest)) {
            if (!row.get("root").equals("EPCISDocument") || !row.get("intended_invalid").isEmpty()) {
                continue;
            }
            Path document = manifest.resolveSibling(row.get("path"));
            HttpResponse<String> accepted = send(request("/capture", ADMIN_KEY)
                    .header("Content-Type", row.get("fmt").equals("xml") ? "application/xml" : "application/ld+json")
                    .header("Tracegate-Lifecycle", "observe").POST(BodyPublishers.ofFile(document)));
            assertThat(accepted.statusCode()).as(row.get("path") + ": " + accepted.body()).isEqualTo(202);
            HttpResponse<String> job = awaitJob(accepted.headers().firstValue("Location").orElseThrow(), ADMIN_KEY);
            if ((Boolean) json(job, "$.success")) {
                imported++;
                continue;
            }
            List<String> rules = json(job, "$.errors[*].findings[*].rule");
            List<String> messages = json(job, "$.errors[*].findings[*].message");
            boolean checkDigits = false;
            boolean rightly = !rules.isEmpty();
            for (int i = 0; i < rules.size(); i++) {
                boolean checkDigit = messages.get(i).toLowerCase(Locale.ROOT).contains("check digit");
                checkDigits |= checkDigit;
                rightly &= checkDigit || rules.get(i).equals("capture.event-id-taken");
            }
            if (!rightly) {
                failed.add(row.get("path") + ": " + job.body());
            } else if (checkDigits) {
                wrongCheckDigit++;
            } else {
                eventIdTaken++;
            }
        }
        System.out.println("HistoryImportOracleTest: " + imported + " example documents imported; refused as they"
                + " must be: " + wrongCheckDigit + " for wrong check digits, " + eventIdTaken + " for an eventID"
                + " another example gave to a different event");
        assertThat(failed).isEmpty();
        assertThat(imported).isGreaterThan(140);
    }
}
