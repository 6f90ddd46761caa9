package io.tracegate.gateway.exchange;

import io.tracegate.gateway.problem.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Trading partners ({@code /partners}, ADMIN) and sending them documents by API. */
@RestController
@RequestMapping("/partners")
class PartnerController {

    private final Partners partners;
    private final Exchange exchange;
    private final ExchangeProperties properties;

    PartnerController(Partners partners, Exchange exchange, ExchangeProperties properties) {
        this.partners = partners;
        this.exchange = exchange;
        this.properties = properties;
    }

    @PostMapping
    ResponseEntity<Partner> create(@RequestBody PartnerRequest request) {
        long id = partners.create(request.settings());
        return ResponseEntity.created(URI.create("/partners/" + id)).body(partners.find(id).orElseThrow());
    }

    @GetMapping
    List<Partner> list() {
        return partners.list();
    }

    @GetMapping("/{id}")
    Partner partner(@PathVariable String id) {
        long partnerId = id(id);
        return partners.find(partnerId).orElseThrow(() -> Partners.noSuchPartner(partnerId));
    }

    /** Replaces every setting and the certificates (send both during a rotation). */
    @PutMapping("/{id}")
    Partner update(@PathVariable String id, @RequestBody PartnerRequest request) {
        long partnerId = id(id);
        partners.update(partnerId, request.settings());
        return partners.find(partnerId).orElseThrow();
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable String id) {
        partners.remove(id(id));
    }

    /** The body is the document, with its media type as Content-Type; 202 with the message at Location. */
    @PostMapping("/{id}/messages")
    ResponseEntity<ExchangeMessage> send(@PathVariable String id, HttpServletRequest request) throws IOException {
        byte[] document = RequestBodies.read(request, properties.maxMessageBytes().toBytes());
        long message = exchange.send(id(id), document, request.getContentType());
        return ResponseEntity.accepted().location(URI.create("/messages/" + message))
                .body(exchange.message(message));
    }

    static long id(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ApiProblem.noSuchResource("no partner " + text);
        }
    }
}
