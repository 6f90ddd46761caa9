package io.tracegate.gateway.masterdata;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A party or location (DSCSA documents use SGLNs for both), by GLN and GLN extension ({@code 0} for none).
 *
 * @param gln       GLN-13
 * @param extension GLN extension, {@code 0} for the GLN itself
 * @param name      the party's or site's name
 * @param licences  state or federal licence numbers (not carried by EPCIS master data: set through the API)
 * @param updatedAt when it was last set (ignored in requests)
 */
public record Location(String gln, String extension, String name, String streetAddressOne,
                       String streetAddressTwo, String city, String state, String postalCode, String countryCode,
                       List<String> licences, OffsetDateTime updatedAt) {
}
