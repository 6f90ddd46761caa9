package io.tracegate.gateway.masterdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracegate.gateway.GatewayTest;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
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
    void theHierarchyRefusesCyclesAlsoWhenTwoChangesComeAtOnce() throws Exception {
        int base = 40_000 + NEXT.getAndAdd(10);
        String a = "urn:epc:id:sgln:0614141." + base + ".0";
        String b = "urn:epc:id:sgln:0614141." + (base + 1) + ".0";
        String path = "/masterdata/locations/";
        assertThat(put(path + URLEncoder.encode(a, StandardCharsets.UTF_8), "{\"parent\":\"" + a + "\"}").statusCode())
                .as("its own parent").isEqualTo(400);
        for (int round = 0; round < 5; round++) {
            put(path + URLEncoder.encode(a, StandardCharsets.UTF_8), "{}");
            put(path + URLEncoder.encode(b, StandardCharsets.UTF_8), "{}");
            CyclicBarrier start = new CyclicBarrier(2);
            ExecutorService two = Executors.newFixedThreadPool(2);
            try {
                Future<Integer> aUnderB = two.submit(() -> {
                    start.await();
                    return put(path + URLEncoder.encode(a, StandardCharsets.UTF_8), "{\"parent\":\"" + b + "\"}")
                            .statusCode();
                });
                Future<Integer> bUnderA = two.submit(() -> {
                    start.await();
                    return put(path + URLEncoder.encode(b, StandardCharsets.UTF_8), "{\"parent\":\"" + a + "\"}")
                            .statusCode();
                });
                assertThat(List.of(aUnderB.get(), bUnderA.get())).as("round " + round)
                        .containsExactlyInAnyOrder(200, 400);
            } finally {
                two.shutdown();
            }
        }
        HttpResponse<String> read = get(path + URLEncoder.encode(a, StandardCharsets.UTF_8), ADMIN_KEY);
        assertThat(read.body()).contains("\"children\"");
    }

    private static final AtomicInteger NEXT = new AtomicInteger();

    @Test
    void badIdentifiersAreRefusedAndUnknownOnesNotFound() {
        HttpResponse<String> badGtin = get("/masterdata/products/00300010123456", ADMIN_KEY);
        assertThat(badGtin.statusCode()).isEqualTo(400);
        assertThat((String) json(badGtin, "$.detail")).contains("00300010123456");
        assertThat(get("/masterdata/locations/not-a-gln", ADMIN_KEY).statusCode()).isEqualTo(400);
        assertThat(get("/masterdata/products/00000000000017", ADMIN_KEY).statusCode()).isEqualTo(404);
    }
}
