package io.tracegate.epcis.io;

/** A document could not be written (the output failed, or a value cannot be expressed in the format). */
public class EpcisWriteException extends RuntimeException {

    public EpcisWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
