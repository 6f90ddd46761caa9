package io.tracegate.epcis.model;

import java.util.List;

/**
 * EPCIS 2.0 sensor data: optional metadata, the reports, and extension elements.
 *
 * <p>Sensor metadata and reports are flat sets of fields (XML attributes, JSON properties) such as {@code time},
 * {@code deviceID}, {@code type}, {@code value}, {@code uom}, plus namespaced extension fields; they are held as
 * ordered {@link NamedValue}s with the text exactly as written. A measurement {@code type} is held in its XML form
 * ({@code gs1:Temperature}); JSON-LD's bare {@code Temperature} is mapped to it on reading.
 *
 * @param metadata   sensor metadata fields, empty when absent
 * @param reports    sensor reports, each a list of fields
 * @param extensions extension elements of the sensor element, in order
 */
public record SensorElement(List<NamedValue> metadata, List<List<NamedValue>> reports,
                            List<ExtensionElement> extensions) {
    public SensorElement {
        metadata = List.copyOf(metadata);
        reports = reports.stream().<List<NamedValue>>map(List::copyOf).toList();
        extensions = List.copyOf(extensions);
    }

    /** The value of a standard (un-namespaced) field among these fields, or null. */
    public static String field(List<NamedValue> fields, String name) {
        for (NamedValue f : fields) {
            if (f.namespaceUri().isEmpty() && f.localName().equals(name)) {
                return f.value();
            }
        }
        return null;
    }
}
