package io.tracegate.gateway.security;

import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gateway.problem.EpcisProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <key>}. A request without a bearer key passes on unauthenticated (the
 * authorization rules then refuse it unless the endpoint is public); a request with an unknown or revoked key is
 * refused at once and counted against its client address ({@link AuthFailures}), whose keys are refused unchecked
 * (429) once it has failed too often.
 */
final class ApiKeyFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final ApiKeys apiKeys;
    private final AuthFailures failures;
    private final ProblemSecurityHandlers problems;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    ApiKeyFilter(ApiKeys apiKeys, AuthFailures failures, ProblemSecurityHandlers problems) {
        this.apiKeys = apiKeys;
        this.failures = failures;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            chain.doFilter(request, response);
            return;
        }
        String address = request.getRemoteAddr();
        Optional<ApiPrincipal> principal;
        try (AuthFailures.Check check = failures.admit(address)) {
            if (check.refusedFor().isPresent()) {
                problems.refuse(request, response, tooManyFailures(address, check.refusedFor().get()));
                return;
            }
            String key = header.substring(BEARER.length()).strip();
            principal = apiKeys.authenticate(key);
            if (principal.isEmpty()) {
                check.failed(key);
                problems.commence(request, response, new BadCredentialsException("the API key is unknown or revoked"));
                return;
            }
            check.passed();
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(new ApiKeyAuthentication(principal.get()));
        contexts.setContext(context);
        chain.doFilter(request, response);
    }

    private static ApiProblem tooManyFailures(String address, Duration refusedFor) {
        long seconds = Math.max(1, (refusedFor.toMillis() + 999) / 1000);
        return new ApiProblem(EpcisProblemType.SECURITY, HttpStatus.TOO_MANY_REQUESTS, "too many failed"
                + " authentications from " + AuthFailures.client(address) + " (unknown or revoked API keys): keys"
                + " from this address are refused unchecked for the next " + seconds + " s")
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
    }
}
