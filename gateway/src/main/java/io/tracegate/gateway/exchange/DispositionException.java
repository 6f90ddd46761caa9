package io.tracegate.gateway.exchange;

/** An incoming message refused with an MDN error disposition; the message says why, for the MDN's text and the log. */
class DispositionException extends RuntimeException {

    private final Disposition.Error error;

    DispositionException(Disposition.Error error, String message) {
        super(message);
        this.error = error;
    }

    DispositionException(Disposition.Error error, String message, Throwable cause) {
        super(message, cause);
        this.error = error;
    }

    Disposition.Error error() {
        return error;
    }
}
