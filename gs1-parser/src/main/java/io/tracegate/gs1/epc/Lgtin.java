package io.tracegate.gs1.epc;

import io.tracegate.gs1.AiElement;
import io.tracegate.gs1.ElementString;
import io.tracegate.gs1.Gs1Exception;
import io.tracegate.gs1.Gtin;
import java.util.List;

/** A GTIN's batch/lot as an EPC class (EPCIS quantity lists, ILMD): (01) + (10). */
public record Lgtin(Gtin gtin, String lot) implements Epc {

    public Lgtin {
        if (gtin == null) {
            throw new Gs1Exception("01", "EPC_COMPONENT_EMPTY", null, -1, -1, "the GTIN is required");
        }
        EpcUrn.Component.LOT.check(lot);
    }

    @Override
    public ElementString toElementString() {
        return new ElementString(List.of(new AiElement("01", gtin.value()), new AiElement("10", lot)), null);
    }

    /** {@code urn:epc:class:lgtin:CompanyPrefix.IndicatorItemReference.Lot}. */
    @Override
    public String toUrn(GcpLengthResolver resolver) {
        return EpcUrn.LGTIN + EpcUrn.splitWithLeadingDigit(gtin.value(), resolver) + "." + EpcUrn.escape(lot);
    }
}
