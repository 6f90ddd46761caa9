package io.tracegate.gateway.verify;

import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gateway.problem.EpcisProblemType;
import io.tracegate.gateway.security.ApiPrincipal;
import io.tracegate.gateway.verify.Directory.Entry;
import io.tracegate.gateway.verify.Directory.ListedRoute;
import io.tracegate.gateway.verify.Forwarder.Answered;
import io.tracegate.gateway.verify.Forwarder.Failed;
import io.tracegate.gateway.verify.Forwarder.Outcome;
import io.tracegate.gateway.verify.RequestLog.LoggedRequest;
import io.tracegate.gateway.verify.VerificationRequest.Raw;
import io.tracegate.gateway.verify.VerifyService.Verification;
import io.tracegate.gs1.Gs1Parser;
import io.tracegate.gs1.Gtin;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The GS1 Lightweight Messaging endpoints ({@code GET /vrs/gtin/{gtin}/lot/{lot}/ser/{ser}},
 * {@code GET /vrs/checkConnectivity}), the request log ({@code GET /vrs/log}) and the lookup directory
 * ({@code /vrs/directory}).
 */
@RestController
class VrsController {

    /** Most log rows on one page. */
    static final int MAX_LOG_PAGE = 1000;
    static final CacheControl NOT_CACHED = CacheControl.noCache().cachePrivate();

    private final VerifyService verifier;
    private final Directory directory;
    private final RequestLog requestLog;
    private final Gs1Parser parser;
    private final VerifyProperties properties;
    private final Clock clock;

    VrsController(VerifyService verifier, Directory directory, RequestLog requestLog, Gs1Parser parser,
            VerifyProperties properties, Clock clock) {
        this.verifier = verifier;
        this.directory = directory;
        this.requestLog = requestLog;
        this.parser = parser;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/vrs/gtin/{gtin}/lot/{lot}/ser/{ser}")
    ResponseEntity<?> verify(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String gtin,
            @PathVariable String lot, @PathVariable String ser, @RequestParam(required = false) String exp,
            @RequestParam(required = false) String linkType, @RequestParam(required = false) String context,
            @RequestParam(name = "reqGLN", required = false) String reqGln,
            @RequestParam(name = "corrUUID", required = false) String corrUuid) {
        long start = System.nanoTime();
        Raw raw = new Raw(gtin, lot, ser, exp, linkType, context, reqGln, corrUuid);
        VerificationRequest request;
        try {
            request = VerificationRequest.check(raw, parser, properties.contexts(), clock);
            if (!caller.mayUseGln(request.reqGln())) {
                throw new ApiProblem(EpcisProblemType.SECURITY, HttpStatus.FORBIDDEN, "reqGLN: the key '"
                        + caller.name() + "' may not verify for GLN " + request.reqGln() + " (it is limited to "
                        + caller.glns().stream().map(Object::toString).sorted().toList() + ")");
            }
        } catch (ApiProblem refused) {
            verifier.log(new RequestLog.Entry(clock.instant(), caller.name(), reqGln, "lms", gtin, ser, lot, exp,
                    context, Integer.toString(refused.status().value()), null, null, corrUuid, micros(start),
                    VerifyService.LOCAL));
            throw refused;
        }
        Verification verification = verifier.verify(request.product(), request.reqGln(), request.context(),
                request.corrUuid());
        verifier.log(entry(caller, request, verification, "lms", start, clock));
        return render(caller, verification, request.corrUuid());
    }

    private ResponseEntity<?> render(ApiPrincipal caller, Verification verification, String corrUuid) {
        if (verification.local() != null) {
            return ResponseEntity.ok().cacheControl(NOT_CACHED).contentType(MediaType.APPLICATION_JSON)
                    .body(LmsAnswer.to(caller, verification.verdict(), corrUuid, properties, clock).json());
        }
        if (verification.passThrough() != null) {
            return passThrough(verification.passThrough());
        }
        throw problem(verification.status(), verification.detail());
    }

    @GetMapping("/vrs/checkConnectivity")
    ResponseEntity<?> checkConnectivity(@AuthenticationPrincipal ApiPrincipal caller,
            @RequestParam(required = false) String gtin, @RequestParam(name = "reqGLN", required = false) String reqGln,
            @RequestParam(required = false) String context) {
        if (gtin == null || gtin.length() != 14) {
            throw ApiProblem.validation("gtin: '" + gtin + "' is not a GTIN-14 (14 digits)");
        }
        try {
            new Gtin(gtin);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.validation("gtin: " + e.getMessage());
        }
        var gln = VerificationRequest.reqGln(reqGln);
        if (!caller.mayUseGln(gln)) {
            throw new ApiProblem(EpcisProblemType.SECURITY, HttpStatus.FORBIDDEN, "reqGLN: the key '"
                    + caller.name() + "' may not verify for GLN " + gln);
        }
        Optional<Directory.Route> route = verifier.connectivityRoute(gtin);
        if (route.isEmpty()) {
            return ResponseEntity.ok().cacheControl(NOT_CACHED).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("responderGLN", gln(properties) == null ? "" : gln(properties)));
        }
        Outcome outcome = verifier.checkConnectivity(route.get(), gtin, gln, context);
        if (outcome instanceof Answered answered) {
            return passThrough(answered);
        }
        throw outcome instanceof Failed failed ? problem(502, failed.detail())
                : problem(504, ((Forwarder.TimedOut) outcome).detail());
    }

