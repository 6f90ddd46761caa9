package io.tracegate.gateway.query;

import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code GET /trace/{epc}} takes a URL-encoded GS1 Digital Link, whose slashes arrive as {@code %2F}: Tomcat must
 * pass them through undecoded (it refuses them by default) so that the whole link stays one path segment, which
 * Spring decodes into the path variable. Spring Security's firewall is told the same (see SecurityConfiguration).
 */
@Configuration(proxyBeanMethods = false)
class EncodedSlashes {

    @Bean
    TomcatConnectorCustomizer encodedSlashesPassThrough() {
        return connector -> connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
    }
}
