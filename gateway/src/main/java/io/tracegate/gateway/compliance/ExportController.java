package io.tracegate.gateway.compliance;

import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gateway.problem.EpcisProblemType;
import io.tracegate.gateway.security.ApiPrincipal;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Signed export bundles (COMPLIANCE, ADMIN). */
@RestController
class ExportController {

    private final Exports exports;
    private final SigningIdentity identity;

    ExportController(Exports exports, SigningIdentity identity) {
        this.exports = exports;
        this.identity = identity;
    }

    @PostMapping("/exports")
    ResponseEntity<ExportJob> request(@AuthenticationPrincipal ApiPrincipal caller,
            @RequestBody(required = false) Map<String, Object> request) {
        ExportJob job = exports.request(caller.name(), request);
        return ResponseEntity.accepted().location(URI.create("/exports/" + job.id())).body(job);
    }

    @GetMapping("/exports")
    List<ExportJob> list() {
        return exports.latest(100);
    }

    @GetMapping("/exports/{id}")
    ExportJob get(@PathVariable long id) {
        return exports.find(id).orElseThrow(() -> ApiProblem.noSuchResource("no export " + id));
    }

    @GetMapping("/exports/{id}/bundle")
    ResponseEntity<Resource> bundle(@PathVariable long id) {
        ExportJob job = get(id);
        if (!job.status().equals("done")) {
            throw new ApiProblem(EpcisProblemType.VALIDATION, HttpStatus.CONFLICT, "export " + id + " is "
                    + job.status() + (job.error() == null ? "" : " (" + job.error() + ")") + ": it has no bundle"
                    + (job.status().equals("running") ? " yet" : ""));
        }
        Path bundle = exports.bundle(id).orElseThrow(() -> ApiProblem.noSuchResource("the bundle of export " + id
                + " is no longer kept (tracegate.compliance.exports-kept): request it again"));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"tracegate-export-" + id + ".zip\"")
                .body(new FileSystemResource(bundle));
    }

    /** The certificate bundles are signed with, for {@code verify-export --certificate=..}. */
    @GetMapping(value = "/exports/certificate", produces = "application/x-pem-file")
    String certificate() {
        return identity.certificatePem();
    }
}
