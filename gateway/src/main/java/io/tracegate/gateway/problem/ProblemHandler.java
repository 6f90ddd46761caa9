package io.tracegate.gateway.problem;

import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every error into an RFC 7807 {@code application/problem+json} body whose {@code type} is the EPCIS
 * exception type: our own {@link ApiProblem}s, Spring MVC's errors (unreadable body, unsupported media type, unknown
 * path, ...), security refusals (also those raised before a controller, see the security package) and bugs.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler
    ResponseEntity<ProblemDetail> apiProblem(ApiProblem problem) {
        return respond(problem.type(), problem.status(), problem.getMessage(), problem.headers());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException e) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        ResponseEntity<ProblemDetail> response =
                respond(EpcisProblemType.SECURITY, HttpStatus.UNAUTHORIZED, e.getMessage(), headers);
        response.getBody().setTitle("Authentication required");
        return response;
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> forbidden(AccessDeniedException e) {
        return respond(EpcisProblemType.SECURITY, HttpStatus.FORBIDDEN, e.getMessage(), new HttpHeaders());
    }

    /** What the firewall refuses once a controller reads it (a parameter name with a control character, ...). */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> rejected(RequestRejectedException e) {
        return respond(EpcisProblemType.VALIDATION, HttpStatus.BAD_REQUEST, e.getMessage(), new HttpHeaders());
    }

    /**
     * The database is down or unreachable (restarting after a failure, a lost network, every connection busy past
     * the pool's timeout): nothing about the request was wrong, and it may be sent again shortly. The outage itself
     * is logged once, by {@code ops.DatabaseAvailability}.
     */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessResourceException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(DataAccessException e) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "5");
        return respond(EpcisProblemType.IMPLEMENTATION, HttpStatus.SERVICE_UNAVAILABLE,
                "the database is unavailable; try again in a few seconds", headers);
    }

    /** A bug or an outage: the client gets an incident id to quote, the log gets the stack trace. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        String incident = UUID.randomUUID().toString();
        log.error("Incident {}: unexpected error", incident, e);
        return respond(EpcisProblemType.IMPLEMENTATION, HttpStatus.INTERNAL_SERVER_ERROR,
                "Internal error, incident " + incident + " (see the gateway log)", new HttpHeaders());
    }

    /** Jackson's message says what is wrong and where (line, column, field); Spring's default detail does not. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String cause = ex.getMostSpecificCause().getMessage();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, "the request body could not be read: "
                + (cause == null ? ex.getClass().getSimpleName() : cause.lines().findFirst().orElse(cause)));
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    /** Spring MVC's own errors (unknown path, wrong media type, ...) come here as type about:blank: give them the
     * EPCIS type of their status. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
            WebRequest request) {
        EpcisProblemType type = EpcisProblemType.forStatus(statusCode.value());
        if (body instanceof ProblemDetail problem && type != null) {
            problem.setType(type.uri());
            problem.setTitle(type.title());
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    static ResponseEntity<ProblemDetail> respond(EpcisProblemType type, HttpStatus status, String detail,
            HttpHeaders headers) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        return ResponseEntity.status(status).headers(headers).body(problem);
    }
}
