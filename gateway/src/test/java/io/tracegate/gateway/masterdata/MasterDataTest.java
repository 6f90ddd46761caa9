package io.tracegate.gateway.masterdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracegate.gateway.GatewayTest;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The master data API. */
class MasterDataTest extends GatewayTest {

    private HttpResponse<String> put(String path, String json) {
        return send(request(path, ADMIN_KEY).header("Content-Type", "application/json")
                .PUT(BodyPublishers.ofString(json)));
    }

    @Test
    void aProductIsSetReadAndListed() {
        HttpResponse<String> set = put("/masterdata/products/10300010123452", "{\"ndc\":\"0001-0123-45\","
                + "\"name\":\"Epcistra\",\"dosageForm\":\"PILL\",\"strength\":\"100mg\",\"netContent\":\"12 x 500\","
                + "\"companyPrefix\":\"030001\",\"manufacturer\":\"GS1 Pharma LLC\"}");

        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        HttpResponse<String> read = get("/masterdata/products/10300010123452", ADMIN_KEY);
        assertThat((String) json(read, "$.gtin")).isEqualTo("10300010123452");
        assertThat((String) json(read, "$.netContent")).isEqualTo("12 x 500");
        assertThat((String) json(read, "$.updatedAt")).isNotNull();
        assertThat((List<String>) json(get("/masterdata/products?limit=1000", ADMIN_KEY), "$[*].gtin"))
                .contains("10300010123452");
    }

    @Test
    void aLocationIsSetByGlnAndReadBySgln() {
        HttpResponse<String> set = put("/masterdata/locations/0399993456780", "{\"name\":\"Wholesaler DC\","
                + "\"city\":\"Columbus\",\"state\":\"OH\",\"countryCode\":\"US\",\"licences\":[\"OH-WD-1234\"]}");

        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        HttpResponse<String> read = get("/masterdata/locations/" + URLEncoder.encode("urn:epc:id:sgln:039999.345678.0",
                StandardCharsets.UTF_8), ADMIN_KEY);
        assertThat((String) json(read, "$.name")).isEqualTo("Wholesaler DC");
        assertThat((List<String>) json(read, "$.licences")).containsExactly("OH-WD-1234");
    }

    @Test
    void badIdentifiersAreRefusedAndUnknownOnesNotFound() {
        HttpResponse<String> badGtin = get("/masterdata/products/00300010123456", ADMIN_KEY);
        assertThat(badGtin.statusCode()).isEqualTo(400);
        assertThat((String) json(badGtin, "$.detail")).contains("00300010123456");
        assertThat(get("/masterdata/locations/not-a-gln", ADMIN_KEY).statusCode()).isEqualTo(400);
        assertThat(get("/masterdata/products/00000000000017", ADMIN_KEY).statusCode()).isEqualTo(404);
    }
}
