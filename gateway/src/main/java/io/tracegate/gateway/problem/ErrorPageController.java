package io.tracegate.gateway.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors raised outside Spring MVC (the security firewall's refusals, a filter's exception) reach the client through
 * the servlet container's error dispatch to {@code /error}: rendered here as problem+json like every other error,
 * with the status the request really ended with (in place of Boot's own error page). Tomcat also comes here when
 * the client stalls or breaks off while a controller reads its body.
 */
@RestController
class ErrorPageController implements ErrorController {

    private final ProblemHandler problems;

    ErrorPageController(ProblemHandler problems) {
        this.problems = problems;
    }

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
        Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (exception instanceof IOException e) { // Tomcat reports a body the client stalled or broke off
            return problems.apiProblem(ApiProblem.unreadableBody(e, "the request was not carried out"));
        }
        if (exception instanceof Exception e) {
            return problems.unexpected(e);
        }
        EpcisProblemType type = EpcisProblemType.forStatus(status.value());
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        String detail = message instanceof String text && !text.isBlank() ? text
                : "the request was refused before it reached the API (" + status.value() + " "
                        + status.getReasonPhrase() + ")";
        ResponseEntity<ProblemDetail> response = ProblemHandler.respond(
                type == null ? EpcisProblemType.VALIDATION : type, status, detail, new HttpHeaders());
        if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
            response.getBody().setInstance(URI.create(uri));
        }
        return response;
    }
}
