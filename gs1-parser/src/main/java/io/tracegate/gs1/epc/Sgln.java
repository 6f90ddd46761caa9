package io.tracegate.gs1.epc;

import io.tracegate.gs1.AiElement;
import io.tracegate.gs1.ElementString;
import io.tracegate.gs1.Gln;
import io.tracegate.gs1.Gs1Exception;
import java.util.List;

/**
 * A location: (414), with the GLN extension (254) when {@code extension} is not null. An extension of exactly
 * {@code 0} cannot be told apart from "no extension" in the URN form, where {@code 0} means none.
 */
public record Sgln(Gln gln, String extension) implements Epc {

    public Sgln {
        if (gln == null) {
            throw new Gs1Exception("414", "EPC_COMPONENT_EMPTY", null, -1, -1, "the GLN is required");
        }
        if (extension != null) {
            EpcUrn.Component.EXTENSION.check(extension);
        }
    }

    /** The location itself, without extension. */
    public Sgln(Gln gln) {
        this(gln, null);
    }

    @Override
    public ElementString toElementString() {
        AiElement key = new AiElement("414", gln.value());
        return new ElementString(extension == null ? List.of(key) : List.of(key, new AiElement("254", extension)),
                null);
    }

    /** {@code urn:epc:id:sgln:CompanyPrefix.LocationReference.Extension} (extension {@code 0} when none). */
    @Override
    public String toUrn(GcpLengthResolver resolver) {
        return EpcUrn.SGLN + EpcUrn.splitGln(gln.value(), resolver) + "."
                + (extension == null ? "0" : EpcUrn.escape(extension));
    }
}
