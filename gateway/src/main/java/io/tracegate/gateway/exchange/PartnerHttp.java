package io.tracegate.gateway.exchange;

import java.net.Socket;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.TrustManager;
import org.springframework.stereotype.Component;

/**
 * HTTP clients for talking to partners, one per partner (rebuilt when the partner changes): HTTP/1.1 (AS2 servers
 * do not speak HTTP/2), our certificate as the TLS client certificate, and a server certificate trusted when the
 * JVM's CAs trust it or when it is one of the partner's own certificates (self-signed AS2 certificates are the
 * norm). The trust manager is ours because the JDK offers no "CAs or these pinned certificates" composition.
 */
@Component
class PartnerHttp {

    private final ExchangeIdentity identity;
    private final ExchangeProperties properties;
    private final Map<Long, Entry> clients = new ConcurrentHashMap<>();

    private record Entry(Instant version, HttpClient client) {
    }

    PartnerHttp(ExchangeIdentity identity, ExchangeProperties properties) {
        this.identity = identity;
        this.properties = properties;
    }

    HttpClient client(Partner partner) {
        Entry entry = clients.compute(partner.id(), (id, old) -> old != null && old.version().equals(
                partner.updatedAt()) ? old : new Entry(partner.updatedAt(), build(partner.x509Certificates())));
        return entry.client();
    }

    private HttpClient build(List<X509Certificate> pinned) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.outbound().connectTimeout()).followRedirects(HttpClient.Redirect.NEVER)
                .sslContext(sslContext(pinned)).build();
    }

    private SSLContext sslContext(List<X509Certificate> pinned) {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(identity.keyStore(), identity.password());
            TrustManagerFactory cas = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            cas.init((KeyStore) null);
            X509ExtendedTrustManager jvm = (X509ExtendedTrustManager) Arrays.stream(cas.getTrustManagers())
                    .filter(X509ExtendedTrustManager.class::isInstance).findFirst().orElseThrow();
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), new TrustManager[] {new PinnedOrCa(pinned, jvm)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS for partners: " + e.getMessage(), e);
        }
    }

    /**
     * Trusts a server whose leaf certificate is one of the pinned ones (no host name check: the certificate itself is
     * what was agreed), else whatever the JVM's CAs trust, with the JVM's host name check.
     */
    private static final class PinnedOrCa extends X509ExtendedTrustManager {

        private final List<X509Certificate> pinned;
        private final X509ExtendedTrustManager jvm;

        PinnedOrCa(List<X509Certificate> pinned, X509ExtendedTrustManager jvm) {
            this.pinned = pinned;
            this.jvm = jvm;
        }

        private boolean isPinned(X509Certificate[] chain) throws CertificateException {
            if (chain.length > 0 && pinned.contains(chain[0])) {
                chain[0].checkValidity();
                return true;
            }
            return false;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (!isPinned(chain)) {
                jvm.checkServerTrusted(chain, authType);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            if (!isPinned(chain)) {
                jvm.checkServerTrusted(chain, authType, socket);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            if (!isPinned(chain)) {
                jvm.checkServerTrusted(chain, authType, engine);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("this trust manager checks servers only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return jvm.getAcceptedIssuers();
        }
    }
}
