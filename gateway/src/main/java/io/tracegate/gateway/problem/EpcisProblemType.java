package io.tracegate.gateway.problem;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * The exception types of the EPCIS 2.0 REST bindings, used as the {@code type} of RFC 7807 problem bodies, with the
 * HTTP status each is normally answered with.
 */
public enum EpcisProblemType {
    VALIDATION("ValidationException", HttpStatus.BAD_REQUEST, "The request is not valid"),
    QUERY_VALIDATION("QueryValidationException", HttpStatus.BAD_REQUEST, "The query is not valid"),
    QUERY_PARAMETER("QueryParameterException", HttpStatus.BAD_REQUEST, "A query parameter is not valid"),
    QUERY_TOO_COMPLEX("QueryTooComplexException", HttpStatus.PAYLOAD_TOO_LARGE, "The query is too complex"),
    QUERY_TOO_LARGE("QueryTooLargeException", HttpStatus.PAYLOAD_TOO_LARGE, "The query result is too large"),
    SUBSCRIPTION_CONTROLS("SubscriptionControlsException", HttpStatus.BAD_REQUEST,
            "The subscription controls are not valid"),
    SECURITY("SecurityException", HttpStatus.FORBIDDEN, "Access refused"),
    NO_SUCH_NAME("NoSuchNameException", HttpStatus.NOT_FOUND, "No such name"),
    NO_SUCH_RESOURCE("NoSuchResourceException", HttpStatus.NOT_FOUND, "No such resource"),
    RESOURCE_ALREADY_EXISTS("ResourceAlreadyExistsException", HttpStatus.CONFLICT, "The resource already exists"),
    CAPTURE_LIMIT_EXCEEDED("CaptureLimitExceededException", HttpStatus.PAYLOAD_TOO_LARGE,
            "The capture limit is exceeded"),
    URI_TOO_LONG("URITooLongException", HttpStatus.URI_TOO_LONG, "The request URI is too long"),
    NOT_ACCEPTABLE("NotAcceptableException", HttpStatus.NOT_ACCEPTABLE, "No acceptable representation"),
    UNSUPPORTED_MEDIA_TYPE("UnsupportedMediaTypeException", HttpStatus.UNSUPPORTED_MEDIA_TYPE,
            "The media type is not supported"),
    IMPLEMENTATION("ImplementationException", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

    private final URI uri;
    private final HttpStatus status;
    private final String title;

    EpcisProblemType(String name, HttpStatus status, String title) {
        this.uri = URI.create("epcisException:" + name);
        this.status = status;
        this.title = title;
    }

    /** {@code epcisException:<Name>}, the problem's {@code type}. */
    public URI uri() {
        return uri;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The type Spring's own errors (bad JSON, wrong media type, unknown path, ...) are reported with. */
    static EpcisProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> VALIDATION;
            case 401, 403 -> SECURITY;
            case 404 -> NO_SUCH_RESOURCE;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> RESOURCE_ALREADY_EXISTS;
            case 413 -> CAPTURE_LIMIT_EXCEEDED;
            case 414 -> URI_TOO_LONG;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            default -> status >= 500 ? IMPLEMENTATION : null;
        };
    }
}
