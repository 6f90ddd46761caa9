package io.tracegate.gateway.shipments;

import io.tracegate.epcis.convert.DscsaRelease;
import io.tracegate.epcis.io.EpcisFormat;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The EPCIS form a partner takes shipment documents in (its {@code documentForm}). */
enum DocumentForm {
    XML_1_2_R1_2("1.2-xml-R1.2", EpcisFormat.XML_1_2, DscsaRelease.R1_2, "application/xml"),
    XML_1_2_R1_3("1.2-xml-R1.3", EpcisFormat.XML_1_2, DscsaRelease.R1_3, "application/xml"),
    // EPCIS 2.0 documents carry the R1.3 header elements (guideline version, transaction statement) as extensions
    XML_2_0("2.0-xml", EpcisFormat.XML_2_0, DscsaRelease.R1_3, "application/xml"),
    JSON_LD_2_0("2.0-jsonld", EpcisFormat.JSON_LD_2_0, DscsaRelease.R1_3, "application/ld+json");

    final String label;
    final EpcisFormat format;
    final DscsaRelease release;
    final String contentType;

    DocumentForm(String label, EpcisFormat format, DscsaRelease release, String contentType) {
        this.label = label;
        this.format = format;
        this.release = release;
        this.contentType = contentType;
    }

    /** The form with this label; an unknown label names the known ones. */
    static DocumentForm of(String label) {
        for (DocumentForm form : values()) {
            if (form.label.equals(label)) {
                return form;
            }
        }
        throw new IllegalArgumentException("unknown document form '" + label + "' (forms are "
                + Arrays.stream(values()).map(f -> f.label).collect(Collectors.joining(", ")) + ")");
    }
}
