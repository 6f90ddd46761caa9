/**
 * Validation of EPCIS documents in layers, each reporting machine-readable
 * {@link io.tracegate.epcis.validation.ValidationFinding}s (level, event index, path, stable rule id, message):
 * <ol>
 *   <li>schema ({@link io.tracegate.epcis.validation.SchemaLayer}): the GS1 XSDs for EPCIS 1.2 (with SBDH) and 2.0
 *       XML, the GS1 EPCIS JSON Schema for 2.0 JSON-LD; streaming, offline, compiled once;</li>
 *   <li>identifiers ({@link io.tracegate.epcis.validation.IdentifierLayer}) and CBV vocabularies
 *       ({@link io.tracegate.epcis.validation.VocabularyLayer}) on the model's events, through gs1-parser;</li>
 *   <li>the DSCSA profile for shipment documents ({@link io.tracegate.epcis.validation.DscsaProfile}).</li>
 * </ol>
 * {@link io.tracegate.epcis.validation.Validator} runs them all over a file in two streaming passes;
 * {@link io.tracegate.epcis.validation.ValidateCommand} is the {@code validate} command line.
 *
 * <p>The GS1 XSDs are not in the source tree (GS1 licence): the build unpacks them from OpenEPCIS's
 * {@code openepcis-document-validation-service} jar on Maven Central into the build output. No artifact on Central
 * carries the GS1 EPCIS JSON Schema, so JSON-LD schema validation needs a local copy named by the system property
 * {@value io.tracegate.epcis.validation.JsonSchemaValidator#SCHEMA_PROPERTY}; without one, JSON-LD documents get a
 * {@code json-schema.unavailable} warning and the other layers still run.
 */
package io.tracegate.epcis.validation;
