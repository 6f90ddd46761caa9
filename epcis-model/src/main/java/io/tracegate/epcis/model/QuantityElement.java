package io.tracegate.epcis.model;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An entry of a quantity list: a class of objects (e.g. {@code urn:epc:class:lgtin:...}) and an optional quantity.
 *
 * @param epcClass the EPC class, exactly as written
 * @param quantity the quantity, or null when only the class is given; within {@link Decimals}' range
 * @param uom      UN/CEFACT unit of measure code, or null (count)
 */
public record QuantityElement(String epcClass, BigDecimal quantity, String uom) {
    public QuantityElement {
        Objects.requireNonNull(epcClass, "epcClass");
        quantity = quantity == null ? null : Decimals.requireInRange(quantity);
    }
}
