package io.tracegate.gateway.verify;

import io.tracegate.gs1.Gs1Parser;
import io.tracegate.gs1.ParseOptions;
import io.tracegate.gateway.security.RememberedVerifiers;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The parser of verification requests and scans, the per-requestor rate limit on the verification paths, and the
 * responder's hot path.
 */
@Configuration(proxyBeanMethods = false)
class VerifyConfiguration implements WebMvcConfigurer {

    /** The verification paths the rate limit counts. */
    static final List<String> LIMITED = List.of("/vrs/gtin/**", "/vrs/checkConnectivity", "/verify/scan",
            "/verify/image");

    private final RequestorLimits limits;

    VerifyConfiguration(RequestorLimits limits) {
        this.limits = limits;
    }

    /**
     * GS and the substitutes keyboard-wedge scanners and people type for it: {@code <GS>}, {@code {GS}} and the
     * escape {@code \x1D} written out. Expiry centuries from the gateway's clock.
     */
    @Bean
    Gs1Parser verifyParser(Clock clock) {
        return new Gs1Parser(ParseOptions.defaults().withClock(clock).withSeparators(List.of("<GS>", "{GS}",
                "\\x1D", "\\x1d")));
    }

    /**
     * The responder's hot path, just before Spring Security's filters: after the HTTP observation (so verifications
     * are in {@code http.server.requests}) and after the database outage filter (so they are answered 503 alike).
     */
    @Bean
    FilterRegistrationBean<ResponderFilter> responderFilter(RememberedVerifiers callers, VerifyService verifier,
            Gs1Parser verifyParser, VerifyProperties properties, Clock clock,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        FilterRegistrationBean<ResponderFilter> registration = new FilterRegistrationBean<>(new ResponderFilter(
                callers, verifier, limits, verifyParser, properties, clock, problems));
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
        registration.addUrlPatterns("/vrs/gtin/*");
        return registration;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(limits).addPathPatterns(LIMITED);
    }
}
