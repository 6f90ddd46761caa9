package io.tracegate.epcis.io;

/**
 * A document could not be read: malformed syntax, a limit exceeded, or a value of the wrong shape. The message says
 * what was wrong and where (line and column for XML, path for JSON-LD, and the index of the event).
 */
public class EpcisReadException extends RuntimeException {

    public EpcisReadException(String message) {
        super(message);
    }

    public EpcisReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
