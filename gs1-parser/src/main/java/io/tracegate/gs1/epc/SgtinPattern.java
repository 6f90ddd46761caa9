package io.tracegate.gs1.epc;

import io.tracegate.gs1.AiElement;
import io.tracegate.gs1.ElementString;
import io.tracegate.gs1.Gs1Exception;
import io.tracegate.gs1.Gtin;
import java.util.List;

/** Every serial of one GTIN: the EPC class of master data and quantity lists, (01) alone. */
public record SgtinPattern(Gtin gtin) implements Epc {

    public SgtinPattern {
        if (gtin == null) {
            throw new Gs1Exception("01", "EPC_COMPONENT_EMPTY", null, -1, -1, "the GTIN is required");
        }
    }

    @Override
    public ElementString toElementString() {
        return new ElementString(List.of(new AiElement("01", gtin.value())), null);
    }

    /** {@code urn:epc:idpat:sgtin:CompanyPrefix.IndicatorItemReference.*}. */
    @Override
    public String toUrn(GcpLengthResolver resolver) {
        return EpcUrn.SGTIN_PATTERN + EpcUrn.splitWithLeadingDigit(gtin.value(), resolver) + ".*";
    }
}
