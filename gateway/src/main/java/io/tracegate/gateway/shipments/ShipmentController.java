package io.tracegate.gateway.shipments;

import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gateway.query.Pages;
import io.tracegate.gateway.security.ApiPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Outbound shipments: {@code GET /shipments[?status=held]} (what is held and what to fix), {@code GET
 * /shipments/{id}} (with its message and the partner's receipt), {@code GET /shipments/{id}/document} and
 * {@code POST /shipments/{id}/retry}.
 */
@RestController
class ShipmentController {

    private static final Set<String> STATUSES = Set.of("pending", "held", "sent");

    private final Shipments shipments;
    private final Pages pages;

    ShipmentController(Shipments shipments, Pages pages) {
        this.shipments = shipments;
        this.pages = pages;
    }

    @GetMapping("/shipments")
    ResponseEntity<List<Shipments.Shipment>> list(HttpServletRequest request) {
        Pages.Page page = pages.request(request, "shipments", List.of("status"));
        String status = Ids.oneOf(request, "status", STATUSES);
        Pages.Result<Shipments.Shipment> result = pages.result(request, page, shipments.list(status,
                Ids.after(page), page.perPage() + 1), s -> String.valueOf(s.id()));
        return ResponseEntity.ok().headers(result.headers()).body(result.items());
    }

    @GetMapping("/shipments/{id}")
    Shipments.Shipment shipment(@PathVariable String id) {
        return shipments.find(Ids.parse("shipment", id));
    }

    /** The composed document, as it was (or would have been) sent. */
    @GetMapping("/shipments/{id}/document")
    ResponseEntity<byte[]> document(@PathVariable String id) {
        long shipment = Ids.parse("shipment", id);
        Shipments.Document document = shipments.document(shipment)
                .orElseThrow(() -> ApiProblem.noSuchResource("shipment " + id + " has no document (yet)"));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(document.contentType()))
                .body(document.bytes());
    }

    @PostMapping("/shipments/{id}/retry")
    Shipments.Shipment retry(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        return shipments.retry(Ids.parse("shipment", id), caller.name());
    }
}
