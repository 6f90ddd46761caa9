/**
 * Conversion between EPCIS 1.2 XML, 2.0 XML and 2.0 JSON-LD, streamed event by event, keeping what DSCSA needs and
 * other converters drop: the SBDH, master data, the {@code gs1ushc} header and event elements, and ILMD. Identifiers
 * and CBV values are translated between URN and Web URI forms as the EPCIS 2.0 REST bindings' {@code GS1-EPC-Format}
 * and {@code GS1-CBV-XML-Format} choices say; a GS1 US DSCSA release (R1.2, R1.3) can be imposed on the header and
 * product master data.
 */
package io.tracegate.epcis.convert;
