package io.tracegate.gateway.exchange;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The AS2 endpoints partners post to, without an API key (a partner is identified by its AS2-From and its
 * signature): {@code POST /as2} (messages), {@code POST /as2/mdn} (asynchronous MDNs); and
 * {@code GET /exchange/certificate}, our certificate as PEM.
 */
@RestController
class As2Controller {

    private final InboundAs2 inbound;
    private final AsyncMdnReceiver mdns;
    private final ExchangeIdentity identity;
    private final ExchangeProperties properties;

    As2Controller(InboundAs2 inbound, AsyncMdnReceiver mdns, ExchangeIdentity identity,
            ExchangeProperties properties) {
        this.inbound = inbound;
        this.mdns = mdns;
        this.identity = identity;
        this.properties = properties;
    }

    @PostMapping("/as2")
    void receive(HttpServletRequest request, HttpServletResponse response) throws IOException {
        InboundAs2.Answer answer = inbound.receive(headers(request), body(request));
        response.setStatus(HttpServletResponse.SC_OK);
        for (MimeEntity.Header header : answer.headers()) {
            response.addHeader(header.name(), header.value());
        }
        response.setContentLength(answer.body().length);
        response.getOutputStream().write(answer.body());
    }

    @PostMapping("/as2/mdn")
    ResponseEntity<Void> mdn(HttpServletRequest request) throws IOException {
        mdns.receive(headers(request), body(request));
        return ResponseEntity.ok().build();
    }

    @GetMapping(value = "/exchange/certificate", produces = "application/x-pem-file")
    ResponseEntity<String> certificate() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/x-pem-file"))
                .body(identity.certificatePem());
    }

    /** The request's header fields, as the server unfolded them. */
    private static List<MimeEntity.Header> headers(HttpServletRequest request) {
        List<MimeEntity.Header> headers = new ArrayList<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            for (String value : Collections.list(request.getHeaders(name))) {
                headers.add(new MimeEntity.Header(name, value));
            }
        }
        return headers;
    }

    private byte[] body(HttpServletRequest request) throws IOException {
        return RequestBodies.read(request, properties.maxMessageBytes().toBytes());
    }
}
