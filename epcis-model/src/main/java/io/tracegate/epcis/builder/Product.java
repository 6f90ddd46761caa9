package io.tracegate.epcis.builder;

import io.tracegate.epcis.model.MasterData;
import io.tracegate.gs1.Ndc;
import io.tracegate.gs1.epc.SgtinPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A drug product at one packaging level, as DSCSA product master data (an EPCClass vocabulary element) describes
 * it: the NDC and the GTIN built from it, names, dosage form, strength and container size.
 *
 * @param ndc                  the NDC-10
 * @param indicator            the GTIN indicator digit of this packaging level (0 unit, 1-8 cases and bundles)
 * @param regulatedProductName proprietary or established name
 * @param manufacturer         manufacturer's name, or null
 * @param dosageForm           dosage form, e.g. {@code PILL}, or null
 * @param strength             strength, e.g. {@code 100mg}, or null
 * @param netContent           container size, e.g. {@code 500 pills}, or null
 */
public record Product(Ndc ndc, int indicator, String regulatedProductName, String manufacturer, String dosageForm,
                      String strength, String netContent) {

    public Product {
        Objects.requireNonNull(ndc, "ndc");
        Objects.requireNonNull(regulatedProductName, "regulatedProductName");
        ndc.toGtin(indicator); // rejects an indicator outside 0-8 with the reason
    }

    /**
     * The EPC class ID: the GTIN's SGTIN pattern. A US NDC-based GTIN's company prefix is {@code 03} and the
     * labeler code, which fixes where the URN splits.
     */
    public String epcClass() {
        int gcpLength = 2 + ndc.labeler().length();
        return new SgtinPattern(ndc.toGtin(indicator)).toUrn(digits -> gcpLength);
    }

    /** The EPCClass vocabulary element, NDC in the R1.3 form ({@code US_FDA_NDC}, hyphenated NDC-10). */
    MasterData.VocabularyElement toVocabularyElement() {
        List<MasterData.Attribute> attributes = new ArrayList<>();
        attribute(attributes, "additionalTradeItemIdentification", ndc.toString());
        attribute(attributes, "additionalTradeItemIdentificationTypeCode", "US_FDA_NDC");
        attribute(attributes, "regulatedProductName", regulatedProductName);
        attribute(attributes, "manufacturerOfTradeItemPartyName", manufacturer);
        attribute(attributes, "dosageFormType", dosageForm);
        attribute(attributes, "strengthDescription", strength);
        attribute(attributes, "netContentDescription", netContent);
        return new MasterData.VocabularyElement(epcClass(), attributes, List.of(), List.of());
    }

    static void attribute(List<MasterData.Attribute> attributes, String name, String value) {
        if (value != null) {
            attributes.add(MasterData.Attribute.of(MasterData.MDA + name, value));
        }
    }
}
