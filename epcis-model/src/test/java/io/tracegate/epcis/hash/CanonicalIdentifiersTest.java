package io.tracegate.epcis.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tracegate.gs1.epc.Epc;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalIdentifiersTest {

    @ParameterizedTest
    @CsvSource({
        "urn:epc:id:sgtin:234567890.1123.9999, https://id.gs1.org/01/12345678901231/21/9999",
        "urn:epc:id:sgtin:030001.0012345.A%2Fb, https://id.gs1.org/01/00300010123455/21/A%2Fb",
        "urn:epc:id:sscc:030001.41234567890, https://id.gs1.org/00/403000112345678901",
        "urn:epc:id:sgln:030001.111111.0, https://id.gs1.org/414/0300011111116",
        "urn:epc:id:sgln:0012345.11111.400, https://id.gs1.org/414/0012345111112/254/400",
        "urn:epc:class:lgtin:4012345.012345.998877, https://id.gs1.org/01/04012345123456/10/998877",
        "urn:epc:idpat:sgtin:030001.0012345.*, https://id.gs1.org/01/00300010123455",
        "urn:epc:id:gdti:0614141.00001.1618034, https://id.gs1.org/253/06141410000121618034",
        "urn:epc:id:pgln:4012345.00225, https://id.gs1.org/417/4012345002256",
        "urn:epc:id:grai:4012345.55555.987, https://id.gs1.org/8003/04012345555554987",
        "urn:epc:id:giai:4000001.111, https://id.gs1.org/8004/4000001111",
        "urn:epc:id:gsrn:0614141.0000010253, https://id.gs1.org/8018/061414100000102534",
        "urn:epc:id:cpi:0614141.123ABC.123456789, https://id.gs1.org/8010/0614141123ABC/8011/123456789",
        "urn:epc:id:itip:4012345.012345.01.02.987, https://id.gs1.org/8006/040123451234560102/21/987",
        "https://example.com/path/01/04012345123456/10/L1/21/S%2B1?17=250101, "
                + "https://id.gs1.org/01/04012345123456/21/S%2B1",
        "https://id.gs1.org/414/0012345111112/254/400, https://id.gs1.org/414/0012345111112/254/400",
        "https://example.org/8004/401234599999, https://id.gs1.org/8004/401234599999",
        "https://id.gs1.org/01/9506000134307, https://id.gs1.org/01/09506000134307"})
    void identifiersBecomeCanonicalDigitalLinks(String written, String canonical) {
        assertEquals(canonical, canonical(written));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "urn:epcglobal:cbv:bt:0399999999991:XYZPO189", "urn:epc:id:sgtin:030001.001234X.1",
        "urn:epc:id:sgtin:030001.00123.1", "urn:epc:id:unknown:1.2", "https://example.com/no/key/here",
        "https://accreditation-council.example.org/certificate/ABC12345", "plain text",
        "https://example.com/00/not-a-key", "https://example.com/414/shop"})
    void anythingElseIsKeptAsWritten(String written) {
        assertEquals(written, canonical(written));
    }

    /** The fast path agrees with gs1-parser's Epc for the schemes that has. */
    @ParameterizedTest
    @ValueSource(strings = {
        "urn:epc:id:sgtin:0614141.812345.6789", "urn:epc:id:sgtin:030001.1012345.%22q%26",
        "urn:epc:id:sscc:0614141.1234567890", "urn:epc:id:sscc:030001.41234567890",
        "urn:epc:id:sgln:0614141.12345.400", "urn:epc:class:lgtin:0614141.012345.998877",
        "urn:epc:idpat:sgtin:0614141.112345.*"})
    void agreesWithGs1ParserDigitalLinks(String urn) {
        assertEquals(Epc.parse(urn).toDigitalLink(), canonical(urn));
    }

    private static String canonical(String id) {
        StringBuilder b = new StringBuilder();
        CanonicalIdentifiers.append(id, b);
        return b.toString();
    }
}
