package io.tracegate.gateway.config;

import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.boot.tomcat.autoconfigure.TomcatServerProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.StreamReadFeature;

/**
 * How requests are read: slow clients cut and bounded (docs/security.md, "Slow clients"), request bodies checked
 * ({@link RequestBodyGuard}), duplicate keys in JSON request bodies refused.
 *
 * <p>Tomcat reads request headers without a thread (its poller waits), each pause bounded by
 * {@code server.tomcat.connection-timeout}; a request body is read by a worker thread, each pause bounded by
 * {@code tracegate.http.body-idle-timeout} (Tomcat's upload timeout, which Boot has no property for).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication // not for the key command, which runs without HTTP
class HttpServerConfiguration implements WebMvcConfigurer {

    private final RequestBodyGuard bodies;

    HttpServerConfiguration(HttpProperties http, TomcatServerProperties tomcat) {
        this.bodies = new RequestBodyGuard(http.uploadsAllowed(tomcat.getThreads().getMax()));
    }

    @Bean
    TomcatProtocolHandlerCustomizer<AbstractHttp11Protocol<?>> bodyIdleTimeout(HttpProperties http) {
        return protocol -> {
            protocol.setDisableUploadTimeout(false);
            protocol.setConnectionUploadTimeout(Math.toIntExact(http.bodyIdleTimeout().toMillis()));
        };
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> unreadBodiesNotSwallowed() {
        return factory -> factory.addEngineValves(new UnreadBodyValve());
    }

    /** {@code {"name":"a","name":"b"}} is ambiguous: refused (400 naming the key) rather than the last one winning. */
    @Bean
    JsonMapperBuilderCustomizer duplicateKeysRefused() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(bodies);
    }
}
