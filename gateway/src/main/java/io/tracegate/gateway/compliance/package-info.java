/**
 * Compliance: the tamper-evident audit trail ({@link io.tracegate.gateway.compliance.AuditTrail}, which every
 * package that changes state calls), suspect and illegitimate product investigations (which hold their units in the
 * serial store), and signed export bundles that verify offline.
 */
package io.tracegate.gateway.compliance;
