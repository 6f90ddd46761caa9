package io.tracegate.gateway.security;

import io.tracegate.gateway.exchange.Exchange;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * On the exchange's mutual-TLS connector, the caller is the partner whose registered, currently valid certificate
 * the TLS client presented (API keys count for nothing there); any other client is refused with 403. Requests on
 * the other connectors pass untouched.
 */
final class ClientCertificateFilter extends OncePerRequestFilter {

    private static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";

    private final Exchange exchange;
    private final AccessDeniedHandler refusals;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    ClientCertificateFilter(Exchange exchange, AccessDeniedHandler refusals) {
        this.exchange = exchange;
        this.refusals = refusals;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!exchange.onMutualTlsConnector(request)) {
            chain.doFilter(request, response);
            return;
        }
        X509Certificate[] certificates = (X509Certificate[]) request.getAttribute(CERTIFICATES);
        if (certificates == null || certificates.length == 0) {
            refusals.handle(request, response, new AccessDeniedException("this connector takes only partners'"
                    + " client certificates, and the TLS client presented none"));
            return;
        }
        Optional<ApiPrincipal> partner = exchange.partnerForClientCertificate(certificates[0]);
        if (partner.isEmpty()) {
            refusals.handle(request, response, new AccessDeniedException("the client certificate ("
                    + certificates[0].getSubjectX500Principal().getName() + ") is not a valid certificate of any"
                    + " partner: unknown, expired or not yet valid"));
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(new ApiKeyAuthentication(partner.get()));
        contexts.setContext(context);
        chain.doFilter(request, response);
    }
}
