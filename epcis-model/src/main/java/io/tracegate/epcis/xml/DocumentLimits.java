package io.tracegate.epcis.xml;

/**
 * Limits a parser enforces on an untrusted document, XML or JSON-LD (for JSON, depth and text length map to Jackson's
 * nesting depth and string length constraints).
 *
 * @param maxElementDepth     deepest element nesting; EPCIS needs about 12 levels, extensions a few more
 * @param maxTextLength       longest text content of one element, in characters
 * @param maxAttributeSize    longest attribute value, in characters
 * @param maxAttributesPerElement most attributes on one element
 * @param maxDocumentBytes    longest document in bytes ({@link Long#MAX_VALUE} for no limit)
 */
public record DocumentLimits(int maxElementDepth, int maxTextLength, int maxAttributeSize, int maxAttributesPerElement,
                             long maxDocumentBytes) {

    /** Defaults that every real EPCIS document stays well within: depth 64, 1 MiB text, 64 KiB attributes. */
    public static final DocumentLimits DEFAULT = new DocumentLimits(64, 1 << 20, 1 << 16, 256, Long.MAX_VALUE);

    public DocumentLimits {
        if (maxElementDepth < 1 || maxTextLength < 1 || maxAttributeSize < 1 || maxAttributesPerElement < 1
                || maxDocumentBytes < 1) {
            throw new IllegalArgumentException("XML limits must be positive");
        }
    }

    /** These limits with another document size limit. */
    public DocumentLimits withMaxDocumentBytes(long bytes) {
        return new DocumentLimits(maxElementDepth, maxTextLength, maxAttributeSize, maxAttributesPerElement, bytes);
    }
}
