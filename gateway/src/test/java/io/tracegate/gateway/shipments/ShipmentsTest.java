package io.tracegate.gateway.shipments;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracegate.epcis.builder.Product;
import io.tracegate.gateway.capture.CaptureTest;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Shipments integration tests: master data set through the API, scans written as the API takes them. */
abstract class ShipmentsTest extends CaptureTest {

    /** Sets the master data of these places (a name and a US address), with the admin key. */
    protected void locations(String... places) {
        for (String place : places) {
            putMasterData("/masterdata/locations/" + URLEncoder.encode(place, StandardCharsets.UTF_8),
                    "{\"name\":\"Party " + place + "\",\"streetAddressOne\":\"1 Main St\",\"city\":\"Springfield\","
                            + "\"state\":\"IL\",\"postalCode\":\"62701\",\"countryCode\":\"US\"}");
        }
    }

    /** Sets the complete master data of these products (NDC, name, dosage form, strength, net content). */
    protected void products(Product... products) {
        for (Product p : products) {
            putMasterData("/masterdata/products/" + gtin(p), "{\"ndc\":\"" + p.ndc() + "\",\"name\":\""
                    + p.regulatedProductName() + "\",\"dosageForm\":\"" + p.dosageForm() + "\",\"strength\":\""
                    + p.strength() + "\",\"netContent\":\"" + p.netContent() + "\"}");
        }
    }

    protected void putMasterData(String path, String json) {
        HttpResponse<String> put = send(request(path, ADMIN_KEY).header("Content-Type", "application/json")
                .PUT(BodyPublishers.ofString(json)));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    }

    static String gtin(Product product) {
        return product.ndc().toGtin(product.indicator()).value();
    }

    /** A scan of {@code POST /receipts/{id}/scans}: the EPC, and the container it was found in (null: none). */
    static String scan(String epc, String parent) {
        return "{\"epc\":\"" + epc + "\"" + (parent == null ? "" : ",\"parent\":\"" + parent + "\"") + "}";
    }
}
