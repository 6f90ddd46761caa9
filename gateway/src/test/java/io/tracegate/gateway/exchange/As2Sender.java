package io.tracegate.gateway.exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A test trading partner that sends AS2 messages to a gateway the way a partner's AS2 product would, built from
 * the gateway's own codec classes with the partner's key: compose, post, read the MDN.
 */
final class As2Sender {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final TestParties.Party party;
    private final Partner gateway;

    /** @param gateway the receiving gateway as this partner registered it (AS2 name, certificate, settings) */
    As2Sender(TestParties.Party party, Partner gateway) {
        this.party = party;
        this.gateway = gateway;
    }

    /** A gateway with default settings (SHA-256, AES-256-CBC, compressed), as this partner sees it. */
    static Partner gateway(String as2Id, X509Certificate certificate, boolean compression,
            Partner.InteropSwitches interop) {
        Instant now = Instant.now();
        return new Partner(1, as2Id, as2Id, URI.create("http://localhost:1/as2"), "as2", List.of(),
                List.of(PartnerCertificate.of(certificate, now)), "sha256", "aes256-cbc", compression,
                new Partner.MdnOptions(true, false, null), "2.0-jsonld", List.of(), interop, now, now);
    }

    OutboundComposer.Composed compose(String messageId, byte[] document, String contentType, URI asyncMdnTo) {
        return OutboundComposer.compose(party.keys().getPrivate(), party.certificate(), party.as2Id(), gateway,
                messageId, document, contentType, URI.create("http://localhost/partner"), asyncMdnTo,
                Instant.now());
    }

    OutboundComposer.Composed compose(byte[] document) {
        return compose(MessageIds.next(party.as2Id()), document, "application/ld+json", null);
    }

    static HttpResponse<byte[]> post(URI as2, List<MimeEntity.Header> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(as2).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(h -> request.header(h.name(), h.value()));
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<byte[]> post(URI as2, OutboundComposer.Composed message) {
        return post(as2, message.headers(), message.body());
    }

    /** The synchronous MDN in a response, its signature checked against the gateway's certificate. */
    Mdns.Received mdn(HttpResponse<byte[]> response) {
        List<MimeEntity.Header> headers = new ArrayList<>();
        response.headers().map().forEach((name, values) -> values.forEach(v -> headers.add(
                new MimeEntity.Header(name, v))));
        return Mdns.read(MimeEntity.of(headers, response.body()), gateway.x509Certificates());
    }
}
