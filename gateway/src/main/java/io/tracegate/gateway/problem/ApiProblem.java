package io.tracegate.gateway.problem;

import java.io.IOException;
import java.net.SocketTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Thrown anywhere in request handling to answer with an {@code application/problem+json} body of the given EPCIS
 * type; {@link ProblemHandler} renders it. The detail must say what was wrong and where.
 */
public class ApiProblem extends RuntimeException {

    private final EpcisProblemType type;
    private final HttpStatus status;
    private final HttpHeaders headers = new HttpHeaders();

    public ApiProblem(EpcisProblemType type, String detail) {
        this(type, type.status(), detail);
    }

    public ApiProblem(EpcisProblemType type, HttpStatus status, String detail) {
        super(detail);
        this.type = type;
        this.status = status;
    }

    public static ApiProblem validation(String detail) {
        return new ApiProblem(EpcisProblemType.VALIDATION, detail);
    }

    public static ApiProblem noSuchResource(String detail) {
        return new ApiProblem(EpcisProblemType.NO_SUCH_RESOURCE, detail);
    }

    public static ApiProblem alreadyExists(String detail) {
        return new ApiProblem(EpcisProblemType.RESOURCE_ALREADY_EXISTS, detail);
    }

    /**
     * The client stalled (408: no data within the server's idle timeout) or broke off (400) while sending the body:
     * its error, not the gateway's.
     *
     * @param outcome what became of the request, e.g. "nothing was stored"
     */
    public static ApiProblem unreadableBody(IOException e, String outcome) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                return new ApiProblem(EpcisProblemType.VALIDATION, HttpStatus.REQUEST_TIMEOUT, "the request body"
                        + " stalled: no data for longer than tracegate.http.body-idle-timeout; " + outcome);
            }
        }
        return validation("the request body broke off (" + e.getMessage() + "); " + outcome);
    }

    /** Adds a response header (Retry-After, Accept-Encoding, ...) to the answer. */
    public ApiProblem header(String name, String value) {
        headers.add(name, value);
        return this;
    }

    public EpcisProblemType type() {
        return type;
    }

    public HttpStatus status() {
        return status;
    }

    public HttpHeaders headers() {
        return HttpHeaders.readOnlyHttpHeaders(headers);
    }
}
