/**
 * Compliance: recalls of lots ({@link io.tracegate.gateway.compliance.Recalls}) and marks on units
 * ({@link io.tracegate.gateway.compliance.UnitMarks}: suspect, illegitimate, cleared), recorded with who and when,
 * and read by the verification responder. {@code POST/GET /recalls}, {@code POST/GET /units/{epc}/marks}.
 */
package io.tracegate.gateway.compliance;
