package io.tracegate.gateway.compliance;

import io.tracegate.gs1.epc.Epc;
import io.tracegate.gs1.epc.Sgtin;

/**
 * A product of the compliance tests' own, whose master data they may set: the GS1 US example's product
 * ({@code 030001.0012345}) has master data learned from the example document, which other tests read.
 */
public final class OwnProduct {

    private static final String PREFIX = "urn:epc:id:sgtin:030001.0054321.";
    public static final String GTIN = ((Sgtin) Epc.parse(PREFIX + "1")).gtin().value();

    private OwnProduct() {
    }

    /** The same serial as this unit of the example's product, of this product. */
    public static String unit(String exampleUnit) {
        return PREFIX + exampleUnit.substring(exampleUnit.lastIndexOf('.') + 1);
    }
}
