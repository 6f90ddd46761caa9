package io.tracegate.gateway.capture;

import io.tracegate.epcis.io.EpcisTime;
import java.io.StringWriter;
import java.time.OffsetDateTime;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A capture job as the EPCIS 2.0 XML schema's {@code epcis:EPCISCaptureJob}: {@code captureID}, {@code running} and
 * {@code success} as attributes, then {@code captureErrorBehaviour}, {@code createdAt}, {@code finishedAt} and the
 * {@code errors} (RFC 7807 {@code error} elements; absent when there are none, as the schema wants at least one).
 * Tracegate's own counts follow in their own namespace, where the schema allows other namespaces' elements.
 */
final class CaptureJobXml {

    private static final String EPCIS = "urn:epcglobal:epcis:xsd:2";
    static final String TRACEGATE = "https://tracegate.io/ns/capture";

    private CaptureJobXml() {
    }

    static String write(CaptureJob job) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.setPrefix("epcis", EPCIS);
            xml.writeStartElement("epcis", "EPCISCaptureJob", EPCIS);
            xml.writeNamespace("epcis", EPCIS);
            xml.writeNamespace("tg", TRACEGATE);
            xml.writeAttribute("captureID", job.captureId());
            xml.writeAttribute("running", String.valueOf(job.running()));
            xml.writeAttribute("success", String.valueOf(job.success()));
            element(xml, "captureErrorBehaviour", job.captureErrorBehaviour());
            element(xml, "createdAt", time(job.createdAt()));
            element(xml, "finishedAt", time(job.finishedAt()));
            if (!job.errors().isEmpty()) {
                xml.writeStartElement("errors");
                for (CaptureError error : job.errors()) {
                    xml.writeStartElement("error");
                    element(xml, "type", error.type());
                    element(xml, "title", error.title());
                    element(xml, "status", String.valueOf(error.status()));
                    element(xml, "detail", error.detail());
                    element(xml, "instance", error.instance());
                    xml.writeEndElement();
                }
                xml.writeEndElement();
            }
            for (String[] count : new String[][] {{"eventCount", String.valueOf(job.eventCount())},
                    {"appliedCount", String.valueOf(job.appliedCount())},
                    {"duplicateCount", String.valueOf(job.duplicateCount())},
                    {"documentSha256", job.documentSha256()}, {"documentBytes", String.valueOf(job.documentBytes())}}) {
                xml.writeStartElement("tg", count[0], TRACEGATE);
                xml.writeCharacters(count[1]);
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing a capture job as XML failed", e);
        }
        return out.toString();
    }

    private static String time(OffsetDateTime time) {
        return time == null ? null : EpcisTime.format(time);
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        if (text != null) {
            xml.writeStartElement(name);
            xml.writeCharacters(text);
            xml.writeEndElement();
        }
    }
}
