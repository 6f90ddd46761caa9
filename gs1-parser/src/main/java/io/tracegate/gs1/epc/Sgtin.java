package io.tracegate.gs1.epc;

import io.tracegate.gs1.AiElement;
import io.tracegate.gs1.ElementString;
import io.tracegate.gs1.Gs1Exception;
import io.tracegate.gs1.Gtin;
import io.tracegate.gs1.dl.DigitalLink;
import java.util.List;

/** Serialised GTIN: one trade item instance, (01) + (21). */
public record Sgtin(Gtin gtin, String serial) implements Epc {

    public Sgtin {
        if (gtin == null) {
            throw new Gs1Exception("01", "EPC_COMPONENT_EMPTY", null, -1, -1, "the GTIN is required");
        }
        EpcUrn.Component.SERIAL.check(serial);
    }

    @Override
    public ElementString toElementString() {
        return new ElementString(List.of(new AiElement("01", gtin.value()), new AiElement("21", serial)), null);
    }

    @Override
    public String toDigitalLink() {
        return DigitalLink.canonical("01", gtin.value(), "21", serial);
    }

    /** {@code urn:epc:id:sgtin:CompanyPrefix.IndicatorItemReference.Serial}. */
    @Override
    public String toUrn(GcpLengthResolver resolver) {
        return EpcUrn.SGTIN + EpcUrn.splitWithLeadingDigit(gtin.value(), resolver) + "." + EpcUrn.escape(serial);
    }
}
