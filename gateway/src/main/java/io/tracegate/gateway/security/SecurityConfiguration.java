package io.tracegate.gateway.security;

import io.tracegate.gateway.exchange.Exchange;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.session.NullAuthenticatedSessionStrategy;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Who may call what. Every endpoint needs an API key except the health check; the rules below are the one place
 * that maps paths to roles (a capability adding endpoints adds its rule here, before {@code anyRequest}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication // not for the key command, which runs without HTTP
public class SecurityConfiguration {

    /** The roles that may verify ({@code /vrs/**} but the log and directory, {@code /verify/**}). */
    static final Set<Role> VERIFIERS = Set.of(Role.PARTNER, Role.PHARMACIST, Role.COMPLIANCE, Role.ADMIN);

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ApiKeys apiKeys, AuthFailures failures, Exchange exchange,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) throws Exception {
        ProblemSecurityHandlers problems = new ProblemSecurityHandlers(resolver);
        RequestMatcher capture = PathPatternRequestMatcher.withDefaults().matcher("/capture/**"); // and /capture
        http
                // Bearer keys for API clients: no session, no CSRF token, no login page. The console's browser
                // session (ConsoleSessionFilter) is the one use of cookies: its unsafe requests carry a CSRF token.
                .csrf(csrf -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(SecurityConfiguration::cookieChange)
                        // the console's login makes its own new session; a request authenticated from its session
                        // is no new login (which would otherwise get a new session id and CSRF token each time)
                        .sessionAuthenticationStrategy(new NullAuthenticatedSessionStrategy()))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
                        .sessionFixation(fixation -> fixation.none()))
                .requestCache(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .addFilterBefore(new ApiKeyFilter(apiKeys, failures, problems), AnonymousAuthenticationFilter.class)
                .addFilterBefore(new ConsoleSessionFilter(apiKeys), ApiKeyFilter.class)
                .addFilterAfter(new ClientCertificateFilter(exchange, problems), ApiKeyFilter.class)
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .authorizeHttpRequests(paths -> paths
                        // An error dispatch renders the error of a request that these rules already let through
                        // or refused; it has no key of its own (the key filter runs once per request).
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        // The mutual-TLS connector serves partners' capture and nothing else.
                        .requestMatchers(request -> exchange.onMutualTlsConnector(request)
                                && !capture.matches(request)).denyAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        // AS2: partners are identified by their signatures, not by API keys.
                        .requestMatchers(HttpMethod.POST, "/as2", "/as2/mdn").permitAll()
                        .requestMatchers(HttpMethod.GET, "/exchange/certificate").permitAll()
                        .requestMatchers("/partners", "/partners/**").hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.GET, "/messages", "/messages/**")
                                .hasAnyRole(Role.COMPLIANCE.name(), Role.ADMIN.name())
                        .requestMatchers("/actuator/prometheus").hasAnyRole(Role.COMPLIANCE.name(), Role.ADMIN.name())
                        .requestMatchers("/actuator/**", "/admin/**").hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.POST, "/capture", "/events")
                                .hasAnyRole(Role.LINE.name(), Role.PARTNER.name(), Role.ADMIN.name())
                        .requestMatchers(HttpMethod.GET, "/capture", "/capture/**").hasAnyRole(Role.LINE.name(),
                                Role.PARTNER.name(), Role.COMPLIANCE.name(), Role.ADMIN.name())
                        .requestMatchers(HttpMethod.GET, "/events", "/events/**", "/eventTypes/**", "/epcs/**",
                                "/bizSteps/**", "/bizLocations/**", "/readPoints/**", "/dispositions/**")
                                .hasAnyRole(Role.COMPLIANCE.name(), Role.PARTNER.name(), Role.ADMIN.name())
                        .requestMatchers(HttpMethod.GET, "/queries", "/queries/**")
                                .hasAnyRole(Role.COMPLIANCE.name(), Role.PARTNER.name(), Role.ADMIN.name())
                        .requestMatchers(HttpMethod.POST, "/queries", "/queries/*/subscriptions")
                                .hasAnyRole(Role.COMPLIANCE.name(), Role.PARTNER.name(), Role.ADMIN.name())
                        .requestMatchers(HttpMethod.DELETE, "/queries/*", "/queries/*/subscriptions/*")
                                .hasAnyRole(Role.COMPLIANCE.name(), Role.PARTNER.name(), Role.ADMIN.name())
                        .requestMatchers("/trace/**").hasAnyRole(Role.COMPLIANCE.name(), Role.ADMIN.name())
                        .requestMatchers(HttpMethod.GET, "/masterdata/**")
                                .hasAnyRole(Role.LINE.name(), Role.COMPLIANCE.name(), Role.ADMIN.name())
                        .requestMatchers(HttpMethod.PUT, "/masterdata/**")
                                .hasAnyRole(Role.LINE.name(), Role.ADMIN.name())
                        // the console: its pages and scripts are public, their data comes from the API
                        .requestMatchers(HttpMethod.GET, "/console", "/console/**", "/webjars/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/console/login", "/console/logout").permitAll()
                        // verification (io.tracegate.gateway.verify)
                        .requestMatchers("/vrs/log").hasAnyRole(Role.COMPLIANCE.name(), Role.ADMIN.name())
                        .requestMatchers("/vrs/directory", "/vrs/directory/**").hasRole(Role.ADMIN.name())
                        .requestMatchers("/vrs/**", "/verify/**").hasAnyRole(VERIFIERS.stream().map(Role::name)
                                .toArray(String[]::new))
                        // compliance (io.tracegate.gateway.compliance) and its reports (io.tracegate.gateway.query)
                        .requestMatchers("/recalls", "/recalls/**", "/units/**", "/audit", "/audit/**", "/reports/**",
                                "/investigations", "/investigations/**", "/exports", "/exports/**")
                                .hasAnyRole(Role.COMPLIANCE.name(), Role.ADMIN.name())
                        // shipments, receipts and their exceptions (io.tracegate.gateway.shipments)
                        .requestMatchers(HttpMethod.POST, "/receipts/*/scans")
                                .hasAnyRole(Role.LINE.name(), Role.COMPLIANCE.name(), Role.ADMIN.name())
                        .requestMatchers(HttpMethod.GET, "/receipts", "/receipts/**", "/shipments", "/shipments/**")
                                .hasAnyRole(Role.LINE.name(), Role.COMPLIANCE.name(), Role.ADMIN.name())
                        .requestMatchers("/shipments/*/retry", "/exceptions", "/exceptions/**")
                                .hasAnyRole(Role.COMPLIANCE.name(), Role.ADMIN.name())
                        .anyRequest().authenticated());
        return http.build();
    }

    /**
     * A change (not GET, HEAD, OPTIONS, TRACE) made without a bearer key by a browser: with a session cookie, or to
     * the console's login and logout. Bearer-key clients send no cookies and need no CSRF token.
     */
    private static boolean cookieChange(HttpServletRequest request) {
        return !SAFE.contains(request.getMethod()) && request.getHeader(HttpHeaders.AUTHORIZATION) == null
                && (request.getRequestedSessionId() != null || request.getServletPath().startsWith("/console/"));
    }

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    /**
     * A GS1 Digital Link in a path ({@code GET /trace/https%3A%2F%2Fid.gs1.org%2F01%2F...}) has encoded slashes,
     * which Tomcat passes through undecoded, so the servlet path keeps a literal {@code %}; an event hash ID in a
     * path ({@code GET /events/ni%3A%2F%2F%2Fsha-256%3B...}) has an encoded semicolon. Path variables are decoded
     * by Spring MVC, once.
     */
    @Bean
    HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowUrlEncodedSlash(true);
        firewall.setAllowUrlEncodedDoubleSlash(true);
        firewall.setAllowSemicolon(true);
        firewall.setAllowUrlEncodedPercent(true);
        return firewall;
    }
}
