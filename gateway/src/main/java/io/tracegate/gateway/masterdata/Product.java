package io.tracegate.gateway.masterdata;

import java.time.OffsetDateTime;

/**
 * Product master data of one GTIN (each packaging level has its own GTIN and repeats the NDC).
 *
 * @param gtin          GTIN-14
 * @param ndc           the US National Drug Code as the master data gives it, e.g. {@code 0001-0123-45}
 * @param name          the regulated product name
 * @param dosageForm    e.g. {@code PILL}
 * @param strength      e.g. {@code 100mg}
 * @param netContent    pack size, e.g. {@code 500 pills}
 * @param companyPrefix the GS1 company prefix of the GTIN, when known
 * @param manufacturer  the manufacturer's name
 * @param updatedAt     when it was last set (ignored in requests)
 */
public record Product(String gtin, String ndc, String name, String dosageForm, String strength, String netContent,
                      String companyPrefix, String manufacturer, OffsetDateTime updatedAt) {
}
