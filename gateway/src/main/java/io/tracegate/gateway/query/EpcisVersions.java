package io.tracegate.gateway.query;

import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gateway.problem.EpcisProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The version negotiation of the REST bindings on every EPCIS resource: a request's {@code GS1-EPCIS-Min}/{@code -Max}
 * and {@code GS1-CBV-Min}/{@code -Max} must admit 2.0 (what the gateway answers in), else 406; every answer says
 * {@code GS1-EPCIS-Version} and {@code GS1-CBV-Version}.
 */
@Configuration
class EpcisVersions implements WebMvcConfigurer, HandlerInterceptor {

    static final String EPCIS_VERSION = "2.0.0";
    static final String CBV_VERSION = "2.0.0";
    /** The paths of the EPCIS resources (not the gateway's own: admin, master data, trace, actuator). */
    static final String[] EPCIS_PATHS = {"/", "/capture", "/capture/**", "/events", "/events/**", "/eventTypes",
        "/eventTypes/**", "/epcs", "/epcs/**", "/bizSteps", "/bizSteps/**", "/bizLocations", "/bizLocations/**",
        "/readPoints", "/readPoints/**", "/dispositions", "/dispositions/**", "/queries", "/queries/**"};

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns(EPCIS_PATHS);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        response.setHeader("GS1-EPCIS-Version", EPCIS_VERSION);
        response.setHeader("GS1-CBV-Version", CBV_VERSION);
        admits(request, "GS1-EPCIS-Min", "GS1-EPCIS-Max", EPCIS_VERSION);
        admits(request, "GS1-CBV-Min", "GS1-CBV-Max", CBV_VERSION);
        return true;
    }

    /** Refuses a request whose range of the two headers excludes the version. */
    private static void admits(HttpServletRequest request, String minHeader, String maxHeader, String version) {
        String min = request.getHeader(minHeader);
        String max = request.getHeader(maxHeader);
        if (min != null && compare(minHeader, min, version) > 0) {
            throw new ApiProblem(EpcisProblemType.NOT_ACCEPTABLE, minHeader + " " + min + " is above " + version
                    + ", the only version this gateway answers in");
        }
        if (max != null && compare(maxHeader, max, version) < 0) {
            throw new ApiProblem(EpcisProblemType.NOT_ACCEPTABLE, maxHeader + " " + max + " is below " + version
                    + ", the only version this gateway answers in");
        }
    }

    /** Compares dotted version numbers ({@code 2} = {@code 2.0} = {@code 2.0.0}). */
    static int compare(String header, String given, String version) {
        String value = given.strip();
        if (!value.matches("\\d{1,9}(\\.\\d{1,9})*")) {
            throw ApiProblem.validation("request header " + header + " '" + given + "' is not a version such as 2.0.0");
        }
        int[] a = Arrays.stream(value.split("\\.")).mapToInt(Integer::parseInt).toArray();
        int[] b = Arrays.stream(version.split("\\.")).mapToInt(Integer::parseInt).toArray();
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? a[i] : 0;
            int y = i < b.length ? b[i] : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }
}
