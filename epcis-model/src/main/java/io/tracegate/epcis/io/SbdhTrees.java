package io.tracegate.epcis.io;

import io.tracegate.epcis.model.ExtensionElement;
import io.tracegate.epcis.model.NamedValue;
import io.tracegate.epcis.model.StandardBusinessDocumentHeader;
import io.tracegate.epcis.model.StandardBusinessDocumentHeader.ContactInformation;
import io.tracegate.epcis.model.StandardBusinessDocumentHeader.DocumentIdentification;
import io.tracegate.epcis.model.StandardBusinessDocumentHeader.Partner;
import io.tracegate.epcis.model.StandardBusinessDocumentHeader.PartnerIdentifier;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps the SBDH between the model and its element tree. Both XML (where it is the {@code sbdh:} element) and JSON-LD
 * (where it travels as an {@code sbdh:} extension term of the header) go through the tree, so there is one mapping.
 */
final class SbdhTrees {

    static final String NS = StandardBusinessDocumentHeader.NAMESPACE;
    static final String PREFIX = "sbdh";
    static final String ROOT = "StandardBusinessDocumentHeader";

    private SbdhTrees() {
    }

    /** The model of an {@code sbdh:StandardBusinessDocumentHeader} tree. */
    static StandardBusinessDocumentHeader fromTree(ExtensionElement root) {
        String version = null;
        List<Partner> senders = new ArrayList<>();
        List<Partner> receivers = new ArrayList<>();
        DocumentIdentification identification = null;
        ExtensionElement manifest = null;
        ExtensionElement scope = null;
        for (ExtensionElement e : root.children()) {
            switch (e.localName()) {
                case "HeaderVersion" -> version = e.text().strip();
                case "Sender" -> senders.add(partner(e));
                case "Receiver" -> receivers.add(partner(e));
                case "DocumentIdentification" -> identification = identification(e);
                case "Manifest" -> manifest = e;
                case "BusinessScope" -> scope = e;
                default -> throw new IllegalArgumentException("unexpected element " + e.expandedName()
                        + " in the StandardBusinessDocumentHeader");
            }
        }
        return new StandardBusinessDocumentHeader(version, senders, receivers, identification, manifest, scope);
    }

    private static Partner partner(ExtensionElement p) {
        PartnerIdentifier id = null;
        List<ContactInformation> contacts = new ArrayList<>();
        for (ExtensionElement e : p.children()) {
            switch (e.localName()) {
                case "Identifier" -> {
                    String authority = null;
                    for (NamedValue a : e.attributes()) {
                        if (a.localName().equals("Authority")) {
                            authority = a.value();
                        }
                    }
                    id = new PartnerIdentifier(authority, e.text().strip());
                }
                case "ContactInformation" -> contacts.add(new ContactInformation(text(e, "Contact"),
                        text(e, "EmailAddress"), text(e, "FaxNumber"), text(e, "TelephoneNumber"),
                        text(e, "ContactTypeIdentifier")));
                default -> throw new IllegalArgumentException("unexpected element " + e.expandedName()
                        + " in an SBDH " + p.localName());
            }
        }
        return new Partner(id, contacts);
    }

    private static DocumentIdentification identification(ExtensionElement d) {
        String multiple = text(d, "MultipleType");
        String created = text(d, "CreationDateAndTime");
        OffsetDateTime time;
        try {
            time = created == null ? null : EpcisTime.parse(created);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("SBDH CreationDateAndTime: " + e.getMessage());
        }
        return new DocumentIdentification(text(d, "Standard"), text(d, "TypeVersion"), text(d, "InstanceIdentifier"),
                text(d, "Type"), multiple == null ? null : Boolean.valueOf(multiple), time);
    }

    private static String text(ExtensionElement parent, String child) {
        for (ExtensionElement e : parent.children()) {
            if (e.localName().equals(child)) {
                return e.text().strip();
            }
        }
        return null;
    }

    /** The tree of an SBDH, in the schema's element order. */
    static ExtensionElement toTree(StandardBusinessDocumentHeader h) {
        List<ExtensionElement> children = new ArrayList<>();
        leaf(children, "HeaderVersion", h.headerVersion());
        for (Partner p : h.senders()) {
            children.add(partnerTree("Sender", p));
        }
        for (Partner p : h.receivers()) {
            children.add(partnerTree("Receiver", p));
        }
        DocumentIdentification d = h.documentIdentification();
        if (d != null) {
            List<ExtensionElement> di = new ArrayList<>();
            leaf(di, "Standard", d.standard());
            leaf(di, "TypeVersion", d.typeVersion());
            leaf(di, "InstanceIdentifier", d.instanceIdentifier());
            leaf(di, "Type", d.type());
            leaf(di, "MultipleType", d.multipleType() == null ? null : d.multipleType().toString());
            leaf(di, "CreationDateAndTime", d.creationDateAndTime() == null ? null
                    : EpcisTime.format(d.creationDateAndTime()));
            children.add(ExtensionElement.parent(NS, PREFIX, "DocumentIdentification", di));
        }
        if (h.manifest() != null) {
            children.add(h.manifest());
        }
        if (h.businessScope() != null) {
            children.add(h.businessScope());
        }
        return ExtensionElement.parent(NS, PREFIX, ROOT, children);
    }

    private static ExtensionElement partnerTree(String name, Partner p) {
        List<ExtensionElement> children = new ArrayList<>();
        if (p.identifier() != null) {
            List<NamedValue> attributes = p.identifier().authority() == null ? List.of()
                    : List.of(NamedValue.unqualified("Authority", p.identifier().authority()));
            children.add(new ExtensionElement(NS, PREFIX, "Identifier", attributes, p.identifier().value(),
                    List.of()));
        }
        for (ContactInformation c : p.contactInformation()) {
            List<ExtensionElement> ci = new ArrayList<>();
            leaf(ci, "Contact", c.contact());
            leaf(ci, "EmailAddress", c.emailAddress());
            leaf(ci, "FaxNumber", c.faxNumber());
            leaf(ci, "TelephoneNumber", c.telephoneNumber());
            leaf(ci, "ContactTypeIdentifier", c.contactTypeIdentifier());
            children.add(ExtensionElement.parent(NS, PREFIX, "ContactInformation", ci));
        }
        return ExtensionElement.parent(NS, PREFIX, name, children);
    }

    private static void leaf(List<ExtensionElement> into, String name, String text) {
        if (text != null) {
            into.add(ExtensionElement.leaf(NS, PREFIX, name, text));
        }
    }
}
