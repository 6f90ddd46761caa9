package io.tracegate.gateway.verify;

import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gateway.security.ApiPrincipal;
import io.tracegate.gateway.security.RememberedVerifiers;
import io.tracegate.gateway.verify.VerificationRequest.Raw;
import io.tracegate.gateway.verify.VerifyService.Verification;
import io.tracegate.gs1.Gs1Parser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * The LMS responder's hot path: answers {@code GET /vrs/gtin/{gtin}/lot/{lot}/ser/{ser}} of a GTIN this gateway
 * answers for itself before the security filter chain and Spring MVC, whose dozen filters, handler mapping, argument
 * resolvers and message converters cost several times the verification itself (see benchmarks/README.md,
 * "Verification"). It answers only what it is sure of, exactly as {@link VrsController#verify} would: a request
 * whose path and query are plain (no percent-encoding, nothing repeated), from a caller {@link RememberedVerifiers}
 * knows, that passes every check, for a GTIN answered locally. Anything else (an unknown key, a malformed request, a
 * forwarded GTIN) goes on through the filter chain to the controller, which answers it as before; nothing is logged
 * or counted here before that decision. The rate limit and the request log are the controller's own.
 */
final class ResponderFilter extends HttpFilter {

    private static final String PREFIX = "/vrs/gtin/";
    /** The uri tag of the request's {@code http.server.requests} observation, as Spring MVC would set it. */
    private static final String PATTERN = "/vrs/gtin/{gtin}/lot/{lot}/ser/{ser}";

    private final RememberedVerifiers callers;
    private final VerifyService verifier;
    private final RequestorLimits limits;
    private final Gs1Parser parser;
    private final VerifyProperties properties;
    private final Clock clock;
    private final HandlerExceptionResolver problems;

    ResponderFilter(RememberedVerifiers callers, VerifyService verifier, RequestorLimits limits, Gs1Parser parser,
            VerifyProperties properties, Clock clock, HandlerExceptionResolver problems) {
        this.callers = callers;
        this.verifier = verifier;
        this.limits = limits;
        this.parser = parser;
        this.properties = properties;
        this.clock = clock;
        this.problems = problems;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long start = System.nanoTime();
        Raw raw = "GET".equals(request.getMethod()) ? plain(request.getRequestURI(), request.getQueryString()) : null;
        Optional<ApiPrincipal> caller = raw == null ? Optional.empty() : callers.of(request);
        VerificationRequest checked = caller.isEmpty() ? null : checked(raw, caller.get());
        if (checked == null) {
            chain.doFilter(request, response);
            return;
        }
        ServerHttpObservationFilter.findObservationContext(request).ifPresent(c -> c.setPathPattern(PATTERN));
        boolean answered;
        try {
            answered = answer(caller.get(), checked, start, response);
        } catch (RuntimeException e) {
            // a 429, a 503, or a failure: rendered as Spring MVC renders the controller's
            if (problems.resolveException(request, response, null, e) == null) {
                throw e;
            }
            return;
        }
        if (!answered) {
            chain.doFilter(request, response);
        }
    }

    /** Answers a GTIN this gateway answers for: false (nothing done) for another's. */
    private boolean answer(ApiPrincipal caller, VerificationRequest checked, long start, HttpServletResponse response)
            throws IOException {
        Optional<Verification> local = verifier.local(checked.product());
        if (local.isEmpty()) {
            return false;
        }
        limits.admit(caller);
        verifier.log(VrsController.entry(caller, checked, local.get(), "lms", start, clock));
        byte[] body = LmsAnswer.to(caller, local.get().verdict(), checked.corrUuid(), properties, clock).json()
                .getBytes(StandardCharsets.US_ASCII);
        response.setStatus(200);
        response.setHeader("Cache-Control", VrsController.NOT_CACHED.getHeaderValue());
        // what the security filter chain adds to every answer
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-XSS-Protection", "0");
        response.setHeader("X-Frame-Options", "DENY");
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        return true;
    }

    /** The request checked as the controller checks it; null when the controller should say what is wrong. */
    private VerificationRequest checked(Raw raw, ApiPrincipal caller) {
        try {
            VerificationRequest request = VerificationRequest.check(raw, parser, properties.contexts(), clock);
            return caller.mayUseGln(request.reqGln()) ? request : null;
        } catch (ApiProblem malformed) {
            return null;
        }
    }

    /**
     * The parameters of {@code /vrs/gtin/{gtin}/lot/{lot}/ser/{ser}?...} when the path and query are plain: every
     * segment and query value of letters, digits, {@code -}, {@code _} and {@code .} (so they mean what they say, with
     * nothing to decode or normalise), none of the controller's parameters given twice. Null otherwise.
     */
    static Raw plain(String uri, String query) {
        if (!uri.startsWith(PREFIX)) {
            return null;
        }
        String[] segments = uri.substring(PREFIX.length()).split("/", -1);
        if (segments.length != 5 || !"lot".equals(segments[1]) || !"ser".equals(segments[3])) {
            return null;
        }
        for (String segment : segments) {
            if (!plain(segment) || segment.equals(".") || segment.equals("..")) {
                return null;
            }
        }
        String[] values = new String[5];
        if (query != null) {
            for (String parameter : query.split("&", -1)) {
                int equals = parameter.indexOf('=');
                String name = equals < 0 ? parameter : parameter.substring(0, equals);
                String value = equals < 0 ? "" : parameter.substring(equals + 1);
                int index = switch (name) {
                    case "exp" -> 0;
                    case "linkType" -> 1;
                    case "context" -> 2;
                    case "reqGLN" -> 3;
                    case "corrUUID" -> 4;
                    default -> -1;
                };
                if (!plain(name) || !plain(value) || index >= 0 && values[index] != null) {
                    return null;
                }
                if (index >= 0) {
                    values[index] = value;
                }
            }
        }
        return new Raw(segments[0], segments[2], segments[4], values[0], values[1], values[2], values[3], values[4]);
    }

    private static boolean plain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.')) {
                return false;
            }
        }
        return true;
    }
}
