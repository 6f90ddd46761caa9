package io.tracegate.gateway.ops;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Answers 503 at once while the database is known to be down, before the API key is looked up (which needs the
 * database): a client learns of the outage, not of a refused key after the pool's 30 s timeout. Health checks pass,
 * to say DOWN themselves. A request that meets an outage on its way (the key look-up fails to get a connection) is
 * answered 503 too. The problem body is rendered by the problem package, like every error.
 */
final class DatabaseUnavailableFilter extends OncePerRequestFilter {

    private final DatabaseAvailability availability;
    private final HandlerExceptionResolver problems;

    DatabaseUnavailableFilter(DatabaseAvailability availability, HandlerExceptionResolver problems) {
        this.availability = availability;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!availability.isAvailable() && !request.getRequestURI().startsWith("/actuator/health")) {
            unavailable(request, response, new DataAccessResourceFailureException("the database is down"));
            return;
        }
        try {
            chain.doFilter(request, response);
        } catch (DataAccessResourceFailureException | TransientDataAccessResourceException e) {
            if (response.isCommitted()) {
                throw e;
            }
            unavailable(request, response, e);
        }
    }

    private void unavailable(HttpServletRequest request, HttpServletResponse response, RuntimeException why) {
        if (problems.resolveException(request, response, null, why) == null) {
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        }
    }
}
