package io.tracegate.gs1.epc;

import io.tracegate.gs1.AiElement;
import io.tracegate.gs1.ElementString;
import io.tracegate.gs1.Gs1Exception;
import io.tracegate.gs1.Sscc;
import io.tracegate.gs1.dl.DigitalLink;
import java.util.List;

/** A logistic unit (case, pallet, tote): (00). */
public record SsccEpc(Sscc sscc) implements Epc {

    public SsccEpc {
        if (sscc == null) {
            throw new Gs1Exception("00", "EPC_COMPONENT_EMPTY", null, -1, -1, "the SSCC is required");
        }
    }

    @Override
    public ElementString toElementString() {
        return new ElementString(List.of(new AiElement("00", sscc.value())), null);
    }

    @Override
    public String toDigitalLink() {
        return DigitalLink.canonical("00", sscc.value(), null, null);
    }

    /** {@code urn:epc:id:sscc:CompanyPrefix.ExtensionSerialReference}. */
    @Override
    public String toUrn(GcpLengthResolver resolver) {
        return EpcUrn.SSCC + EpcUrn.splitWithLeadingDigit(sscc.value(), resolver);
    }
}
