package io.tracegate.gateway.config;

import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Identifiers travel in path segments URL-encoded: a GS1 Digital Link ({@code GET /trace/https%3A%2F%2Fid.gs1.org...},
 * {@code GET /epcs/.../events}) or an event hash ID ({@code GET /events/ni%3A%2F%2F%2Fsha-256%3B...}) has encoded
 * slashes, which Tomcat refuses by default (400) and must pass through to the application undecoded. Boot has no
 * property for this connector setting.
 */
@Configuration(proxyBeanMethods = false)
class EncodedSlashConfiguration {

    @Bean
    TomcatConnectorCustomizer encodedSlashesPassThrough() {
        return connector -> connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
    }
}
