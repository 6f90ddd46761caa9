package io.tracegate.epcis.convert;

import io.tracegate.epcis.io.CbvXmlFormat;
import io.tracegate.epcis.io.EpcisFormat;
import java.util.Objects;

/**
 * What a conversion produces.
 *
 * @param target       the output format
 * @param epcFormat    the form of identifiers; EPCIS 1.2 output always gets EPC URNs where a translation exists
 * @param cbvXmlFormat the form of CBV values in 2.0 XML
 * @param release      the GS1 US DSCSA release to impose on header and master data, or null to keep them
 */
public record ConversionOptions(EpcisFormat target, EpcFormat epcFormat, CbvXmlFormat cbvXmlFormat,
                                DscsaRelease release) {

    public ConversionOptions {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(epcFormat, "epcFormat");
        Objects.requireNonNull(cbvXmlFormat, "cbvXmlFormat");
    }

    /** Conversion to this format keeping identifier and CBV forms. */
    public static ConversionOptions to(EpcisFormat target) {
        return new ConversionOptions(target, EpcFormat.NO_PREFERENCE, CbvXmlFormat.NO_PREFERENCE, null);
    }

    /** These options with another identifier form. */
    public ConversionOptions withEpcFormat(EpcFormat format) {
        return new ConversionOptions(target, format, cbvXmlFormat, release);
    }

    /** These options with a DSCSA release. */
    public ConversionOptions withRelease(DscsaRelease r) {
        return new ConversionOptions(target, epcFormat, cbvXmlFormat, r);
    }

    /** The identifier form actually applied: EPCIS 1.2 has no Digital Link, so URNs unless told never to translate. */
    EpcFormat effectiveEpcFormat() {
        if (target == EpcisFormat.XML_1_2 && epcFormat != EpcFormat.NEVER_TRANSLATES) {
            return EpcFormat.ALWAYS_EPC_URN;
        }
        return epcFormat;
    }
}
