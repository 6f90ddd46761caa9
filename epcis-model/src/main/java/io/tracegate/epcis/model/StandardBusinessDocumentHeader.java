package io.tracegate.epcis.model;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The UN/CEFACT Standard Business Document Header that DSCSA documents carry in the EPCIS header: who sends, who
 * receives, and the document's identity.
 *
 * <p>Fields are nullable because EPCIS 2.0 JSON-LD carries only a "pseudo SBDH" (top-level {@code sender},
 * {@code receiver}, {@code instanceIdentifier}); a document read from it has only those parts.
 *
 * @param headerVersion          {@code HeaderVersion}, usually {@code 1.0}, or null
 * @param senders                {@code Sender} partners, in order
 * @param receivers              {@code Receiver} partners, in order
 * @param documentIdentification {@code DocumentIdentification}, or null
 * @param manifest               {@code Manifest}, kept as a tree, or null
 * @param businessScope          {@code BusinessScope}, kept as a tree, or null
 */
public record StandardBusinessDocumentHeader(String headerVersion, List<Partner> senders, List<Partner> receivers,
                                             DocumentIdentification documentIdentification,
                                             ExtensionElement manifest, ExtensionElement businessScope) {

    /** Namespace of the SBDH elements. */
    public static final String NAMESPACE = "http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader";

    public StandardBusinessDocumentHeader {
        senders = List.copyOf(senders);
        receivers = List.copyOf(receivers);
    }

    /** The first sender's identifier value, or null. */
    public String senderIdentifier() {
        return senders.isEmpty() || senders.get(0).identifier() == null ? null : senders.get(0).identifier().value();
    }

    /** The first receiver's identifier value, or null. */
    public String receiverIdentifier() {
        return receivers.isEmpty() || receivers.get(0).identifier() == null
                ? null : receivers.get(0).identifier().value();
    }

    /** A sender or receiver. */
    public record Partner(PartnerIdentifier identifier, List<ContactInformation> contactInformation) {
        public Partner {
            contactInformation = List.copyOf(contactInformation);
        }

        /** A partner with an identifier only. */
        public static Partner of(String authority, String value) {
            return new Partner(new PartnerIdentifier(authority, value), List.of());
        }
    }

    /**
     * A partner identifier. DSCSA files use {@code Authority="GS1"} with an SGLN URN, {@code SGLN} with a URN or
     * {@code GLN} with 13 digits.
     *
     * @param authority the {@code Authority} attribute, or null
     * @param value     the identifier, as written
     */
    public record PartnerIdentifier(String authority, String value) {
    }

    /** {@code ContactInformation} of a partner; any field may be null. */
    public record ContactInformation(String contact, String emailAddress, String faxNumber, String telephoneNumber,
                                     String contactTypeIdentifier) {
    }

    /**
     * {@code DocumentIdentification}; any field may be null (pseudo SBDH).
     *
     * @param standard            e.g. {@code EPCglobal}
     * @param typeVersion         e.g. {@code 1.0}
     * @param instanceIdentifier  the sender's document number
     * @param type                e.g. {@code Events}
     * @param multipleType        {@code MultipleType}, or null
     * @param creationDateAndTime when the document was created
     */
    public record DocumentIdentification(String standard, String typeVersion, String instanceIdentifier, String type,
                                         Boolean multipleType, OffsetDateTime creationDateAndTime) {
    }
}
