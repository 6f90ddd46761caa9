package io.tracegate.epcis.validation;

import io.tracegate.epcis.io.EpcisFormat;
import io.tracegate.epcis.model.Action;
import io.tracegate.epcis.model.CbvValue;
import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.epcis.model.EpcisHeader;
import io.tracegate.epcis.model.EventType;
import io.tracegate.epcis.model.ExtensionElement;
import io.tracegate.epcis.model.MasterData;
import io.tracegate.epcis.model.QuantityElement;
import io.tracegate.epcis.model.SourceDestination;
import io.tracegate.gs1.Gs1Exception;
import io.tracegate.gs1.epc.Epc;
import io.tracegate.gs1.epc.Lgtin;
import io.tracegate.gs1.epc.Sgln;
import io.tracegate.gs1.epc.Sgtin;
import io.tracegate.gs1.epc.SgtinPattern;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * DSCSA profile rules (GS1 US DSCSA Implementation Guideline, EPCIS 1.2 XML) for a shipment document, i.e. one
 * with at least one shipping event:
 * <ul>
 *   <li>{@value #LOCATION_MASTER_DATA}: every SGLN in a shipping event's source and destination lists has a
 *       Location master data entry (the receiver learns the four DSCSA parties' names and addresses from it);</li>
 *   <li>{@value #PRODUCT_MASTER_DATA} / {@value #PRODUCT_NDC}: every product (GTIN) the document's events name has
 *       EPCClass master data, and that carries an NDC ({@code additionalTradeItemIdentification} typed
 *       {@code US_FDA_NDC} or {@code FDA_NDC_11});</li>
 *   <li>{@value #ILMD_LOT} / {@value #ILMD_EXPIRY}: commissioning of serialized units carries lot and expiry in
 *       its ILMD;</li>
 *   <li>{@value #SHIPPING_BIZ_LOCATION} / {@value #SHIPPING_PARTIES}: a shipping event has no bizLocation, and has
 *       an {@code owning_party} and a {@code location} on both the source and the destination side;</li>
 *   <li>{@value #TRANSACTION_STATEMENT}: the header carries an affirmed {@code gs1ushc:dscsaTransactionStatement};</li>
 *   <li>{@value #RELEASE}: which guideline release the document follows, as an INFO finding
 *       ({@code gs1ushc:guidelineVersion} or an NDC typed {@code US_FDA_NDC}: R1.3; {@code FDA_NDC_11}: R1.2).</li>
 * </ul>
 * Commissioning rules apply in any document; the shipment-wide rules only once a shipping event is seen. State is
 * one entry per distinct product, never per EPC or event.
 */
public final class DscsaProfile implements EventLayer {

    public static final String LOCATION_MASTER_DATA = "dscsa.location-master-data";
    public static final String PRODUCT_MASTER_DATA = "dscsa.product-master-data";
    public static final String PRODUCT_NDC = "dscsa.product-master-data.ndc";
    public static final String ILMD_LOT = "dscsa.ilmd.lot";
    public static final String ILMD_EXPIRY = "dscsa.ilmd.expiry";
    public static final String SHIPPING_BIZ_LOCATION = "dscsa.shipping.biz-location";
    public static final String SHIPPING_PARTIES = "dscsa.shipping.parties";
    public static final String TRANSACTION_STATEMENT = "dscsa.transaction-statement";
    public static final String RELEASE = "dscsa.release";

    static final String CBVMDA_1_2 = "urn:epcglobal:cbv:mda";
    static final String CBVMDA_2_0 = "urn:epcglobal:cbv:mda:";
    static final String NDC = MasterData.MDA + "additionalTradeItemIdentification";
    static final String NDC_TYPE = MasterData.MDA + "additionalTradeItemIdentificationTypeCode";
    private static final Set<String> NDC_TYPES = Set.of("US_FDA_NDC", "FDA_NDC_11");
    private static final String SGTIN = "urn:epc:id:sgtin:";
    private static final String LGTIN = "urn:epc:class:lgtin:";

    private final DocumentPaths paths;
    private EpcisHeader header;
    private final Set<String> locations = new HashSet<>();
    /** Product key (GTIN-14) to whether some EPCClass entry of it carries an NDC. */
    private final Map<String, Boolean> products = new LinkedHashMap<>();
    /** Products the events name, with where they were first named. */
    private final Map<String, Occurrence> named = new LinkedHashMap<>();
    private boolean shipment;
    /** Said only of a shipment document: other documents need not follow the guideline. */
    private boolean releaseUndetected;
    /** GTIN per EPC class part of an EPC ({@code urn:epc:id:sgtin:GCP.ItemRef}), so each product is parsed once. */
    private final Map<String, Optional<String>> gtinByClass = new HashMap<>();

    private record Occurrence(int index, String path, String epc) {
    }

    /** @param format the format of the document the events come from (for the paths in findings) */
    public DscsaProfile(EpcisFormat format) {
        this.paths = new DocumentPaths(format);
    }

    /** True for the namespaces DSCSA ILMD lot and date elements come in (CBV 1.2, CBV 2.0, GS1 US). */
    static boolean isLotOrDateNamespace(String namespaceUri) {
        return namespaceUri.equals(CBVMDA_1_2) || namespaceUri.equals(CBVMDA_2_0)
                || namespaceUri.equals(EpcisHeader.GS1USHC_NAMESPACE);
    }

    @Override
    public void header(EpcisHeader header, Consumer<ValidationFinding> sink) {
        this.header = header;
        Set<String> ndcTypes = new HashSet<>();
        for (MasterData.Vocabulary vocabulary : header.masterData().vocabularies()) {
            for (MasterData.VocabularyElement element : vocabulary.elements()) {
                if (vocabulary.type().equals(MasterData.LOCATION)) {
                    locations.add(locationKey(element.id()));
                } else if (vocabulary.type().equals(MasterData.EPC_CLASS)) {
                    String gtin = gtin(element.id());
                    String ndc = element.attribute(NDC);
                    String type = element.attribute(NDC_TYPE);
                    boolean hasNdc = ndc != null && !ndc.isBlank() && type != null && NDC_TYPES.contains(type.strip());
                    if (type != null) {
                        ndcTypes.add(type.strip());
                    }
                    if (gtin != null) {
                        products.merge(gtin, hasNdc, Boolean::logicalOr);
                    }
                }
            }
        }
        ValidationFinding release = release(header, ndcTypes);
        if (release != null) {
            sink.accept(release);
        }
    }

    @Override
    public void event(int index, String path, EpcisEvent event, Consumer<ValidationFinding> sink) {
        if (isCommissioningOfSerializedUnits(event)) {
            ilmd(event, index, path, sink);
        }
        if (is(event.bizStep(), "shipping")) {
            shipment = true;
            shipping(event, index, path, sink);
        }
        for (String epc : event.allEpcs()) {
            nameProduct(epc, index, path);
        }
        for (List<QuantityElement> quantities : List.of(event.quantityList(), event.childQuantityList(),
                event.inputQuantityList(), event.outputQuantityList())) {
            for (QuantityElement q : quantities) {
                nameProduct(q.epcClass(), index, path);
            }
        }
    }

    /** The transaction statement may follow the body (EPCIS 2.0 XML has no place for it in the header). */
    @Override
    public void headerComplete(EpcisHeader header) {
        this.header = header;
    }

    @Override
    public void end(Consumer<ValidationFinding> sink) {
        if (!shipment) {
            return;
        }
        for (Map.Entry<String, Occurrence> e : named.entrySet()) {
            Boolean hasNdc = products.get(e.getKey());
            Occurrence first = e.getValue();
            if (hasNdc == null) {
                sink.accept(ValidationFinding.error(first.index, first.path, PRODUCT_MASTER_DATA, "GTIN " + e.getKey()
                        + " (first named as " + first.epc + ") has no EPCClass master data in the header"));
            } else if (!hasNdc) {
                sink.accept(ValidationFinding.error(first.index, first.path, PRODUCT_NDC, "the EPCClass master data of"
                        + " GTIN " + e.getKey() + " has no NDC (additionalTradeItemIdentification with type code"
                        + " US_FDA_NDC or FDA_NDC_11)"));
            }
        }
        transactionStatement(sink);
        if (releaseUndetected) {
            sink.accept(ValidationFinding.info(ValidationFinding.DOCUMENT, paths.header(), RELEASE,
                    "GS1 US DSCSA guideline release not detected (no gs1ushc:guidelineVersion, no typed NDC)"));
        }
    }

    /** The release finding, or null when the header shows none. */
    private ValidationFinding release(EpcisHeader header, Set<String> ndcTypes) {
        ExtensionElement guideline = gs1ushc(header, "guidelineVersion");
        String evidence;
        String release;
        if (guideline != null) {
            release = "R1.3";
            evidence = "gs1ushc:guidelineVersion '" + guideline.text().strip() + "'";
        } else if (ndcTypes.contains("US_FDA_NDC")) {
            release = "R1.3";
            evidence = "NDC type code US_FDA_NDC";
        } else if (ndcTypes.contains("FDA_NDC_11")) {
            release = "R1.2";
            evidence = "NDC type code FDA_NDC_11";
        } else {
            releaseUndetected = true;
            return null;
        }
        return ValidationFinding.info(ValidationFinding.DOCUMENT, paths.header(), RELEASE,
                "GS1 US DSCSA guideline " + release + " (" + evidence + ")");
    }

    private boolean isCommissioningOfSerializedUnits(EpcisEvent event) {
        if (event.type() != EventType.OBJECT_EVENT || event.action() != Action.ADD
                || !is(event.bizStep(), "commissioning")) {
            return false;
        }
        for (String epc : event.epcList()) {
            String e = epc.strip();
            if (e.startsWith(SGTIN) || !e.startsWith("urn:") && parse(e) instanceof Sgtin) {
                return true;
            }
        }
        return false;
    }

    private void ilmd(EpcisEvent event, int index, String path, Consumer<ValidationFinding> sink) {
        String ilmdPath = paths.member(path, "ilmd");
        if (ilmdText(event, "lotNumber") == null) {
            sink.accept(ValidationFinding.error(index, ilmdPath, ILMD_LOT,
                    "commissioning of serialized units without a lot (ILMD cbvmda:lotNumber)"));
        }
        if (ilmdText(event, "itemExpirationDate") == null) {
            sink.accept(ValidationFinding.error(index, ilmdPath, ILMD_EXPIRY,
                    "commissioning of serialized units without an expiry date (ILMD cbvmda:itemExpirationDate)"));
        }
    }

    private static String ilmdText(EpcisEvent event, String localName) {
        if (event.ilmd() != null) {
            for (ExtensionElement e : event.ilmd()) {
                if (e.localName().equals(localName) && isLotOrDateNamespace(e.namespaceUri())
                        && !e.text().isBlank()) {
                    return e.text();
                }
            }
        }
        return null;
    }

    private void shipping(EpcisEvent event, int index, String path, Consumer<ValidationFinding> sink) {
        if (event.bizLocation() != null) {
            sink.accept(ValidationFinding.error(index, paths.member(path, "bizLocation"), SHIPPING_BIZ_LOCATION,
                    "a shipping event has no bizLocation (the goods are leaving it), but this one names "
                            + event.bizLocation().id()));
        }
        parties(event.sourceList(), "sourceList", "source", "seller", "ship-from", index, path, sink);
        parties(event.destinationList(), "destinationList", "destination", "buyer", "ship-to", index, path, sink);
    }

    private void parties(List<SourceDestination> entries, String list, String item, String ownerRole,
            String locationRole, int index, String path, Consumer<ValidationFinding> sink) {
        boolean owner = false;
        boolean location = false;
        for (int i = 0; i < entries.size(); i++) {
            SourceDestination entry = entries.get(i);
            owner |= is(entry.type(), "owning_party");
            location |= is(entry.type(), "location");
            if (!locations.contains(locationKey(entry.value()))) {
                sink.accept(ValidationFinding.error(index, paths.item(path, list, item, item, i),
                        LOCATION_MASTER_DATA, item + " " + entry.value() + " (" + entry.type().toBareWord()
                                + ") has no Location master data entry in the header"));
            }
        }
        if (!owner) {
            sink.accept(ValidationFinding.error(index, paths.member(path, list), SHIPPING_PARTIES,
                    "no " + item + " of type owning_party (the " + ownerRole + ")"));
        }
        if (!location) {
            sink.accept(ValidationFinding.error(index, paths.member(path, list), SHIPPING_PARTIES,
                    "no " + item + " of type location (the " + locationRole + ")"));
        }
    }

    private void transactionStatement(Consumer<ValidationFinding> sink) {
        ExtensionElement statement = gs1ushc(header, "dscsaTransactionStatement");
        if (statement == null) {
            sink.accept(ValidationFinding.error(ValidationFinding.DOCUMENT, paths.header(), TRANSACTION_STATEMENT,
                    "a shipment document carries the DSCSA transaction statement "
                            + "(gs1ushc:dscsaTransactionStatement) in its header; this one does not"));
            return;
        }
        ExtensionElement affirm = statement.child(EpcisHeader.GS1USHC_NAMESPACE, "affirmTransactionStatement");
        if (affirm == null || !affirm.text().strip().equalsIgnoreCase("true")) {
            sink.accept(ValidationFinding.error(ValidationFinding.DOCUMENT, paths.header(), TRANSACTION_STATEMENT,
                    "the transaction statement is not affirmed: gs1ushc:affirmTransactionStatement is "
                            + (affirm == null ? "missing" : "'" + affirm.text().strip() + "'") + ", must be true"));
        }
    }

    private void nameProduct(String epc, int index, String path) {
        String gtin = productOf(epc.strip());
        if (gtin != null && !named.containsKey(gtin)) {
            named.put(gtin, new Occurrence(index, path, epc));
        }
    }

    /** The GTIN of an SGTIN/LGTIN URN by its class part (cached), of anything else by parsing it. */
    private String productOf(String epc) {
        int serialDot = epc.lastIndexOf('.');
        if (serialDot < 0 || !(epc.startsWith(SGTIN) || epc.startsWith(LGTIN))) {
            return gtin(epc);
        }
        return gtinByClass.computeIfAbsent(epc.substring(0, serialDot), c -> Optional.ofNullable(gtin(epc)))
                .orElse(null);
    }

    /** In JSON-LD the DSCSA header elements may sit at the top level of the document. */
    private static ExtensionElement gs1ushc(EpcisHeader header, String localName) {
        ExtensionElement inHeader = header.headerExtension(EpcisHeader.GS1USHC_NAMESPACE, localName);
        if (inHeader != null) {
            return inHeader;
        }
        for (ExtensionElement e : header.documentExtensions()) {
            if (e.localName().equals(localName) && e.namespaceUri().equals(EpcisHeader.GS1USHC_NAMESPACE)) {
                return e;
            }
        }
        return null;
    }

    private static boolean is(CbvValue value, String standardWord) {
        return value != null && value.standard() && value.value().equals(standardWord);
    }

    /** The GTIN-14 of an SGTIN, LGTIN or SGTIN pattern in any form, else null. */
    private static String gtin(String epc) {
        Epc parsed = parse(epc);
        if (parsed instanceof Sgtin s) {
            return s.gtin().value();
        }
        if (parsed instanceof Lgtin l) {
            return l.gtin().value();
        }
        if (parsed instanceof SgtinPattern p) {
            return p.gtin().value();
        }
        return null;
    }

    /** An SGLN compares by GLN and extension whichever form it is written in; anything else as written. */
    private static String locationKey(String id) {
        return parse(id) instanceof Sgln s ? s.gln().value() + "." + s.extension() : id.strip();
    }

    // Malformed identifiers are the identifier layer's business; here they simply match nothing.
    private static Epc parse(String value) {
        try {
            return Epc.parse(value.strip());
        } catch (Gs1Exception e) {
            return null;
        }
    }
}
