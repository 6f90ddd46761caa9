package io.tracegate.gateway.exchange;

/** A message or MDN that cannot be read as MIME, S/MIME or AS2 says; the message says what and where. */
class MessageFormatException extends RuntimeException {

    MessageFormatException(String message) {
        super(message);
    }

    MessageFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
