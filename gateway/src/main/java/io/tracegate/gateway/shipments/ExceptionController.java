package io.tracegate.gateway.shipments;

import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gateway.query.Pages;
import io.tracegate.gateway.security.ApiPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Receipt exceptions: {@code GET /exceptions[?status=open&overdue=true&receipt=ID]}, {@code GET /exceptions/{id}},
 * {@code PATCH /exceptions/{id}} (owner, a note) and {@code POST /exceptions/{id}/resolution}.
 */
@RestController
class ExceptionController {

    private static final Set<String> STATUSES = Set.of("open", "resolved");
    private static final Set<String> BOOLEANS = Set.of("true", "false");

    private final ReceiptExceptions exceptions;
    private final Pages pages;

    ExceptionController(ReceiptExceptions exceptions, Pages pages) {
        this.exceptions = exceptions;
        this.pages = pages;
    }

    /** A change: a new owner, a note to add (either may be absent). */
    record Change(String owner, String note) {
    }

    /** How an exception was resolved. */
    record Resolution(String resolution) {
    }

    @GetMapping("/exceptions")
    ResponseEntity<List<ReceiptExceptions.ReceiptException>> list(HttpServletRequest request) {
        Pages.Page page = pages.request(request, "exceptions", List.of("status", "overdue", "receipt"));
        String status = Ids.oneOf(request, "status", STATUSES);
        String overdue = Ids.oneOf(request, "overdue", BOOLEANS);
        Long receiptId = Ids.number(request, "receipt");
        Pages.Result<ReceiptExceptions.ReceiptException> result = pages.result(request, page, exceptions.list(status,
                overdue == null ? null : Boolean.valueOf(overdue), receiptId, Ids.after(page), page.perPage() + 1),
                e -> String.valueOf(e.id()));
        return ResponseEntity.ok().headers(result.headers()).body(result.items());
    }

    @GetMapping("/exceptions/{id}")
    ReceiptExceptions.ReceiptException exception(@PathVariable String id) {
        return exceptions.find(Ids.parse("exception", id));
    }

    @PatchMapping("/exceptions/{id}")
    ReceiptExceptions.ReceiptException change(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id,
            @RequestBody Change change) {
        if (change.owner() == null && change.note() == null) {
            throw ApiProblem.validation("give an owner or a note (or both)");
        }
        if (change.owner() != null && change.owner().isBlank() || change.note() != null && change.note().isBlank()) {
            throw ApiProblem.validation(change.owner() != null && change.owner().isBlank() ? "owner: empty"
                    : "note: empty");
        }
        return exceptions.update(Ids.parse("exception", id), change.owner(), change.note(), caller.name());
    }

    @PostMapping("/exceptions/{id}/resolution")
    ReceiptExceptions.ReceiptException resolve(@AuthenticationPrincipal ApiPrincipal caller,
            @PathVariable String id, @RequestBody Resolution body) {
        if (body.resolution() == null || body.resolution().isBlank()) {
            throw ApiProblem.validation("resolution: say how the exception was resolved");
        }
        return exceptions.resolve(Ids.parse("exception", id), body.resolution(), caller.name());
    }
}
