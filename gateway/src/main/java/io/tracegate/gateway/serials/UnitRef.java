package io.tracegate.gateway.serials;

/**
 * A serialised identifier an event names: an SGTIN (a saleable unit or a case) or an SSCC (a logistic unit).
 *
 * @param key     the canonical GS1 Digital Link: how the store knows the unit whichever form it was written in
 * @param written the EPC exactly as the event wrote it (URN or Digital Link), for display
 * @param kind    {@code sgtin} or {@code sscc}
 * @param gtin    the GTIN-14 of an SGTIN, else null
 */
public record UnitRef(String key, String written, String kind, String gtin) {
}
