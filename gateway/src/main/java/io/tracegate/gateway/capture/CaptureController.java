package io.tracegate.gateway.capture;

import io.tracegate.gateway.config.TracegateProperties;
import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gateway.query.Pages;
import io.tracegate.gateway.problem.EpcisProblemType;
import io.tracegate.gateway.security.ApiPrincipal;
import io.tracegate.gateway.serials.LifecycleMode;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The EPCIS 2.0 capture interface: {@code POST /capture} (asynchronous, 202 and a job), {@code GET /capture[/{id}]}
 * and {@code POST /events} (one event, synchronous). Bodies are EPCIS 2.0 JSON-LD, 2.0 XML or 1.2 XML, read as a
 * stream; the reader tells XML from JSON by the first byte, so an absent or generic Content-Type is sniffed.
 */
@RestController
class CaptureController {

    private static final Set<String> MEDIA_TYPES = Set.of("application/ld+json", "application/json",
            "application/xml", "text/xml", "application/octet-stream");
    private static final String BEHAVIOUR = "GS1-Capture-Error-Behaviour";
    private static final String LIFECYCLE = "Tracegate-Lifecycle";

    private final CaptureService captures;
    private final DocumentStore documents;
    private final EventStore events;
    private final Pages pages;
    private final TracegateProperties.Capture limits;

    CaptureController(CaptureService captures, DocumentStore documents, EventStore events, Pages pages,
            TracegateProperties properties) {
        this.captures = captures;
        this.documents = documents;
        this.events = events;
        this.pages = pages;
        this.limits = properties.capture();
    }

    /** 202 and the job's URL in Location, no body: as the bindings define it (GET the Location for the job). */
    @PostMapping("/capture")
    ResponseEntity<Void> capture(@AuthenticationPrincipal ApiPrincipal caller, HttpServletRequest request,
            @RequestHeader(name = BEHAVIOUR, required = false) String behaviour,
            @RequestHeader(name = LIFECYCLE, required = false) String lifecycle) throws IOException {
        String mediaType = mediaType(request);
        checkSize(request);
        CaptureJob job = captures.submit(caller, behaviour(behaviour), lifecycle(lifecycle), mediaType,
                request.getInputStream());
        return ResponseEntity.accepted().location(URI.create("/capture/" + job.captureId()))
                .headers(standardHeaders()).build();
    }

    /** The jobs the caller may see, newest first, paged as the REST bindings page every list. */
    @GetMapping("/capture")
    ResponseEntity<List<CaptureJob>> jobs(@AuthenticationPrincipal ApiPrincipal caller, HttpServletRequest request) {
        Pages.Page page = pages.request(request, "capture", List.of());
        Pages.Result<CaptureJob> jobs = pages.result(request, page, captures.jobs(caller,
                page.after() == null ? null : Long.valueOf(page.after()), page.perPage() + 1), CaptureJob::captureId);
        return ResponseEntity.ok().headers(standardHeaders()).headers(jobs.headers()).body(jobs.items());
    }

    /** A job in JSON, or as {@code epcis:EPCISCaptureJob} XML for {@code Accept: application/xml}. */
    @GetMapping("/capture/{captureId}")
    ResponseEntity<?> job(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String captureId,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        long id;
        try {
            id = Long.parseLong(captureId);
        } catch (NumberFormatException e) {
            throw ApiProblem.noSuchResource("no capture job " + captureId);
        }
        CaptureJob job = captures.job(caller, id);
        MediaType type = xmlPreferred(accept);
        if (type != null) {
            return ResponseEntity.ok().headers(standardHeaders()).contentType(type).body(CaptureJobXml.write(job));
        }
        return ResponseEntity.ok().headers(standardHeaders()).contentType(MediaType.APPLICATION_JSON).body(job);
    }

    /** The XML type the Accept header prefers over JSON, or null for JSON. */
    private static MediaType xmlPreferred(String accept) {
        if (accept == null || accept.isBlank()) {
            return null;
        }
        List<MediaType> accepted = MediaType.parseMediaTypes(accept);
        for (MediaType a : accepted.stream().sorted(Comparator.comparingDouble(MediaType::getQualityValue)
                .reversed()).toList()) {
            if (a.getQualityValue() > 0 && a.includes(MediaType.APPLICATION_JSON)) {
                return null;
            }
            if (a.getQualityValue() > 0 && (a.includes(MediaType.APPLICATION_XML) || a.includes(MediaType.TEXT_XML))) {
                return a.includes(MediaType.APPLICATION_XML) ? MediaType.APPLICATION_XML : MediaType.TEXT_XML;
            }
        }
        return null;
    }

