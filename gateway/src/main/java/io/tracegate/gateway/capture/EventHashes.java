package io.tracegate.gateway.capture;

import io.tracegate.epcis.model.BizTransaction;
import io.tracegate.epcis.model.CbvValue;
import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.epcis.model.ExtensionElement;
import io.tracegate.epcis.model.QuantityElement;
import io.tracegate.epcis.model.SourceDestination;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * The identity under which a captured event is recognised when it comes again. PROVISIONAL: the CBV 2.0 event hash
 * ({@code io.tracegate.epcis.hash.EventHash}) is being finished in epcis-model; until it is on main this computes a
 * SHA-256 of the same canonical ingredients (UTC millisecond time, canonical identifiers, CBV Web URIs, sorted
 * lists, ILMD and extensions), which is stable across XML/JSON-LD and URN/Digital Link but not byte-compatible with
 * CBV 2.0 hash IDs. Replace the body of {@link #of} with {@code EventHash.of(event)} when it lands.
 */
final class EventHashes {

    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'");

    private EventHashes() {
    }

    static String of(EpcisEvent event) {
        StringBuilder s = new StringBuilder(256);
        s.append("eventType=").append(event.type().elementName());
        s.append("eventTime=").append(MILLIS.format(event.eventTime().withOffsetSameInstant(ZoneOffset.UTC)));
        s.append("eventTimeZoneOffset=").append(event.eventTimeZoneOffset());
        if (event.parentId() != null) {
            s.append("parentID=").append(Identifiers.key(event.parentId()));
        }
        list(s, "epcList", event.epcList());
        list(s, "childEPCs", event.childEpcs());
        list(s, "inputEPCList", event.inputEpcList());
        list(s, "outputEPCList", event.outputEpcList());
        quantities(s, "quantityList", event.quantityList());
        quantities(s, "childQuantityList", event.childQuantityList());
        quantities(s, "inputQuantityList", event.inputQuantityList());
        quantities(s, "outputQuantityList", event.outputQuantityList());
        s.append("action=").append(event.action());
        s.append("transformationID=").append(event.transformationId());
        s.append("bizStep=").append(uri(event.bizStep()));
        s.append("disposition=").append(uri(event.disposition()));
        if (event.readPoint() != null) {
            s.append("readPoint=").append(Identifiers.key(event.readPoint().id()));
        }
        if (event.bizLocation() != null) {
            s.append("bizLocation=").append(Identifiers.key(event.bizLocation().id()));
        }
        List<String> entries = new ArrayList<>();
        for (BizTransaction t : event.bizTransactionList()) {
            entries.add(uri(t.type()) + "=" + t.value().strip());
        }
        sorted(s, "bizTransactionList", entries);
        sorted(s, "sourceList", parties(event.sourceList()));
        sorted(s, "destinationList", parties(event.destinationList()));
        if (event.ilmd() != null) {
            sorted(s, "ilmd", flatten(event.ilmd()));
        }
        sorted(s, "extensions", flatten(event.extensions()));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8));
            return "ni:///sha-256;" + HexFormat.of().formatHex(digest) + "?ver=CBV2.0";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String uri(CbvValue value) {
        return value == null ? "" : value.toWebUri();
    }

    private static void list(StringBuilder s, String name, List<String> epcs) {
        List<String> keys = new ArrayList<>(epcs.size());
        for (String epc : epcs) {
            keys.add(Identifiers.key(epc.strip()));
        }
        sorted(s, name, keys);
    }

    private static void quantities(StringBuilder s, String name, List<QuantityElement> quantities) {
        List<String> entries = new ArrayList<>();
        for (QuantityElement q : quantities) {
            entries.add(Identifiers.key(q.epcClass()) + "|" + (q.quantity() == null ? ""
                    : q.quantity().stripTrailingZeros().toPlainString()) + "|" + (q.uom() == null ? "" : q.uom()));
        }
        sorted(s, name, entries);
    }

    private static List<String> parties(List<SourceDestination> list) {
        List<String> entries = new ArrayList<>();
        for (SourceDestination d : list) {
            entries.add(uri(d.type()) + "=" + Identifiers.key(d.value().strip()));
        }
        return entries;
    }

    private static List<String> flatten(List<ExtensionElement> elements) {
        List<String> out = new ArrayList<>();
        for (ExtensionElement e : elements) {
            if (e.isLeaf()) {
                out.add(e.expandedName() + "=" + e.text().strip());
            } else {
                List<String> inner = flatten(e.children());
                Collections.sort(inner);
                out.add(e.expandedName() + String.join("", inner));
            }
        }
        return out;
    }

    private static void sorted(StringBuilder s, String name, List<String> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Collections.sort(entries);
        s.append(name);
        for (String entry : entries) {
            s.append('[').append(entry).append(']');
        }
    }
}
