package io.tracegate.gateway.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates the console's browser session: a request without {@code Authorization} whose session holds the key
 * it logged in with ({@link ConsoleLoginController}) acts as that key, checked again on every request, so a revoked
 * key ends its sessions at once. Unsafe requests of a session carry a CSRF token (see {@link SecurityConfiguration}).
 */
final class ConsoleSessionFilter extends OncePerRequestFilter {

    /** The session attribute holding the key (server side; the browser holds only the session cookie). */
    static final String KEY = "tracegate.console.key";

    private final ApiKeys apiKeys;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    ConsoleSessionFilter(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getHeader(HttpHeaders.AUTHORIZATION) == null ? request.getSession(false) : null;
        if (session != null && session.getAttribute(KEY) instanceof String key) {
            Optional<ApiPrincipal> principal = apiKeys.authenticate(key);
            if (principal.isPresent()) {
                SecurityContext context = contexts.createEmptyContext();
                context.setAuthentication(new ApiKeyAuthentication(principal.get()));
                contexts.setContext(context);
            } else {
                session.invalidate(); // revoked since it logged in
            }
        }
        chain.doFilter(request, response);
    }
}
