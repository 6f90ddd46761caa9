package io.tracegate.gateway.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Scan-to-verify: every input form, the sentence for each verdict, ambiguous scans (the stored reading picked, "scan
 * again" when none is stored, a warning only when the other reading matters), and photos of DataMatrix codes
 * generated here at two sizes, rotated, and one without a code.
 */
class ScanTest extends VerifyTest {

    private static final String GS = "\u001D";
    private static final String LOT = "S42";
    private static final String EXP = "301231";

    /** Commissions a unit with this serial of {@value #GTIN}, lot {@value #LOT}, expiry 2030-12-31. */
    private void commission(String serial) {
        assertSucceeded(capture(objectEvent("ADD").epcs("urn:epc:id:sgtin:030001.0012345." + serial)
                .bizStep("commissioning").disposition("active").at(SITE).lot(LOT, "2030-12-31")));
    }

    private HttpResponse<String> scan(String scan) {
        String escaped = scan.replace("\\", "\\\\").replace(GS, "\\u001d").replace("\r", "\\r").replace("\n", "\\n");
        return post("/verify/scan", pharmacistKey(), "{\"scan\":\"" + escaped + "\"}");
    }

    private static String scanData(String serial, String lot, String exp) {
        return "]d201" + GTIN + "17" + exp + "10" + lot + GS + "21" + serial;
    }

    @Test
    void everyInputFormIsRead() {
        String serial = unique("F").replace("-", "");
        commission(serial);
        String bracketed = "(01)" + GTIN + "(17)" + EXP + "(10)" + LOT + "(21)" + serial;

        for (String form : List.of(scanData(serial, LOT, EXP), scanData(serial, LOT, EXP).replace(GS, "<GS>"),
                scanData(serial, LOT, EXP).replace(GS, "{GS}"), scanData(serial, LOT, EXP).replace(GS, "\\x1D"),
                scanData(serial, LOT, EXP).substring(3) + "\r\n", bracketed, "^01" + GTIN + "17" + EXP + "10" + LOT
                        + "^21" + serial,
                "https://id.gs1.org/01/" + GTIN + "/10/" + LOT + "/21/" + serial + "?17=" + EXP)) {
            HttpResponse<String> answer = scan(form);

            assertThat(answer.statusCode()).as(form + ": " + answer.body()).isEqualTo(200);
            assertThat((Boolean) json(answer, "$.verified")).as(form).isTrue();
            assertThat((String) json(answer, "$.sentence")).isEqualTo("Genuine: the manufacturer confirms this pack");
            assertThat((String) json(answer, "$.verdict")).isEqualTo("green");
            assertThat((String) json(answer, "$.serial")).isEqualTo(serial);
            assertThat((String) json(answer, "$.lot")).isEqualTo(LOT);
            assertThat((String) json(answer, "$.expiry")).isEqualTo("2030-12-31");
            assertThat((String) json(answer, "$.gtin")).isEqualTo(GTIN);
            assertThat((List<?>) json(answer, "$.warnings")).isEmpty();
        }
    }

    @Test
    void eachVerdictHasItsSentence() {
        String serial = unique("V").replace("-", "");
        commission(serial);
        String recalledLot = unique("RL").replace("-", "");
        String recalled = unique("V").replace("-", "");
        assertSucceeded(capture(objectEvent("ADD").epcs("urn:epc:id:sgtin:030001.0012345." + recalled)
                .bizStep("commissioning").disposition("active").at(SITE).lot(recalledLot, "2030-12-31")));
        assertThat(post("/recalls", complianceKey(), "{\"gtin\":\"" + GTIN + "\",\"lot\":\"" + recalledLot
                + "\",\"reason\":\"particles\"}").statusCode()).isEqualTo(201);
        String expiredLot = unique("XL").replace("-", "");
        String expired = unique("V").replace("-", "");
        assertSucceeded(capture(objectEvent("ADD").epcs("urn:epc:id:sgtin:030001.0012345." + expired)
                .bizStep("commissioning").disposition("active").at(SITE).lot(expiredLot, "2020-01-31")));
        String today = LocalDate.now(ZoneOffset.UTC).toString();

        assertSentence(scanData(serial, "OTHER", EXP), "red",
                "Lot does not match: the pack says OTHER, the manufacturer says " + LOT);
        assertSentence(scanData(serial, LOT, "301130"), "red",
                "Expiry does not match: the pack says 2030-11-30, the manufacturer says 2030-12-31");
        assertSentence(scanData(serial, "OTHER", "301130"), "red", "Lot and expiry do not match: the pack says lot"
                + " OTHER expiring 2030-11-30, the manufacturer says lot " + LOT + " expiring 2030-12-31");
        // letters only: no reading of it can hide another AI, so the scan is not ambiguous whatever unique() gives
        assertSentence(scanData("NEVERCOMMISSIONED", LOT, EXP), "red", "Serial not known to the manufacturer");
        assertSentence(scanData(recalled, recalledLot, EXP), "red", "Recalled on " + today
                + ": do not return to stock");
        assertSentence(scanData(expired, expiredLot, "200131"), "red", "Expired on 2020-01-31: do not return to stock");
    }

    @Test
    void anAmbiguousScanUsesTheReadingThatExists() {
        // ...77 plus AI (99) "4R", or the serial ...77994R: only the shorter serial is stored
        String stored = unique("A").replace("-", "") + "77";
        commission(stored);

        HttpResponse<String> answer = scan(scanData(stored + "994R", LOT, EXP));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat((String) json(answer, "$.serial")).isEqualTo(stored);
        assertThat((Boolean) json(answer, "$.verified")).isTrue();
        assertThat((List<String>) json(answer, "$.otherReadings")).anySatisfy(reading -> assertThat(reading)
                .contains("(21)" + stored + "994R"));
        // the other reading names a serial the manufacturer does not know: not worth a warning
        assertThat((List<?>) json(answer, "$.warnings")).isEmpty();
        assertThat((String) json(answer, "$.verdict")).isEqualTo("green");
    }

    @Test
    void anAmbiguousScanWhoseOtherReadingAlsoExistsIsWarnedAbout() {
        String shorter = unique("B").replace("-", "") + "77";
        commission(shorter);
        commission(shorter + "994R");

        HttpResponse<String> answer = scan(scanData(shorter + "994R", LOT, EXP));

        assertThat((String) json(answer, "$.serial")).isEqualTo(shorter + "994R");
        assertThat((List<String>) json(answer, "$.warnings")).singleElement().satisfies(warning -> assertThat(warning)
                .contains("(21)" + shorter + "(99)4R", "also knows"));
        assertThat((String) json(answer, "$.verdict")).isEqualTo("amber");
    }

    @Test
    void anAmbiguousScanOfWhichNoReadingExistsSaysScanAgain() {
        String serial = unique("C").replace("-", "") + "77994R";

        HttpResponse<String> answer = scan(scanData(serial, LOT, EXP));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat((String) json(answer, "$.sentence")).isEqualTo("Scan again, or check the scanner's GS setting");
        assertThat((String) json(answer, "$.verdict")).isEqualTo("amber");
        assertThat((Boolean) json(answer, "$.verified")).isFalse();
        assertThat((String) json(answer, "$.verificationFailureReason")).isEqualTo("No_match_GTIN_Serial");
    }

    @Test
    void aScanThatIsNoProductIdentifierIsRefusedSayingWhy() {
        HttpResponse<String> noSerial = scan("]d201" + GTIN + "17" + EXP + "10" + LOT);
        HttpResponse<String> badCheckDigit = scan("]d20100300010123454");
        HttpResponse<String> empty = post("/verify/scan", pharmacistKey(), "{\"scan\":\"\"}");
        HttpResponse<String> tooLarge = post("/verify/scan", pharmacistKey(), "{\"scan\":\"" + "1".repeat(5000) + "\"}");

        assertThat(noSerial.statusCode()).isEqualTo(400);
        assertThat((String) json(noSerial, "$.detail")).contains("serial number (21)");
        assertThat((String) json(badCheckDigit, "$.detail")).startsWith("scan:").contains("check digit");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(post("/verify/scan", lineKey(), "{\"scan\":\"x\"}").statusCode()).isEqualTo(403);
    }

    @Test
    void photosOfTheCodeAreDecodedAtTwoSizesAndRotated() throws IOException {
        String serial = unique("P").replace("-", "");
        commission(serial);
        String data = "01" + GTIN + "17" + EXP + "10" + LOT + GS + "21" + serial;

        for (byte[] photo : List.of(DataMatrixPhotos.photo(data, 160, 800, 600, 0, "png"), DataMatrixPhotos.photo(data, 700, 2400, 1800, 0, "jpg"),
                DataMatrixPhotos.photo(data, 300, 900, 900, 90, "png"), DataMatrixPhotos.photo(data, 300, 900, 900, 17, "jpg"))) {
            HttpResponse<String> answer = image(photo, photo[0] == (byte) 0x89 ? "image/png" : "image/jpeg");

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat((String) json(answer, "$.serial")).isEqualTo(serial);
            assertThat((String) json(answer, "$.sentence")).isEqualTo("Genuine: the manufacturer confirms this pack");
        }
        HttpResponse<String> history = get("/verify/history", pharmacistKey());
        assertThat((List<String>) json(history, "$[?(@.serial == '" + serial + "')].channel")).contains("image");
    }

    @Test
    void aPhotoWithoutACodeIsUnprocessable() throws IOException {
        BufferedImage noise = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(7);
        for (int y = 0; y < noise.getHeight(); y++) {
            for (int x = 0; x < noise.getWidth(); x++) {
                noise.setRGB(x, y, random.nextInt(0xFFFFFF));
            }
        }

        HttpResponse<String> answer = image(DataMatrixPhotos.encode(noise, "jpg"), "image/jpeg");
        HttpResponse<String> notAnImage = image("not an image".getBytes(), "image/png");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(422);
        assertThat((String) json(answer, "$.detail")).contains("no DataMatrix", "640 x 480");
        assertThat(notAnImage.statusCode()).isEqualTo(415);
    }

    private void assertSentence(String scan, String colour, String sentence) {
        HttpResponse<String> answer = scan(scan);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat((String) json(answer, "$.sentence")).isEqualTo(sentence);
        assertThat((String) json(answer, "$.verdict")).as(sentence).isEqualTo(colour);
    }

    private HttpResponse<String> image(byte[] photo, String type) {
        return send(request("/verify/image", pharmacistKey()).header("Content-Type", type)
                .POST(BodyPublishers.ofByteArray(photo)));
    }
}
