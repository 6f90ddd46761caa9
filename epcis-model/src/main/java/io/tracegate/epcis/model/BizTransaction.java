package io.tracegate.epcis.model;

import java.util.Objects;

/**
 * A business transaction reference, e.g. a purchase order {@code urn:epcglobal:cbv:bt:0399999999991:XYZPO189}.
 *
 * @param type  the transaction type ({@code po}, {@code desadv}, ...), or null when untyped
 * @param value the transaction identifier, exactly as written
 */
public record BizTransaction(CbvValue type, String value) {
    public BizTransaction {
        Objects.requireNonNull(value, "value");
    }
}
