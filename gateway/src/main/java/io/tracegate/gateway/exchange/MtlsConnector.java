package io.tracegate.gateway.exchange;

import jakarta.servlet.ServletRequest;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The HTTPS connector for partners without AS2 ({@code tracegate.exchange.mtls.port}, off by default): TLS with our
 * exchange certificate, asking every client for its certificate. The TLS layer accepts any client certificate
 * ({@link AnyClientCertificate}: partners' certificates are mostly self-signed); the security filter then admits
 * only a valid certificate registered for a partner, and refuses everything else with 403.
 */
@Component
class MtlsConnector implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private static final Logger log = LoggerFactory.getLogger(MtlsConnector.class);

    private final ExchangeProperties properties;
    private final ExchangeIdentity identity;
    private volatile Connector connector;

    MtlsConnector(ExchangeProperties properties, ExchangeIdentity identity) {
        this.properties = properties;
        this.identity = identity;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        Integer port = properties.mtls().port();
        if (port == null) {
            return;
        }
        Connector tls = new Connector(Http11NioProtocol.class.getName());
        tls.setPort(port);
        tls.setScheme("https");
        tls.setSecure(true);
        Http11NioProtocol protocol = (Http11NioProtocol) tls.getProtocolHandler();
        protocol.setSSLEnabled(true);
        SSLHostConfig ssl = new SSLHostConfig();
        ssl.setHostName("_default_");
        ssl.setProtocols("TLSv1.2+TLSv1.3");
        ssl.setCertificateVerification("optional");
        ssl.setTrustManagerClassName(AnyClientCertificate.class.getName());
        SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(ssl, SSLHostConfigCertificate.Type.RSA);
        certificate.setCertificateKeystore(identity.keyStore());
        certificate.setCertificateKeystorePassword(new String(identity.password()));
        certificate.setCertificateKeyAlias(identity.alias());
        ssl.addCertificate(certificate);
        protocol.addSslHostConfig(ssl);
        factory.addAdditionalConnectors(tls);
        connector = tls;
    }

    @EventListener
    void started(WebServerInitializedEvent event) {
        if (connector != null) {
            log.info("Mutual-TLS connector for partners listening on https://localhost:{} (POST /capture with a"
                    + " partner's client certificate)", connector.getLocalPort());
        }
    }

    /** The port the connector listens on, or -1 when there is none. */
    int port() {
        return connector == null ? -1 : connector.getLocalPort();
    }

    boolean accepted(ServletRequest request) {
        return connector != null && request.getLocalPort() == connector.getLocalPort();
    }
}
