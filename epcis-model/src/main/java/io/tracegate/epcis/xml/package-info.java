/**
 * Hardened XML parsing and writing for EPCIS documents, which arrive from trading partners and must be treated as
 * hostile: no DTD processing, no external entities, and limits on nesting depth, text and attribute sizes so that a
 * crafted document fails fast with a clear error instead of exhausting memory.
 */
package io.tracegate.epcis.xml;
