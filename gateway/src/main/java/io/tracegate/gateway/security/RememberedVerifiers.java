package io.tracegate.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * The authentication of the verification responder's hot path, which answers before the security filter chain (a
 * verifier sends thousands of requests a second with one key, and the chain's filters cost more than the
 * verification): the caller of a request whose bearer key this instance authenticated within
 * {@link ApiKeys#REMEMBERED} and has not seen revoked, from an address whose keys are not being refused, with a role
 * that {@link SecurityConfiguration} lets verify. Empty means "not sure": the filter chain then decides, as for any
 * other request (and remembers a good key it checked).
 */
@Component
public class RememberedVerifiers {

    private static final String BEARER = "Bearer ";

    private final ApiKeys apiKeys;
    private final AuthFailures failures;

    RememberedVerifiers(ApiKeys apiKeys, AuthFailures failures) {
        this.apiKeys = apiKeys;
        this.failures = failures;
    }

    public Optional<ApiPrincipal> of(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return apiKeys.remembered(header.substring(BEARER.length()).strip())
                .filter(caller -> caller.roles().stream().anyMatch(SecurityConfiguration.VERIFIERS::contains))
                .filter(caller -> !failures.refusing(request.getRemoteAddr()));
    }
}
