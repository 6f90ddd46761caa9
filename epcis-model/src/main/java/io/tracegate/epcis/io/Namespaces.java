package io.tracegate.epcis.io;

/** Namespace URIs and JSON-LD context IRIs the readers and writers need. */
public final class Namespaces {

    /** EPCIS 1.x XML. */
    public static final String EPCIS_1 = "urn:epcglobal:epcis:xsd:1";
    /** EPCIS 2.0 XML. */
    public static final String EPCIS_2 = "urn:epcglobal:epcis:xsd:2";
    /** CBV master data attributes in XML (ILMD {@code cbvmda:lotNumber}); the model's form. */
    public static final String CBVMDA = "urn:epcglobal:cbv:mda";
    /** What the EPCIS 2.0 JSON-LD context maps the {@code cbvmda} prefix to (note the trailing colon). */
    public static final String CBVMDA_JSON_LD = "urn:epcglobal:cbv:mda:";
    /** XML Schema instance ({@code xsi:type}, {@code xsi:schemaLocation}). */
    public static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    /** The EPCIS 2.0 JSON-LD context. */
    public static final String EPCIS_CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";
    /** GS1 Web vocabulary ({@code gs1:} prefix). */
    public static final String GS1_VOC = "https://gs1.org/voc/";

    private Namespaces() {
    }
}