    /** The log page and the link to the next one (null when this one is not full). */
    record LogPage(List<LoggedRequest> entries, String next) {
    }

    @GetMapping("/vrs/log")
    LogPage log(@RequestParam(required = false) String gtin, @RequestParam(required = false) String requestor,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "0") long after, @RequestParam(defaultValue = "100") int limit,
            HttpServletRequest http) {
        if (limit < 1 || limit > MAX_LOG_PAGE) {
            throw ApiProblem.validation("limit: " + limit + " is not between 1 and " + MAX_LOG_PAGE);
        }
        List<LoggedRequest> entries = requestLog.find(gtin, requestor, instant("from", from), instant("to", to),
                after, limit);
        String next = entries.size() < limit ? null : UriComponentsBuilder.fromPath("/vrs/log")
                .query(http.getQueryString()).replaceQueryParam("after", entries.get(entries.size() - 1).id())
                .build().toUriString();
        return new LogPage(entries, next);
    }

    @PostMapping(path = "/vrs/directory", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    ListedRoute addRoute(@AuthenticationPrincipal ApiPrincipal caller, @RequestBody Entry entry) {
        Directory.Route route = directory.add(entry, caller.name());
        return new ListedRoute(route.id(), route.gtin(), route.companyPrefix(), route.url(), route.apiKey() != null,
                route.timeoutMs(), route.createdBy(), route.createdAt());
    }

    @PostMapping(path = "/vrs/directory", consumes = "text/csv")
    Map<String, Integer> loadRoutes(@AuthenticationPrincipal ApiPrincipal caller, HttpServletRequest http)
            throws IOException {
        return Map.of("loaded", directory.load(new InputStreamReader(http.getInputStream(), StandardCharsets.UTF_8),
                caller.name()));
    }

    @GetMapping("/vrs/directory")
    List<ListedRoute> routes() {
        return directory.list();
    }

    @DeleteMapping("/vrs/directory/{match}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteRoute(@PathVariable String match) {
        directory.delete(match);
    }

    static String gln(VerifyProperties properties) {
        return properties.responderGln() == null ? null : properties.responderGln().value();
    }

    private static ResponseEntity<String> passThrough(Answered answered) {
        return ResponseEntity.status(answered.status()).cacheControl(NOT_CACHED)
                .header("Content-Type", answered.contentType()).body(answered.body());
    }

    static ApiProblem problem(int status, String detail) {
        return switch (status) {
            case 404 -> ApiProblem.noSuchResource(detail);
            case 504 -> new ApiProblem(EpcisProblemType.IMPLEMENTATION, HttpStatus.GATEWAY_TIMEOUT, detail);
            default -> new ApiProblem(EpcisProblemType.IMPLEMENTATION, HttpStatus.BAD_GATEWAY, detail);
        };
    }

    static RequestLog.Entry entry(ApiPrincipal caller, VerificationRequest request, Verification verification,
            String channel, long start, Clock clock) {
        ProductIdentifier p = request.product();
        Verdict verdict = verification.verdict();
        return new RequestLog.Entry(clock.instant(), caller.name(),
                request.reqGln() == null ? null : request.reqGln().value(), channel,
                p.gtin().value(), p.serial(), p.lot(), p.expiry().raw(), request.context(),
                verdict == null ? Integer.toString(verification.status())
                        : verdict.verified() ? "verified" : "not_verified",
                verdict == null || verdict.reason() == null ? null : verdict.reason().code(),
                verdict == null || verdict.info() == null ? null : verdict.info().code(), request.corrUuid(),
                micros(start), verification.responder() == null ? "none" : verification.responder());
    }

    static long micros(long startNanos) {
        return (System.nanoTime() - startNanos) / 1000;
    }

    /** An instant, or a date meaning its start (UTC); null when absent. */
    private static Instant instant(String parameter, String text) {
        if (text == null) {
            return null;
        }
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiProblem.validation(parameter + ": '" + text + "' is not a date (2026-11-27) or an instant"
                    + " (2026-11-27T10:00:00Z)");
        }
    }
}
