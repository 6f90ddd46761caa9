package io.tracegate.gateway.security;

import io.tracegate.gateway.problem.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Security refusals happen in filters, before any controller. Handing them to Spring MVC's exception resolvers makes
 * {@link io.tracegate.gateway.problem.ProblemHandler} render them like every other error.
 */
final class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final HandlerExceptionResolver resolver;

    ProblemSecurityHandlers(HandlerExceptionResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (resolver.resolveException(request, response, null, e) == null) {
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
        }
    }

    /** Refuses a request before any controller with a problem of our own (429 for too many failed keys). */
    void refuse(HttpServletRequest request, HttpServletResponse response, ApiProblem problem) throws IOException {
        if (resolver.resolveException(request, response, null, problem) == null) {
            response.sendError(problem.status().value());
        }
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        if (resolver.resolveException(request, response, null, e) == null) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
        }
    }
}
