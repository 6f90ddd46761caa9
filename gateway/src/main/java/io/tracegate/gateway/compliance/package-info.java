/**
 * Compliance: the tamper-evident audit trail ({@link io.tracegate.gateway.compliance.AuditTrail}, which every
 * package that changes state calls), recalls of lots ({@link io.tracegate.gateway.compliance.Recalls}) and marks on
 * units ({@link io.tracegate.gateway.compliance.UnitMarks}: suspect, illegitimate, cleared) read by the verification
 * responder, suspect and illegitimate product investigations (which hold their units in the serial store), and
 * signed export bundles that verify offline.
 */
package io.tracegate.gateway.compliance;
