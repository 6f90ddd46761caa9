package io.tracegate.gs1.epc;

import io.tracegate.gs1.AiElement;
import io.tracegate.gs1.ElementString;
import io.tracegate.gs1.Gln;
import io.tracegate.gs1.Gs1Exception;
import io.tracegate.gs1.Gs1Parser;
import io.tracegate.gs1.Gtin;
import io.tracegate.gs1.Sscc;
import io.tracegate.gs1.ai.AiDefinition;
import io.tracegate.gs1.ai.AiTable;
import io.tracegate.gs1.dl.DigitalLink;

/**
 * An Electronic Product Code as EPCIS uses it: an instance (SGTIN, SSCC, SGLN) or a class (LGTIN, a GTIN's SGTIN
 * pattern), readable from its EPC URN or its GS1 Digital Link URI and writable as either. The Digital Link form is
 * canonical ({@code https://id.gs1.org}, the key set CBV 2.0 event hashing uses); the URN form needs the company
 * prefix length, which a {@link GcpLengthResolver} supplies.
 */
public sealed interface Epc permits Sgtin, Lgtin, SgtinPattern, SsccEpc, Sgln {

    /**
     * Reads an EPC URN ({@code urn:epc:id:sgtin:...}, {@code urn:epc:id:sscc:...}, {@code urn:epc:id:sgln:...},
     * {@code urn:epc:class:lgtin:...}, {@code urn:epc:idpat:sgtin:GCP.ItemRef.*}) or a GS1 Digital Link URI on any
     * domain (its primary key and qualifiers; query attributes are validated and dropped). Check digits are
     * recomputed; every field is validated.
     *
     * @throws Gs1Exception for anything that is not one of these identifiers, naming the offending position
     */
    static Epc parse(String urnOrDigitalLink) {
        if (urnOrDigitalLink == null || urnOrDigitalLink.isEmpty()) {
            throw new Gs1Exception(null, "EPC_EMPTY", urnOrDigitalLink, -1, -1, "no EPC given");
        }
        if (urnOrDigitalLink.regionMatches(true, 0, "urn:", 0, 4)) {
            return EpcUrn.parse(urnOrDigitalLink);
        }
        return fromElementString(DigitalLink.parse(urnOrDigitalLink, new Gs1Parser()));
    }

    /**
     * The most fine-grained EPC of the element string's first Digital Link primary key: (01) with (21) is an SGTIN,
     * else with (10) an LGTIN, else the GTIN's SGTIN pattern; (00) an SSCC; (414) an SGLN with (254) if present.
     *
     * @throws Gs1Exception when the first primary key has no EPC scheme here (or there is none)
     */
    static Epc fromElementString(ElementString elements) {
        AiTable table = AiTable.standard();
        for (AiElement e : elements.elements()) {
            AiDefinition d = table.get(e.ai());
            if (d == null || !d.dlPrimaryKey()) {
                continue;
            }
            try {
                return fromKey(e, elements);
            } catch (IllegalArgumentException bad) { // a key value that was never validated
                throw new Gs1Exception(e.ai(), "EPC_BAD_KEY", elements.toString(), -1, -1, bad.getMessage());
            }
        }
        throw new Gs1Exception(null, "EPC_NO_KEY", elements.toString(), -1, -1,
                "no GTIN (01), SSCC (00) or GLN (414) to make an EPC from");
    }

    /** The GS1 element strings this EPC stands for, key first. */
    ElementString toElementString();

    /** The canonical GS1 Digital Link URI on {@code https://id.gs1.org}, path only. */
    default String toDigitalLink() {
        return DigitalLink.generate(toElementString(), DigitalLink.CANONICAL_STEM);
    }

    /**
     * The EPC URN, split at the company prefix length the resolver gives.
     *
     * @throws Gs1Exception when the resolver does not know the length (or gives one that cannot fit the key)
     */
    String toUrn(GcpLengthResolver resolver);

    private static Epc fromKey(AiElement key, ElementString elements) {
        return switch (key.ai()) {
            case "01" -> {
                Gtin gtin = new Gtin(key.value());
                if (elements.get("21") != null) {
                    yield new Sgtin(gtin, elements.get("21"));
                }
                if (elements.get("235") != null) {
                    throw new Gs1Exception("235", "EPC_NO_SCHEME", elements.toString(), -1, -1,
                            "a GTIN with a third-party controlled serial (235) has no EPC URN scheme here");
                }
                yield elements.get("10") != null ? new Lgtin(gtin, elements.get("10")) : new SgtinPattern(gtin);
            }
            case "00" -> new SsccEpc(new Sscc(key.value()));
            case "414" -> new Sgln(new Gln(key.value()), elements.get("254"));
            default -> throw new Gs1Exception(key.ai(), "EPC_NO_SCHEME", elements.toString(), -1, -1,
                    "key AI (" + key.ai() + ") has no EPC scheme here (supported: 01, 00, 414)");
        };
    }
}
