package io.tracegate.gateway.verify;

import io.tracegate.gs1.Gs1Parser;
import io.tracegate.gs1.ParseOptions;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The parser of verification requests and scans, and the per-requestor rate limit on the verification paths. */
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

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(limits).addPathPatterns(LIMITED);
    }
}
