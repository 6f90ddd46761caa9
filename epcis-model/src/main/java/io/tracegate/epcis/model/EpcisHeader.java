package io.tracegate.epcis.model;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Everything in an EPCIS document except its events, available to a reader before the first event.
 *
 * @param schemaVersion      {@code schemaVersion} as written ({@code 1.2}, {@code 2.0}), or null
 * @param creationDate       {@code creationDate}
 * @param documentId         JSON-LD document {@code id}, or null
 * @param sbdh               the Standard Business Document Header, or null
 * @param masterData         master data from the header (never null; possibly empty)
 * @param headerExtensions   other elements of the EPCIS header, in order: in DSCSA documents
 *                           {@code gs1ushc:guidelineVersion} and {@code gs1ushc:dscsaTransactionStatement}
 * @param documentExtensions extension elements of the document itself outside header and body, in order
 */
public record EpcisHeader(String schemaVersion, OffsetDateTime creationDate, String documentId,
                          StandardBusinessDocumentHeader sbdh, MasterData masterData,
                          List<ExtensionElement> headerExtensions, List<ExtensionElement> documentExtensions) {

    /** Namespace of the GS1 US healthcare (DSCSA) extensions. */
    public static final String GS1USHC_NAMESPACE = "http://epcis.gs1us.org/hc/ns";

    public EpcisHeader {
        masterData = masterData == null ? MasterData.EMPTY : masterData;
        headerExtensions = List.copyOf(headerExtensions);
        documentExtensions = List.copyOf(documentExtensions);
    }

    /** A header with only a creation date and schema version. */
    public static EpcisHeader minimal(String schemaVersion, OffsetDateTime creationDate) {
        return new EpcisHeader(schemaVersion, creationDate, null, null, MasterData.EMPTY, List.of(), List.of());
    }

    /** The header extension with this namespace and local name, or null. */
    public ExtensionElement headerExtension(String namespaceUri, String localName) {
        for (ExtensionElement e : headerExtensions) {
            if (e.localName().equals(localName) && e.namespaceUri().equals(namespaceUri)) {
                return e;
            }
        }
        return null;
    }

    /** This header with other document extensions (read after the body). */
    public EpcisHeader withDocumentExtensions(List<ExtensionElement> extensions) {
        return new EpcisHeader(schemaVersion, creationDate, documentId, sbdh, masterData, headerExtensions,
                extensions);
    }

    /** This header with another schema version. */
    public EpcisHeader withSchemaVersion(String version) {
        return new EpcisHeader(version, creationDate, documentId, sbdh, masterData, headerExtensions,
                documentExtensions);
    }
}
