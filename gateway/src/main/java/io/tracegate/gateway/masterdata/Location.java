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
 * @param parent    the location this one is part of (an SGLN URN, a GLN or a Digital Link in requests; an SGLN URN
 *                  in answers), or null: the hierarchy {@code WD_readPoint} and {@code WD_bizLocation} look down
 * @param children  the locations whose parent this one is, as SGLN URNs (ignored in requests)
 * @param updatedAt when it was last set (ignored in requests)
 */
public record Location(String gln, String extension, String name, String streetAddressOne,
                       String streetAddressTwo, String city, String state, String postalCode, String countryCode,
                       List<String> licences, String parent, List<String> children, OffsetDateTime updatedAt) {
}
