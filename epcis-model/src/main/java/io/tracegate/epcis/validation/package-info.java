/**
 * Validation of EPCIS documents in layers, each reporting machine-readable
 * {@link io.tracegate.epcis.validation.ValidationFinding}s (level, event index, path, stable rule id, message):
 * <ol>
 *   <li>schema ({@link io.tracegate.epcis.validation.SchemaLayer}): the GS1 XSDs for EPCIS 1.2 (with SBDH) and 2.0
 *       XML, Tracegate's own EPCIS JSON Schema for 2.0 JSON-LD; streaming, offline, compiled once;</li>
 *   <li>identifiers ({@link io.tracegate.epcis.validation.IdentifierLayer}) and CBV vocabularies
 *       ({@link io.tracegate.epcis.validation.VocabularyLayer}) on the model's events, through gs1-parser;</li>
 *   <li>the DSCSA profile for shipment documents ({@link io.tracegate.epcis.validation.DscsaProfile}).</li>
 * </ol>
 * {@link io.tracegate.epcis.validation.Validator} runs them all over a file in two streaming passes;
 * {@link io.tracegate.epcis.validation.ValidateCommand} is the {@code validate} command line.
 *
 * <p>The GS1 XSDs are not in the source tree (GS1 licence): the build unpacks them from OpenEPCIS's
 * {@code openepcis-document-validation-service} jar on Maven Central into the build output. GS1's EPCIS JSON Schema
 * ships in no artifact on Central, so the JSON Schema is our own, written from the EPCIS 2.0 JSON binding and bundled
 * as a resource; the system property {@value io.tracegate.epcis.validation.JsonSchemaValidator#SCHEMA_PROPERTY}
 * names another one (such as a local copy of GS1's) to use instead.
 */
package io.tracegate.epcis.validation;
