package io.tracegate.gateway.verify;

import io.tracegate.gs1.ExpiryDate;
import io.tracegate.gs1.Gtin;
import io.tracegate.gs1.dl.DigitalLink;

/**
 * The DSCSA product identifier of one pack, as a requestor gives it: GTIN, serial, lot and expiry.
 *
 * @param expiry its raw YYMMDD (sent on) and the date it means (compared)
 */
public record ProductIdentifier(Gtin gtin, String serial, String lot, ExpiryDate expiry) {

    /** The unit's key in the serial store: its canonical GS1 Digital Link. */
    public String unitKey() {
        return DigitalLink.canonical("01", gtin.value(), "21", serial);
    }

    /** {@code (01)..(21)..(10)..(17)..}, for people and logs. */
    public String bracketed() {
        return "(01)" + gtin.value() + "(21)" + serial + "(10)" + lot + "(17)" + expiry.raw();
    }
}
