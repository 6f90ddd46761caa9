package io.tracegate.gateway.exchange;

import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gateway.security.ApiPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** Trading partners ({@code /partners}, ADMIN) and sending them documents by API. */
@RestController
@RequestMapping("/partners")
class PartnerController {

    private final Partners partners;
    private final Exchange exchange;
    private final ExchangeProperties properties;
    private final ExchangeHealthIndicator health;
    private final ExchangeAudit audit;
    private final TransactionTemplate transactions;
    private final JsonMapper json;

    PartnerController(Partners partners, Exchange exchange, ExchangeProperties properties,
            ExchangeHealthIndicator health, ExchangeAudit audit, TransactionTemplate transactions, JsonMapper json) {
        this.partners = partners;
        this.exchange = exchange;
        this.properties = properties;
        this.health = health;
        this.audit = audit;
        this.transactions = transactions;
        this.json = json;
    }

    @PostMapping
    ResponseEntity<Partner> create(@AuthenticationPrincipal ApiPrincipal caller,
            @RequestBody PartnerRequest request) {
        PartnerRequest.Settings settings = request.settings();
        Partner created = transactions.execute(t -> recorded(caller, "partner.created",
                partners.create(settings)));
        health.refresh();
        return ResponseEntity.created(URI.create("/partners/" + created.id())).body(created);
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
    Partner update(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id,
            @RequestBody PartnerRequest request) {
        long partnerId = id(id);
        PartnerRequest.Settings settings = request.settings();
        Partner updated = transactions.execute(t -> {
            partners.update(partnerId, settings);
            return recorded(caller, "partner.changed", partnerId);
        });
        health.refresh();
        return updated;
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        long partnerId = id(id);
        transactions.executeWithoutResult(t -> {
            partners.remove(partnerId);
            audit.partner(caller.name(), "partner.removed", partnerId, null);
        });
        health.refresh();
    }

    /** The partner as it now is, recorded in the audit trail as the last step of the change's transaction. */
    private Partner recorded(ApiPrincipal caller, String action, long partnerId) {
        Partner shown = partners.find(partnerId).orElseThrow();
        audit.partner(caller.name(), action, partnerId, json.writeValueAsBytes(shown));
        return shown;
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
