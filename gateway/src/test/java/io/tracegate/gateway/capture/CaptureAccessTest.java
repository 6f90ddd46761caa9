package io.tracegate.gateway.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracegate.gateway.security.Role;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Who may capture, trace and manage master data; a line key limited to its GTINs and site. */
class CaptureAccessTest extends CaptureTest {

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"PHARMACIST", "COMPLIANCE"})
    void onlyLinesPartnersAndAdminsCapture(Role role) {
        String key = createKey(unique(role.name().toLowerCase()), role);

        assertForbidden(postDocument(document(commission(sgtin("x"))), key, null));
        assertForbidden(send(request("/events", key).header("Content-Type", "application/ld+json")
                .POST(BodyPublishers.ofString(commission(sgtin("x")).json()))));
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"LINE", "PARTNER", "ADMIN"})
    void linesPartnersAndAdminsCapture(Role role) {
        String key = role == Role.ADMIN ? ADMIN_KEY : createKey(unique(role.name().toLowerCase()), role);

        assertThat(postDocument(document(commission(sgtin("ok"))), key, null).statusCode()).isEqualTo(202);
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"LINE", "PARTNER", "PHARMACIST"})
    void onlyComplianceAndAdminTrace(Role role) {
        String key = createKey(unique(role.name().toLowerCase()), role);

        assertForbidden(get("/trace/" + URLEncoder.encode(sgtin("x"), StandardCharsets.UTF_8), key));
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"PARTNER", "PHARMACIST"})
    void masterDataIsNotForPartnersAndPharmacists(Role role) {
        String key = createKey(unique(role.name().toLowerCase()), role);

        assertForbidden(get("/masterdata/products", key));
        assertForbidden(send(request("/masterdata/products/00300010123455", key)
                .header("Content-Type", "application/json").PUT(BodyPublishers.ofString("{\"name\":\"x\"}"))));
    }

    @Test
    void complianceReadsButDoesNotWriteMasterData() {
        String key = createKey(unique("compliance"), Role.COMPLIANCE);

        assertThat(get("/masterdata/locations", key).statusCode()).isEqualTo(200);
        assertForbidden(send(request("/masterdata/locations/0300011111116", key)
                .header("Content-Type", "application/json").PUT(BodyPublishers.ofString("{\"name\":\"x\"}"))));
    }

    @Test
    void aCaptureJobIsVisibleToItsKeyNotToAnotherLine() {
        HttpResponse<String> accepted = postDocument(document(commission(sgtin("own"))), lineKey(), null);
        String location = accepted.headers().firstValue("Location").orElseThrow();
        String otherLine = createKey(unique("line"), Role.LINE);

        assertThat(get(location, otherLine).statusCode()).isEqualTo(404);
        assertThat(get(location, complianceKey()).statusCode()).isEqualTo(200);
    }

    @Test
    void aLimitedLineCapturesOnlyItsProductsAtItsSite() {
        String key = limitedLineKey();

        assertThat(postDocument(document(commission(sgtin("mine"))), key, null).statusCode()).isEqualTo(202);
        HttpResponse<String> otherProduct = postDocument(document(objectEvent("ADD")
                .epcs("urn:epc:id:sgtin:030001.0099999." + unique("theirs")).bizStep("commissioning").at(SITE)), key, null);
        assertForbidden(otherProduct);
        assertThat((String) json(otherProduct, "$.detail")).contains("00300010999999");
        assertForbidden(postDocument(document(objectEvent("ADD").epcs(sgtin("elsewhere")).bizStep("commissioning")
                .at(BUYER_SITE)), key, null));
    }

    @Test
    void aLimitedLineSetsMasterDataOnlyForItsProducts() {
        String key = limitedLineKey();

        assertThat(send(request("/masterdata/products/00300010123455", key).header("Content-Type", "application/json")
                .PUT(BodyPublishers.ofString("{\"name\":\"Epcistra\"}"))).statusCode()).isEqualTo(200);
        assertForbidden(send(request("/masterdata/products/00300010999999", key)
                .header("Content-Type", "application/json").PUT(BodyPublishers.ofString("{\"name\":\"x\"}"))));
    }

    private String limitedLineKey() {
        HttpResponse<String> created = post("/admin/keys", ADMIN_KEY, "{\"name\":\"" + unique("limited")
                + "\",\"roles\":[\"LINE\"],\"gtins\":[\"00300010123455\"],\"glns\":[\"0300011111116\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created, "$.key");
    }

    private static void assertForbidden(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat((String) json(response, "$.type")).isEqualTo("epcisException:SecurityException");
    }
}
