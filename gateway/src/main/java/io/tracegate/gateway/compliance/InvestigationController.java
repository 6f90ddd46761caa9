package io.tracegate.gateway.compliance;

import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gateway.security.ApiPrincipal;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Suspect and illegitimate product investigations (COMPLIANCE, ADMIN). */
@RestController
class InvestigationController {

    private final Investigations investigations;

    InvestigationController(Investigations investigations) {
        this.investigations = investigations;
    }

    @PostMapping("/investigations")
    ResponseEntity<Investigation> open(@AuthenticationPrincipal ApiPrincipal caller,
            @RequestBody Investigations.Opening request) {
        Investigation opened = investigations.open(caller.name(), request);
        return ResponseEntity.created(URI.create("/investigations/" + opened.id())).body(opened);
    }

    @GetMapping("/investigations")
    List<Investigation> list(@RequestParam(required = false) String status,
            @RequestParam(defaultValue = "100") int limit) {
        if (status != null && !List.of("open", "cleared", "illegitimate").contains(status)) {
            throw ApiProblem.validation("status: '" + status + "' is not open, cleared or illegitimate");
        }
        if (limit < 1 || limit > 1000) {
            throw ApiProblem.validation("limit must be between 1 and 1000, not " + limit);
        }
        return investigations.list(status, limit);
    }

    @GetMapping("/investigations/{id}")
    Investigation get(@PathVariable long id) {
        return investigations.find(id).orElseThrow(() -> ApiProblem.noSuchResource("no investigation " + id));
    }

    record FindingRequest(String text) {
    }

    @PostMapping("/investigations/{id}/findings")
    @ResponseStatus(HttpStatus.CREATED)
    Investigation finding(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable long id,
            @RequestBody FindingRequest request) {
        return investigations.addFinding(caller.name(), id, request.text());
    }

    @PostMapping("/investigations/{id}/close")
    Investigation close(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable long id,
            @RequestBody Investigations.Closing request) {
        return investigations.close(caller.name(), id, request);
    }

    /** The FDA Form 3911 data of an investigation closed as illegitimate. */
    @GetMapping("/investigations/{id}/form3911")
    Form3911 form3911(@PathVariable long id) {
        Investigation found = get(id);
        if (found.notification() == null) {
            throw ApiProblem.noSuchResource("investigation " + id + " was not closed as illegitimate ("
                    + found.status() + "): it has no notification");
        }
        return found.notification();
    }
}
