/**
 * EPCIS 2.0 capture: {@code POST /capture} (asynchronous jobs), {@code GET /capture[/{id}]}, {@code POST /events}.
 *
 * <p>The path of a document: its bytes are streamed to a content-addressed file while hashed
 * ({@link io.tracegate.gateway.capture.DocumentStore}), a job row is committed, a bounded pool of workers runs the job
 * ({@link io.tracegate.gateway.capture.CaptureService}): the epcis-model reader streams the events, the identifier
 * layer checks each identifier, the CBV 2.0 event hash recognises events already captured, and batches of events go
 * to the serial store's lifecycle rules and then, by COPY, to the event store
 * ({@link io.tracegate.gateway.capture.EventStore}), all in one transaction that also finishes the job row
 * ({@link io.tracegate.gateway.capture.CaptureProcessor}). A gateway that dies mid-job leaves nothing applied; at the
 * next start the job is marked failed and the document can be posted again.
 *
 * <p>Identifiers are indexed in a canonical form ({@link io.tracegate.gateway.capture.Identifiers}: the GS1 Digital
 * Link of a GS1 key), so that a URN and a Digital Link find the same events and units.
 */
package io.tracegate.gateway.capture;
