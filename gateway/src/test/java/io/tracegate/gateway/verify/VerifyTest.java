package io.tracegate.gateway.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracegate.gateway.capture.CaptureTest;
import io.tracegate.gateway.security.Role;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Base of the verification tests: units commissioned through capture (the GS1 US example's product, GTIN
 * {@value #GTIN}, of which this gateway is the responder), LMS requests over HTTP.
 */
public abstract class VerifyTest extends CaptureTest {

    public static final String GTIN = "00300010123455";
    /** The reqGLN of the tests' requests: the GS1 US example's buyer. */
    public static final String REQ_GLN = "0399999999991";
    /** This gateway's responderGLN in the tests (test application.yml). */
    public static final String RESPONDER_GLN = "0300011111116";

    private static String partnerKey;
    private static String pharmacistKey;

    protected String partnerKey() {
        if (partnerKey == null) {
            partnerKey = createKey(unique("partner"), Role.PARTNER);
        }
        return partnerKey;
    }

    protected String pharmacistKey() {
        if (pharmacistKey == null) {
            pharmacistKey = createKey(unique("pharmacist"), Role.PHARMACIST);
        }
        return pharmacistKey;
    }

    /** A key with these roles limited to these GLNs. */
    protected String keyWithGlns(String name, Role role, String... glns) {
        String json = "{\"name\":\"" + name + "\",\"roles\":[\"" + role + "\"],\"glns\":["
                + Arrays.stream(glns).map(g -> '"' + g + '"').collect(Collectors.joining(",")) + "]}";
        HttpResponse<String> response = post("/admin/keys", ADMIN_KEY, json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response, "$.key");
    }

    /** Commissions a new unit of {@value #GTIN} with this lot and expiry (ISO date); returns its EPC URN. */
    protected String commissioned(String lot, String expiry) {
        String unit = sgtin("v");
        assertSucceeded(capture(objectEvent("ADD").epcs(unit).bizStep("commissioning").disposition("active").at(SITE)
                .lot(lot, expiry)));
        return unit;
    }

    /** The serial of an SGTIN URN of {@link #sgtin}. */
    protected static String serial(String urn) {
        return urn.substring(urn.lastIndexOf('.') + 1);
    }

    /** {@code /vrs/gtin/{gtin}/lot/{lot}/ser/{serial}?exp=..&linkType=verificationService&reqGLN=..} + more. */
    protected static String lmsPath(String gtin, String lot, String serial, String exp, String more) {
        return "/vrs/gtin/" + encode(gtin) + "/lot/" + encode(lot) + "/ser/" + encode(serial) + "?exp=" + exp
                + "&linkType=verificationService&reqGLN=" + REQ_GLN + more;
    }

    protected HttpResponse<String> lms(String key, String lot, String serial, String exp) {
        return get(lmsPath(GTIN, lot, serial, exp, ""), key);
    }

    protected static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