    /** One event, captured synchronously: 201, its URL in Location and the event (with its context) in the body. */
    @PostMapping("/events")
    ResponseEntity<String> event(@AuthenticationPrincipal ApiPrincipal caller,
            HttpServletRequest request) throws IOException {
        String mediaType = mediaType(request);
        checkSize(request);
        CaptureProcessor.Outcome outcome = captures.captureEvent(caller, mediaType, request.getInputStream());
        if (outcome.events() > 1) {
            throw ApiProblem.validation("POST /events takes exactly one event; this body has more (use POST"
                    + " /capture for documents); nothing was captured");
        }
        if (!outcome.errors().isEmpty()) {
            CaptureError first = outcome.errors().get(0);
            EpcisProblemType type = Arrays.stream(EpcisProblemType.values())
                    .filter(t -> t.uri().toString().equals(first.type())).findFirst()
                    .orElse(EpcisProblemType.VALIDATION);
            throw new ApiProblem(type, HttpStatus.valueOf(first.status()), first.detail());
        }
        if (outcome.events() == 0) {
            throw ApiProblem.validation("POST /events takes exactly one event; this body has none");
        }
        String eventId = outcome.eventIds().get(0);
        if (outcome.duplicates() > 0) {
            throw ApiProblem.alreadyExists("the event is already captured as " + eventId);
        }
        return ResponseEntity.created(URI.create("/events/" + URLEncoder.encode(eventId, StandardCharsets.UTF_8)))
                .headers(standardHeaders()).contentType(MediaType.APPLICATION_JSON)
                .body(events.standalone(eventId));
    }

    private static String mediaType(HttpServletRequest request) {
        String contentType = request.getContentType();
        if (contentType == null) {
            return null;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!MEDIA_TYPES.contains(type)) {
            throw new ApiProblem(EpcisProblemType.UNSUPPORTED_MEDIA_TYPE, "Content-Type " + type + " is not an EPCIS"
                    + " document type (application/ld+json, application/json, application/xml, text/xml)");
        }
        return type;
    }

    /** Refuses a document whose announced length is over the limit (413) or more than the disk can take (507). */
    private void checkSize(HttpServletRequest request) {
        long length = request.getContentLengthLong();
        if (length > limits.maxFileBytes().toBytes()) {
            throw new ApiProblem(EpcisProblemType.CAPTURE_LIMIT_EXCEEDED, "the document has " + length
                    + " bytes, more than the capture file size limit of " + limits.maxFileBytes().toBytes()
                    + " bytes (GS1-EPCIS-Capture-File-Size-Limit)");
        }
        documents.ensureSpaceFor(length);
    }

    private static String behaviour(String header) {
        if (header == null || header.isBlank()) {
            return "rollback";
        }
        String value = header.strip().toLowerCase(Locale.ROOT);
        if (!value.equals("rollback") && !value.equals("proceed")) {
            throw ApiProblem.validation(BEHAVIOUR + " must be rollback or proceed, not '" + header + "'");
        }
        return value;
    }

    private static LifecycleMode lifecycle(String header) {
        if (header == null || header.isBlank()) {
            return LifecycleMode.ENFORCE;
        }
        return switch (header.strip().toLowerCase(Locale.ROOT)) {
            case "enforce" -> LifecycleMode.ENFORCE;
            case "observe" -> LifecycleMode.OBSERVE;
            default -> throw ApiProblem.validation(LIFECYCLE + " must be enforce or observe, not '" + header + "'");
        };
    }

    private HttpHeaders standardHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.set("GS1-EPCIS-Capture-Limit", String.valueOf(limits.maxEvents()));
        headers.set("GS1-EPCIS-Capture-File-Size-Limit", String.valueOf(limits.maxFileBytes().toBytes()));
        headers.set(BEHAVIOUR, "all"); // both rollback and proceed are supported
        return headers;
    }
}
