package io.tracegate.epcis.hash;

import io.tracegate.epcis.io.EpcisTime;
import io.tracegate.epcis.io.Namespaces;
import io.tracegate.epcis.model.BizTransaction;
import io.tracegate.epcis.model.CbvValue;
import io.tracegate.epcis.model.CbvVocabulary;
import io.tracegate.epcis.model.Decimals;
import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.epcis.model.ExtensionElement;
import io.tracegate.epcis.model.LocationRef;
import io.tracegate.epcis.model.NamedValue;
import io.tracegate.epcis.model.QuantityElement;
import io.tracegate.epcis.model.SensorElement;
import io.tracegate.epcis.model.SourceDestination;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds the CBV 2.0 pre-hash string of an event and its SHA-256 ID. One per thread: the string builder, byte
 * buffer and digest are reused from event to event.
 *
 * <p>Canonical form (CBV 2.0 section 8.9, as GS1's reference implementation and the OpenEPCIS generator apply it):
 * fields in the fixed order below, {@code name=value} with no separators, list wrappers named once before their
 * entries; timestamps in UTC with exactly three fraction digits (rounded half-up); standard CBV values as Web URIs;
 * EPCs, classes, locations, parties and other GS1 keys as canonical Digital Links; every list sorted after its
 * entries are written; then, sorted together, the ILMD, extension content of read point, business location and
 * sensor data (under their path) and the user extensions, as {@code {namespace}name=value}, nested, sorted at each
 * level, with EPC values as Digital Links and numbers without leading or trailing zeros. {@code recordTime},
 * {@code eventID}, {@code errorDeclaration}, XML attributes of extensions and JSON-LD comments are ignored.
 */
final class PreHashWriter {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** Standard sensor metadata and sensor report fields, in hash order. */
    private static final String[] METADATA_FIELDS = {
        "time", "startTime", "endTime", "deviceID", "deviceMetadata", "rawData", "dataProcessingMethod", "bizRules"};
    private static final String[] REPORT_FIELDS = {
        "type", "exception", "deviceID", "deviceMetadata", "rawData", "dataProcessingMethod", "time",
        "microorganism", "chemicalSubstance", "value", "component", "stringValue", "booleanValue", "hexBinaryValue",
        "uriValue", "minValue", "maxValue", "meanValue", "sDev", "percRank", "percValue", "uom",
        "coordinateReferenceSystem"};

    private final StringBuilder out = new StringBuilder(4096);
    private final StringBuilder scratch = new StringBuilder(256);
    private final MessageDigest sha256;
    private byte[] bytes = new byte[4096];

    PreHashWriter() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    String preHash(EpcisEvent event) {
        write(event);
        return out.toString();
    }

    String hashId(EpcisEvent event) {
        write(event);
        int n = out.length();
        if (bytes.length < n) {
            bytes = new byte[Math.max(n, bytes.length * 2)];
        }
        boolean ascii = true;
        for (int i = 0; i < n; i++) {
            char c = out.charAt(i);
            if (c >= 0x80) {
                ascii = false;
                break;
            }
            bytes[i] = (byte) c;
        }
        if (ascii) {
            sha256.update(bytes, 0, n);
        } else {
            sha256.update(out.toString().getBytes(StandardCharsets.UTF_8));
        }
        byte[] digest = sha256.digest();
        StringBuilder id = new StringBuilder(14 + 64 + 12).append("ni:///sha-256;");
        for (byte b : digest) {
            id.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
        return id.append("?ver=").append(EventHash.VERSION).toString();
    }

    private void write(EpcisEvent e) {
        out.setLength(0);
        out.append("eventType=").append(e.type().elementName());
        out.append("eventTime=");
        appendUtc(e.eventTime(), out);
        field("eventTimeZoneOffset", e.eventTimeZoneOffset());
        if (!e.certificationInfo().isEmpty()) {
            String[] certificates = e.certificationInfo().stream().map(String::strip).toArray(String[]::new);
            Arrays.sort(certificates);
            for (String c : certificates) {
                out.append("certificationInfo=").append(c);
            }
        }
        // epcList before parentID: the order of the CBV 2.0 table (a TransactionEvent has both)
        epcs("epcList", e.epcList());
        if (e.parentId() != null) {
            out.append("parentID=");
            CanonicalIdentifiers.append(e.parentId().strip(), out);
        }
        epcs("inputEPCList", e.inputEpcList());
        epcs("childEPCs", e.childEpcs());
        quantities("quantityList", e.quantityList());
        quantities("childQuantityList", e.childQuantityList());
        quantities("inputQuantityList", e.inputQuantityList());
        epcs("outputEPCList", e.outputEpcList());
        quantities("outputQuantityList", e.outputQuantityList());
        if (e.action() != null) {
            out.append("action=").append(e.action().name());
        }
        if (e.transformationId() != null) {
            out.append("transformationID=");
            CanonicalIdentifiers.append(e.transformationId().strip(), out);
        }
        cbv("bizStep", e.bizStep());
        cbv("disposition", e.disposition());
        if (e.persistentDisposition() != null) {
            out.append("persistentDisposition");
            cbvList("set", e.persistentDisposition().set());
            cbvList("unset", e.persistentDisposition().unset());
        }
        location("readPoint", e.readPoint());
        location("bizLocation", e.bizLocation());
        bizTransactions(e.bizTransactionList());
        sourcesOrDestinations("sourceList", "source", e.sourceList());
        sourcesOrDestinations("destinationList", "destination", e.destinationList());
        sensors(e.sensorElementList());
        appendRest(e);
    }

    /**
     * What the fixed order does not cover, as GS1's reference implementation gathers it: ILMD, extension content
     * left inside standard structures (read point, business location, sensor data; named by their path) and the
     * user extensions, each serialised, then all sorted together.
     */
    private void appendRest(EpcisEvent e) {
        List<String> rest = new ArrayList<>(e.extensions().size() + 2);
        if (e.ilmd() != null && !e.ilmd().isEmpty()) {
            rest.add("ilmd" + String.join("", serialised(e.ilmd())));
        }
        nestedExtensions("readPoint", e.readPoint(), rest);
        nestedExtensions("bizLocation", e.bizLocation(), rest);
        sensorExtensions(e.sensorElementList(), rest);
        for (ExtensionElement x : e.extensions()) {
            if (!isComment(x)) {
                StringBuilder b = new StringBuilder(64);
                serialise(x, b);
                rest.add(b.toString());
            }
        }
        rest.sort(null);
        for (String r : rest) {
            out.append(r);
        }
    }

    private static void nestedExtensions(String name, LocationRef location, List<String> rest) {
        if (location != null && !location.extensions().isEmpty()) {
            rest.add(name + String.join("", serialised(location.extensions())));
        }
    }

    private void field(String name, String value) {
        if (value != null && !value.isBlank()) {
            out.append(name).append('=').append(value.strip());
        }
    }

    private void cbv(String name, CbvValue value) {
        if (value != null) {
            out.append(name).append('=');
            appendCbv(value, out);
        }
    }

    private static void appendCbv(CbvValue value, StringBuilder to) {
        if (value.standard()) {
            to.append(value.vocabulary().webUriPrefix()).append(value.value());
        } else {
            to.append(value.value());
        }
    }

    private void cbvList(String name, List<CbvValue> values) {
        String[] uris = new String[values.size()];
        for (int i = 0; i < uris.length; i++) {
            scratch.setLength(0);
            appendCbv(values.get(i), scratch);
            uris[i] = scratch.toString();
        }
        Arrays.sort(uris);
        for (String u : uris) {
            out.append(name).append('=').append(u);
        }
    }

    private void epcs(String listName, List<String> epcs) {
        if (epcs.isEmpty()) {
            return;
        }
        out.append(listName);
        if (epcs.size() == 1) {
            out.append("epc=");
            CanonicalIdentifiers.append(epcs.get(0).strip(), out);
            return;
        }
        String[] canonical = new String[epcs.size()];
        for (int i = 0; i < canonical.length; i++) {
            scratch.setLength(0);
            CanonicalIdentifiers.append(epcs.get(i).strip(), scratch);
            canonical[i] = scratch.toString();
        }
        Arrays.sort(canonical);
        for (String c : canonical) {
            out.append("epc=").append(c);
        }
    }

    private void quantities(String listName, List<QuantityElement> elements) {
        if (elements.isEmpty()) {
            return;
        }
        String[] parts = new String[elements.size()];
        for (int i = 0; i < parts.length; i++) {
            QuantityElement q = elements.get(i);
            scratch.setLength(0);
            scratch.append("quantityElementepcClass=");
            CanonicalIdentifiers.append(q.epcClass().strip(), scratch);
            if (q.quantity() != null) {
                scratch.append("quantity=").append(plain(q.quantity()));
            }
            if (q.uom() != null && !q.uom().isBlank()) {
                scratch.append("uom=").append(q.uom().strip());
            }
            parts[i] = scratch.toString();
        }
        Arrays.sort(parts);
        out.append(listName);
        for (String p : parts) {
            out.append(p);
        }
    }

    private void location(String name, LocationRef location) {
        if (location == null) {
            return;
        }
        out.append(name).append("id=");
        CanonicalIdentifiers.append(location.id().strip(), out);
    }

    private void bizTransactions(List<BizTransaction> list) {
        if (list.isEmpty()) {
            return;
        }
        String[] parts = new String[list.size()];
        for (int i = 0; i < parts.length; i++) {
            BizTransaction t = list.get(i);
            scratch.setLength(0);
            if (t.type() != null) {
                scratch.append("type=");
                appendCbv(t.type(), scratch);
            }
            scratch.append("bizTransaction=");
            CanonicalIdentifiers.append(t.value().strip(), scratch);
            parts[i] = scratch.toString();
        }
        appendSorted("bizTransactionList", parts);
    }

    private void sourcesOrDestinations(String listName, String entryName, List<SourceDestination> list) {
        if (list.isEmpty()) {
            return;
        }
        String[] parts = new String[list.size()];
        for (int i = 0; i < parts.length; i++) {
            SourceDestination s = list.get(i);
            scratch.setLength(0);
            scratch.append("type=");
            appendCbv(s.type(), scratch);
            scratch.append(entryName).append('=');
            CanonicalIdentifiers.append(s.value().strip(), scratch);
            parts[i] = scratch.toString();
        }
        appendSorted(listName, parts);
    }

    private void appendSorted(String listName, String[] parts) {
        Arrays.sort(parts);
        out.append(listName);
        for (String p : parts) {
            out.append(p);
        }
    }

    // ---- sensor data ----

    private void sensors(List<SensorElement> elements) {
        if (elements.isEmpty()) {
            return;
        }
        String[] parts = new String[elements.size()];
        StringBuilder b = new StringBuilder(512);
        StringBuilder r = new StringBuilder(256);
        for (int i = 0; i < parts.length; i++) {
            SensorElement s = elements.get(i);
            b.setLength(0);
            b.append("sensorElement");
            if (!s.metadata().isEmpty()) {
                b.append("sensorMetadata");
                standardSensorFields(METADATA_FIELDS, s.metadata(), b);
            }
            String[] reports = new String[s.reports().size()];
            for (int j = 0; j < reports.length; j++) {
                r.setLength(0);
                r.append("sensorReport");
                standardSensorFields(REPORT_FIELDS, s.reports().get(j), r);
                reports[j] = r.toString();
            }
            Arrays.sort(reports);
            for (String report : reports) {
                b.append(report);
            }
            parts[i] = b.toString();
        }
        appendSorted("sensorElementList", parts);
    }

    private static void standardSensorFields(String[] order, List<NamedValue> fields, StringBuilder b) {
        for (String name : order) {
            String value = SensorElement.field(fields, name);
            if (value != null && !value.isBlank()) {
                b.append(name).append('=');
                appendSensorValue(name, value.strip(), b);
            }
        }
    }

    /** Extension fields and elements of sensor data, under their path ({@code sensorElementList...}). */
    private static void sensorExtensions(List<SensorElement> elements, List<String> rest) {
        List<String> perElement = new ArrayList<>();
        for (SensorElement s : elements) {
            List<String> parts = new ArrayList<>();
            String metadata = extensionFields(s.metadata());
            if (!metadata.isEmpty()) {
                parts.add("sensorMetadata" + metadata);
            }
            for (List<NamedValue> report : s.reports()) {
                String fields = extensionFields(report);
                if (!fields.isEmpty()) {
                    parts.add("sensorReport" + fields);
                }
            }
            parts.addAll(List.of(serialised(s.extensions())));
            if (!parts.isEmpty()) {
                parts.sort(null);
                perElement.add("sensorElement" + String.join("", parts));
            }
        }
        if (!perElement.isEmpty()) {
            perElement.sort(null);
            rest.add("sensorElementList" + String.join("", perElement));
        }
    }

    /** The namespaced (extension) fields as {@code {ns}name=value}, sorted and joined; "" when none. */
    private static String extensionFields(List<NamedValue> fields) {
        List<String> extra = new ArrayList<>();
        for (NamedValue f : fields) {
            if (!f.namespaceUri().isEmpty()) {
                StringBuilder b = new StringBuilder(64).append(f.expandedName());
                String value = f.value().strip();
                if (!value.isEmpty()) {
                    appendExtensionValue(value, b.append('='));
                }
                extra.add(b.toString());
            }
        }
        extra.sort(null);
        return String.join("", extra);
    }

    private static void appendSensorValue(String name, String value, StringBuilder b) {
        switch (name) {
            case "time", "startTime", "endTime" -> appendUtc(value, b);
            case "deviceID", "deviceMetadata", "rawData", "dataProcessingMethod", "bizRules", "uriValue" ->
                    CanonicalIdentifiers.append(value, b);
            case "value", "minValue", "maxValue", "meanValue", "sDev", "percRank", "percValue" ->
                    b.append(number(value));
            case "type", "exception" -> appendTerm(value, Namespaces.GS1_VOC, b);
            case "component" -> appendTerm(value, CbvVocabulary.WEB_URI_BASE + "Comp-", b);
            default -> b.append(value);
        }
    }

    /**
     * A vocabulary term as a full URI: the compact forms {@code gs1:Temperature} and {@code cbv:Comp-x} expanded,
     * and a JSON-LD bare word ({@code Temperature}, {@code x}) expanded with the namespace its context gives it.
     */
    private static void appendTerm(String value, String bareWordNamespace, StringBuilder b) {
        if (value.startsWith("gs1:")) {
            b.append(Namespaces.GS1_VOC).append(value, 4, value.length());
        } else if (value.startsWith("cbv:")) {
            b.append(CbvVocabulary.WEB_URI_BASE).append(value, 4, value.length());
        } else if (value.indexOf(':') < 0) {
            b.append(bareWordNamespace).append(value);
        } else {
            b.append(value);
        }
    }

    // ---- ILMD and user extensions ----

    /** JSON-LD {@code rdfs:comment}: a comment, like an XML comment not part of the event's meaning. */
    private static boolean isComment(ExtensionElement e) {
        return e.localName().equals("comment") && e.namespaceUri().equals("http://www.w3.org/2000/01/rdf-schema#");
    }

    /** Each element as {@code {ns}name=value} or {@code {ns}name} followed by its serialised children, sorted. */
    private static String[] serialised(List<ExtensionElement> elements) {
        List<String> parts = new ArrayList<>(elements.size());
        for (ExtensionElement e : elements) {
            if (!isComment(e)) {
                StringBuilder b = new StringBuilder(64);
                serialise(e, b);
                parts.add(b.toString());
            }
        }
        String[] sorted = parts.toArray(new String[0]);
        Arrays.sort(sorted);
        return sorted;
    }

    private static void serialise(ExtensionElement e, StringBuilder b) {
        if (!e.namespaceUri().isEmpty()) {
            b.append('{').append(e.namespaceUri()).append('}');
        }
        b.append(e.localName());
        if (e.isLeaf()) {
            String text = e.text().strip();
            if (!text.isEmpty()) {
                appendExtensionValue(text, b.append('='));
            }
            return;
        }
        for (String child : serialised(e.children())) {
            b.append(child);
        }
    }

    /**
     * An extension value canonicalised as GS1's reference implementation does for every value: EPC URNs and
     * Digital Links as canonical Digital Links, numbers without leading or trailing zeros.
     */
    private static void appendExtensionValue(String value, StringBuilder b) {
        if (value.startsWith("urn:epc:") || value.startsWith("http")) {
            CanonicalIdentifiers.append(value, b);
        } else {
            b.append(canonicalNumber(value));
        }
    }

    // ---- values ----

    /** UTC, millisecond precision (half-up), {@code Z}: {@code 2005-04-05T02:33:31.116Z}. */
    static void appendUtc(OffsetDateTime time, StringBuilder b) {
        long seconds = time.toEpochSecond();
        int nanos = time.getNano();
        int millis = nanos / 1_000_000;
        if (nanos % 1_000_000 >= 500_000) {
            millis++;
            if (millis == 1000) {
                millis = 0;
                seconds++;
            }
        }
        long day = Math.floorDiv(seconds, 86_400);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        LocalDate date = LocalDate.ofEpochDay(day);
        pad(date.getYear(), 4, b);
        b.append('-');
        pad(date.getMonthValue(), 2, b);
        b.append('-');
        pad(date.getDayOfMonth(), 2, b);
        b.append('T');
        pad(secondOfDay / 3600, 2, b);
        b.append(':');
        pad(secondOfDay / 60 % 60, 2, b);
        b.append(':');
        pad(secondOfDay % 60, 2, b);
        b.append('.');
        pad(millis, 3, b);
        b.append('Z');
    }

    /** A timestamp written as text (sensor data): normalised like event times, kept as written if unparseable. */
    private static void appendUtc(String text, StringBuilder b) {
        try {
            appendUtc(EpcisTime.parse(text), b);
        } catch (DateTimeException e) {
            b.append(text);
        }
    }

    private static void pad(int value, int width, StringBuilder b) {
        int digits = value < 10 ? 1 : value < 100 ? 2 : value < 1000 ? 3 : 4;
        for (int i = digits; i < width; i++) {
            b.append('0');
        }
        b.append(value);
    }

    private static String plain(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }

    /**
     * A numeric sensor value without trailing zeros ({@code 26.0} is {@code 26}); other text, and a number out of
     * {@link Decimals}' range (whose plain form could be millions of digits long), as written.
     */
    private static String number(String value) {
        try {
            return plain(Decimals.parse(value));
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    /**
     * A plain decimal ({@code 007}, {@code 20.0}, {@code -3.50}) without leading zeros in its integer part and
     * without trailing zeros in its fraction, as JSON numbers and the reference implementation write numbers;
     * anything else as written.
     */
    static String canonicalNumber(String text) {
        int n = text.length();
        int start = text.charAt(0) == '-' || text.charAt(0) == '+' ? 1 : 0;
        int dot = -1;
        if (start == n) {
            return text;
        }
        for (int i = start; i < n; i++) {
            char c = text.charAt(i);
            if (c == '.' && dot < 0 && i > start && i < n - 1) {
                dot = i;
            } else if (c < '0' || c > '9') {
                return text;
            }
        }
        int intStart = start;
        int intEnd = dot < 0 ? n : dot;
        while (intStart < intEnd - 1 && text.charAt(intStart) == '0') {
            intStart++;
        }
        int end = n;
        if (dot >= 0) {
            while (text.charAt(end - 1) == '0') {
                end--;
            }
            if (end == dot + 1) {
                end = dot;
            }
        }
        if (intStart == start && end == n && start == 0) {
            return text;
        }
        String digits = text.substring(intStart, end);
        boolean zero = digits.chars().allMatch(c -> c == '0' || c == '.');
        return text.charAt(0) == '-' && !zero ? "-" + digits : digits;
    }
}
