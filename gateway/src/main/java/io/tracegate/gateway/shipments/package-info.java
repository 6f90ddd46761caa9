/**
 * Shipments: outbound DSCSA shipment documents, checked before they leave, and inbound documents reconciled on
 * receipt (see {@code docs/shipments.md}).
 *
 * <p>Capture tells this package of every committed job ({@link io.tracegate.gateway.capture.CaptureListener}):
 * {@link io.tracegate.gateway.shipments.CaptureTriggers} records the jobs that matter inside their own
 * transaction, and the {@link io.tracegate.gateway.shipments.ShipmentWorker} acts on them: a shipping event of ours
 * to a partner becomes a {@link io.tracegate.gateway.shipments.Shipments shipment} whose document the
 * {@link io.tracegate.gateway.shipments.ShipmentComposer} composes and validates, then sends through the
 * {@link io.tracegate.gateway.shipments.PartnerTransport} or holds with its findings; a partner's document becomes
 * {@link io.tracegate.gateway.shipments.Receipts expected receipts}, which a receiving event or scans
 * {@link io.tracegate.gateway.shipments.Reconciliation reconcile}, opening
 * {@link io.tracegate.gateway.shipments.ReceiptExceptions exceptions} due in US federal business days
 * ({@link io.tracegate.gateway.shipments.BusinessCalendar}).
 */
package io.tracegate.gateway.shipments;
