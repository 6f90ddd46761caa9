package io.tracegate.epcis.convert;

import io.tracegate.epcis.model.EpcisHeader;
import io.tracegate.epcis.model.ExtensionElement;
import io.tracegate.epcis.model.MasterData;
import io.tracegate.gs1.Gs1Exception;
import io.tracegate.gs1.Gtin;
import io.tracegate.gs1.Ndc;
import io.tracegate.gs1.epc.Epc;
import io.tracegate.gs1.epc.SgtinPattern;
import java.util.ArrayList;
import java.util.List;

/**
 * The GS1 US DSCSA implementation guideline release a shipment document follows. The releases differ, for this
 * library, in the header's {@code gs1ushc:guidelineVersion} (R1.3 only) and in how product master data carries the
 * NDC: R1.3 writes the hyphenated NDC-10 with type code {@code US_FDA_NDC}, R1.2 the 11-digit NDC with
 * {@code FDA_NDC_11}.
 */
public enum DscsaRelease {
    R1_2("R1.2"),
    R1_3("R1.3");

    /** The R1.3 value of {@code gs1ushc:guidelineVersion}. */
    public static final String R1_3_GUIDELINE_VERSION = "GS1 US DSCSA R1.3";
    private static final String NS = EpcisHeader.GS1USHC_NAMESPACE;
    private static final String NDC = MasterData.MDA + "additionalTradeItemIdentification";
    private static final String NDC_TYPE = MasterData.MDA + "additionalTradeItemIdentificationTypeCode";

    private final String label;

    DscsaRelease(String label) {
        this.label = label;
    }

    /** {@code R1.2} or {@code R1.3}. */
    public String label() {
        return label;
    }

    /** The release with this label. */
    public static DscsaRelease fromLabel(String label) {
        for (DscsaRelease r : values()) {
            if (r.label.equals(label)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown DSCSA release '" + label + "': expected R1.2 or R1.3");
    }

    /**
     * The header in this release's form: guideline version added (R1.3) or removed (R1.2), and every NDC of the
     * product master data rewritten.
     *
     * @throws IllegalArgumentException when an NDC-11 cannot be mapped to its NDC-10 (the GTIN does not say how it
     *                                  was padded)
     */
    public EpcisHeader apply(EpcisHeader h) {
        List<ExtensionElement> extensions = new ArrayList<>();
        for (ExtensionElement e : h.headerExtensions()) {
            if (!(e.namespaceUri().equals(NS) && e.localName().equals("guidelineVersion"))) {
                extensions.add(e);
            }
        }
        if (this == R1_3) {
            extensions.add(0, ExtensionElement.leaf(NS, "gs1ushc", "guidelineVersion", R1_3_GUIDELINE_VERSION));
        }
        List<MasterData.Vocabulary> vocabularies = new ArrayList<>();
        for (MasterData.Vocabulary v : h.masterData().vocabularies()) {
            if (!v.type().equals(MasterData.EPC_CLASS)) {
                vocabularies.add(v);
                continue;
            }
            List<MasterData.VocabularyElement> elements = new ArrayList<>();
            for (MasterData.VocabularyElement el : v.elements()) {
                elements.add(withNdc(el));
            }
            vocabularies.add(new MasterData.Vocabulary(v.type(), elements, v.extensions()));
        }
        return new EpcisHeader(h.schemaVersion(), h.creationDate(), h.documentId(), h.sbdh(),
                new MasterData(vocabularies), extensions, h.documentExtensions());
    }

    private MasterData.VocabularyElement withNdc(MasterData.VocabularyElement el) {
        String value = el.attribute(NDC);
        String type = el.attribute(NDC_TYPE);
        if (value == null || type == null) {
            return el;
        }
        String newValue;
        String newType;
        if (this == R1_3 && type.equals("FDA_NDC_11")) {
            newValue = ndc10(el.id(), value).toString();
            newType = "US_FDA_NDC";
        } else if (this == R1_2 && type.equals("US_FDA_NDC")) {
            newValue = Ndc.parse(value).ndc11().replace("-", "");
            newType = "FDA_NDC_11";
        } else {
            return el;
        }
        List<MasterData.Attribute> attributes = new ArrayList<>();
        for (MasterData.Attribute a : el.attributes()) {
            if (a.id().equals(NDC)) {
                attributes.add(MasterData.Attribute.of(NDC, newValue));
            } else if (a.id().equals(NDC_TYPE)) {
                attributes.add(MasterData.Attribute.of(NDC_TYPE, newType));
            } else {
                attributes.add(a);
            }
        }
        return new MasterData.VocabularyElement(el.id(), attributes, el.children(), el.extensions());
    }

    /**
     * The NDC-10 an NDC-11 was padded from. The padding hides the 4-4-2 / 5-3-2 / 5-4-1 layout; the product's GTIN
     * (from the vocabulary element ID) carries the ten digits, and exactly one layout must reproduce them.
     */
    private static Ndc ndc10(String classId, String ndc11) {
        Gtin gtin;
        try {
            if (!(Epc.parse(classId) instanceof SgtinPattern pattern)) {
                throw new IllegalArgumentException("EPCClass " + classId + " is not a GTIN pattern: cannot tell how "
                        + "NDC-11 " + ndc11 + " was padded");
            }
            gtin = pattern.gtin();
        } catch (Gs1Exception e) {
            throw new IllegalArgumentException("EPCClass " + classId + ": " + e.getMessage());
        }
        String digits = gtin.value().substring(3, 13);
        Ndc found = null;
        for (Ndc.Format f : Ndc.Format.values()) {
            try {
                Ndc candidate = Ndc.fromNdc11(ndc11, f);
                if (candidate.digits().equals(digits)) {
                    found = candidate;
                }
            } catch (IllegalArgumentException notThisLayout) {
                // the padding is not where this layout puts it
            }
        }
        if (found == null) {
            throw new IllegalArgumentException("NDC-11 " + ndc11 + " of " + classId + " matches no NDC-10 inside GTIN "
                    + gtin.value());
        }
        return found;
    }
}
