package io.tracegate.epcis.builder;

import io.tracegate.epcis.model.MasterData;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A party or a site, as DSCSA location master data (a Location vocabulary element) names it: the SGLN and a postal
 * address. Parties (seller, buyer) and places (ship-from, ship-to) are both SGLNs in DSCSA EPCIS 1.2 files.
 *
 * @param sgln          the SGLN URN, e.g. {@code urn:epc:id:sgln:030001.111111.0}
 * @param name          the party's or site's name
 * @param streetAddress first address line
 * @param city          city
 * @param state         state or region code, or null
 * @param postalCode    postal code
 * @param countryCode   ISO 3166-1 alpha-2 country code
 */
public record Location(String sgln, String name, String streetAddress, String city, String state, String postalCode,
                       String countryCode) {

    public Location {
        Objects.requireNonNull(sgln, "sgln");
        Objects.requireNonNull(name, "name");
    }

    MasterData.VocabularyElement toVocabularyElement() {
        List<MasterData.Attribute> attributes = new ArrayList<>();
        Product.attribute(attributes, "name", name);
        Product.attribute(attributes, "streetAddressOne", streetAddress);
        Product.attribute(attributes, "city", city);
        Product.attribute(attributes, "state", state);
        Product.attribute(attributes, "postalCode", postalCode);
        Product.attribute(attributes, "countryCode", countryCode);
        return new MasterData.VocabularyElement(sgln, attributes, List.of(), List.of());
    }
}
