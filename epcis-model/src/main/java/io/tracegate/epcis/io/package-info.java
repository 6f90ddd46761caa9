/**
 * Streaming readers and writers for EPCIS 1.2 XML, 2.0 XML and 2.0 JSON-LD.
 *
 * <p>{@link io.tracegate.epcis.io.EpcisReader#open(java.io.InputStream)} detects the format, exposes the header
 * (SBDH, master data, header extensions) before the first event and then yields events one at a time;
 * {@link io.tracegate.epcis.io.EpcisWriter} takes the header and then events one at a time. Memory does not grow
 * with the number of events. XML goes through the hardened parser of {@code io.tracegate.epcis.xml}; JSON-LD
 * through Jackson's streaming parser with the same limits.
 */
package io.tracegate.epcis.io;
