/**
 * Product (by GTIN) and party/location (by GLN and extension) master data: set through {@code /masterdata/...}
 * and learned from the EPCClass and Location vocabularies of captured documents, where learning never overwrites a
 * value already set.
 */
package io.tracegate.gateway.masterdata;
