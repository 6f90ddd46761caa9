package io.tracegate.gateway.verify;

import io.tracegate.gateway.security.ApiPrincipal;
import io.tracegate.gateway.verify.VerifyProperties.RequestorPolicy;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * The per-requestor rate limit of the verification paths: a token bucket per API key ({@code requests-per-second}
 * sustained, {@code burst} at once), 429 with {@code Retry-After} (whole seconds) beyond it. Buckets live in this
 * gateway instance: behind a load balancer of n instances a requestor gets up to n times its rate. A bucket is a
 * dozen lines, and a library's limiter (resilience4j's, for one) would still need the wait computed for
 * {@code Retry-After}: written here.
 */
@Component
class RequestorLimits implements HandlerInterceptor {

    private final VerifyProperties properties;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    RequestorLimits(VerifyProperties properties) {
        this.properties = properties;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof ApiPrincipal caller) {
            admit(caller);
        }
        return true;
    }

    /** Takes one of the caller's tokens; 429 (with {@code Retry-After}) when it has none left. */
    void admit(ApiPrincipal caller) {
        Bucket bucket = buckets.computeIfAbsent(caller.name(), name -> new Bucket(properties.policyOf(name)));
        long waitNanos = bucket.take(System.nanoTime());
        if (waitNanos > 0) {
            long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, "the key '"
                    + caller.name() + "' may make " + bucket.perSecond + " verifications per second (burst "
                    + bucket.capacity + "): retry after " + seconds + " s");
            ErrorResponseException refused = new ErrorResponseException(HttpStatus.TOO_MANY_REQUESTS, problem, null);
            refused.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            throw refused;
        }
    }

    /** Tokens refill continuously at {@code perSecond} up to {@code capacity}; one request takes one. */
    static final class Bucket {
        final double perSecond;
        final int capacity;
        private double tokens;
        private long last;

        Bucket(RequestorPolicy policy) {
            this.perSecond = policy.requestsPerSecond();
            this.capacity = policy.burst();
            this.tokens = capacity;
            this.last = System.nanoTime();
        }

        /** Takes a token: 0, or the nanoseconds until one is there (none taken). */
        synchronized long take(long now) {
            tokens = Math.min(capacity, tokens + (now - last) * perSecond / 1e9);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perSecond * 1e9);
        }
    }
}
