package io.tracegate.gateway.exchange;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** EPCIS 2.0 JSON-LD documents for the exchange tests: units commissioned at a site the partner has. */
final class EpcisDocuments {

    /** The site of the events, SGLN of GLN {@value #SITE_GLN} (a GLN the tests' partners are limited to). */
    static final String SITE_GLN = "0300011111116";

    private EpcisDocuments() {
    }

    /** {@code events} commissioning events of 2 units each, serials {@code <run>.<n>}. */
    static byte[] commissioning(String run, int events) {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            list.add("{\"type\":\"ObjectEvent\",\"eventTime\":\"2024-02-01T00:00:0" + (i % 10) + "Z\","
                    + "\"eventTimeZoneOffset\":\"+00:00\",\"epcList\":[\"urn:epc:id:sgtin:030001.0012345." + run + "."
                    + (2 * i) + "\",\"urn:epc:id:sgtin:030001.0012345." + run + "." + (2 * i + 1) + "\"],"
                    + "\"action\":\"ADD\",\"bizStep\":\"commissioning\",\"disposition\":\"active\","
                    + "\"readPoint\":{\"id\":\"urn:epc:id:sgln:030001.111111.0\"}}");
        }
        return ("{\"@context\":[\"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld\"],"
                + "\"type\":\"EPCISDocument\",\"schemaVersion\":\"2.0\",\"creationDate\":\"2024-02-01T00:00:00Z\","
                + "\"epcisBody\":{\"eventList\":[" + String.join(",", list) + "]}}").getBytes(StandardCharsets.UTF_8);
    }
}
