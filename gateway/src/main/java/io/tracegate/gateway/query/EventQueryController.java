package io.tracegate.gateway.query;

import io.tracegate.epcis.io.Namespaces;
import io.tracegate.epcis.model.EventType;
import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gateway.problem.EpcisProblemType;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The EPCIS 2.0 REST query bindings: {@code GET /events} with the SimpleEventQuery parameters in the query string,
 * the top-level resources ({@code /eventTypes}, {@code /epcs/{epc}/events}, {@code /bizSteps}, ...) whose path
 * names one more condition, and {@code /events/{eventID}}. Answers an {@code EPCISQueryDocument} in JSON-LD, or in
 * XML for {@code Accept: application/xml}, identifiers and CBV values in the forms the {@code GS1-EPC-Format} and
 * {@code GS1-CBV-XML-Format} headers ask for; a further page is announced by {@code Link: <...>; rel="next"}.
 */
@RestController
class EventQueryController {

    private static final MediaType JSON_LD = MediaType.parseMediaType("application/ld+json");
    /**
     * What a query document can be written as, in order of preference: JSON first, the one JSON type the bindings'
     * definition declares (a JSON-LD document is JSON), JSON-LD's own type for a client that asks for it.
     */
    private static final List<MediaType> OFFERED = List.of(MediaType.APPLICATION_JSON, JSON_LD,
            MediaType.APPLICATION_XML, MediaType.TEXT_XML);

    private final EventQueryService queries;
    private final Pages pages;
    private final Clock clock;

    EventQueryController(EventQueryService queries, Pages pages, Clock clock) {
        this.queries = queries;
        this.pages = pages;
        this.clock = clock;
    }

    @GetMapping("/events")
    ResponseEntity<byte[]> events(HttpServletRequest request, @RequestHeader(value = HttpHeaders.ACCEPT,
            required = false) String accept, @RequestHeader(value = ResultForms.EPC_FORMAT, required = false)
            String epcFormat, @RequestHeader(value = ResultForms.CBV_XML_FORMAT, required = false) String cbvXmlFormat)
            throws IOException {
        return page(request, accept, ResultForms.of(epcFormat, cbvXmlFormat), Map.of());
    }

    /** The query parameter each top-level resource's {@code /{value}/events} stands for. */
    private static final Map<String, String> RESOURCE_PARAMETERS = Map.of(
            "eventTypes", "eventType",
            "epcs", "MATCH_anyEPC",
            "bizSteps", "EQ_bizStep",
            "bizLocations", "EQ_bizLocation",
            "readPoints", "EQ_readPoint",
            "dispositions", "EQ_disposition");

    @GetMapping("/{resource:eventTypes|epcs|bizSteps|bizLocations|readPoints|dispositions}/{value}/events")
    ResponseEntity<byte[]> resourceEvents(@PathVariable String resource, @PathVariable String value,
            HttpServletRequest request, @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            @RequestHeader(value = ResultForms.EPC_FORMAT, required = false) String epcFormat,
            @RequestHeader(value = ResultForms.CBV_XML_FORMAT, required = false) String cbvXmlFormat)
            throws IOException {
        return page(request, accept, ResultForms.of(epcFormat, cbvXmlFormat),
                Map.of(RESOURCE_PARAMETERS.get(resource), value));
    }

    /** One event by its eventID (URL-encoded: a hash ID's {@code /}, {@code ;} and {@code ?} as %2F, %3B, %3F). */
    @GetMapping("/events/{eventId}")
    ResponseEntity<byte[]> event(@PathVariable String eventId, @RequestHeader(value = HttpHeaders.ACCEPT,
            required = false) String accept, @RequestHeader(value = ResultForms.EPC_FORMAT, required = false)
            String epcFormat, @RequestHeader(value = ResultForms.CBV_XML_FORMAT, required = false) String cbvXmlFormat)
            throws IOException {
        MediaType type = negotiate(accept);
        ResultForms forms = ResultForms.of(epcFormat, cbvXmlFormat);
        String body = queries.event(eventId)
                .orElseThrow(() -> ApiProblem.noSuchResource("no event with eventID " + eventId));
        return document(List.of(body), type, forms, new HttpHeaders());
    }

    @GetMapping("/eventTypes")
    ResponseEntity<Map<String, Object>> eventTypes(HttpServletRequest request) {
        Pages.Page page = pages.request(request, "eventTypes", List.of());
        List<String> types = Arrays.stream(EventType.values()).map(EventType::elementName).sorted()
                .filter(t -> page.after() == null || t.compareTo(page.after()) > 0).toList();
        return collection(request, page, types);
    }

    /** The distinct values of a field in the store: {@code /bizSteps}, {@code /dispositions}, ... */
    @GetMapping("/{resource:bizSteps|dispositions|readPoints|bizLocations}")
    ResponseEntity<Map<String, Object>> values(@PathVariable String resource, HttpServletRequest request) {
        Pages.Page page = pages.request(request, resource, List.of());
        return collection(request, page, queries.distinct(FIELDS.get(resource), page.after(), page.perPage() + 1));
    }

    /** The EPCs the store knows (units and every identifier events name), as the GS1-EPC-Format asks. */
    @GetMapping("/epcs")
    ResponseEntity<Map<String, Object>> epcs(HttpServletRequest request,
            @RequestHeader(value = ResultForms.EPC_FORMAT, required = false) String epcFormat) {
        ResultForms forms = ResultForms.of(epcFormat, null);
        Pages.Page page = pages.request(request, "epcs", List.of());
        Pages.Result<String> keys = pages.result(request, page, queries.epcs(page.after(), page.perPage() + 1),
                key -> key);
        HttpHeaders headers = keys.headers();
        headers.set(ResultForms.EPC_FORMAT, forms.epcHeader());
        return ResponseEntity.ok().headers(headers)
                .body(DiscoveryController.collection(keys.items().stream().map(forms::identifier).toList()));
    }

    private static final Map<String, EventSearch.Field> FIELDS = Map.of("bizSteps", EventSearch.Field.BIZ_STEP,
            "dispositions", EventSearch.Field.DISPOSITION, "readPoints", EventSearch.Field.READ_POINT,
            "bizLocations", EventSearch.Field.BIZ_LOCATION);

    private ResponseEntity<Map<String, Object>> collection(HttpServletRequest request, Pages.Page page,
            List<String> members) {
        Pages.Result<String> result = pages.result(request, page, members, member -> member);
        return ResponseEntity.ok().headers(result.headers()).body(DiscoveryController.collection(result.items()));
    }

    /**
     * The bindings' optional release of a page token's resources: a token here is a signed position, holding
     * nothing on the server, so there is nothing to release.
     */
    @DeleteMapping("/nextPageToken/{token}")
    ResponseEntity<Void> releaseToken(@PathVariable String token) {
        return ResponseEntity.noContent().build();
    }

    /** A resource instance ({@code /bizSteps/shipping}, ...): its sub-resources, which are its events. */
    @GetMapping({"/eventTypes/{value}", "/epcs/{value}", "/bizSteps/{value}", "/bizLocations/{value}",
            "/readPoints/{value}", "/dispositions/{value}"})
    Map<String, Object> resource() {
        return DiscoveryController.collection(List.of("events"));
    }

    private ResponseEntity<byte[]> page(HttpServletRequest request, String accept, ResultForms forms,
            Map<String, String> implied) throws IOException {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> parameters.put(name, List.of(values)));
        return page(request, accept, forms, parameters, implied);
    }

    /** Checks a query's parameters as a query: a QueryParameterException names the first bad one. */
    void check(Map<String, List<String>> parameters) {
        queries.check(parameters);
    }

    /** A page of a query's events, the next announced in {@code Link}. */
    ResponseEntity<byte[]> page(HttpServletRequest request, String accept, ResultForms forms,
            Map<String, List<String>> parameters, Map<String, String> implied) throws IOException {
        MediaType type = negotiate(accept);
        EventQueryService.Page page = queries.run(parameters, implied);
        HttpHeaders headers = new HttpHeaders();
        if (page.next() != null) {
            pages.next(request, page.next(), headers);
        }
        return document(page.bodies(), type, forms, headers);
    }

    private ResponseEntity<byte[]> document(List<String> stored, MediaType type, ResultForms forms,
            HttpHeaders headers) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<String> bodies = stored.stream().map(forms::identifiersOf).toList();
        if (type.getSubtype().equals("xml")) {
            QueryDocument.writeXml(bodies, forms.cbvXmlFormat(), now, out);
            headers.set(ResultForms.CBV_XML_FORMAT, forms.cbvXmlHeader());
        } else {
            QueryDocument.writeJsonLd(bodies, now, out);
        }
        headers.set(ResultForms.EPC_FORMAT, forms.epcHeader());
        return ResponseEntity.ok().headers(headers).contentType(type).body(out.toByteArray());
    }

    /** The offered type the client accepts most; JSON-LD when it accepts anything. */
    private static MediaType negotiate(String accept) {
        List<MediaType> accepted;
        try {
            accepted = accept == null || accept.isBlank() ? List.of(MediaType.ALL)
                    : MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            throw new ApiProblem(EpcisProblemType.NOT_ACCEPTABLE, "the Accept header '" + accept
                    + "' cannot be read: " + e.getMessage());
        }
        return accepted.stream().sorted(Comparator.comparingDouble(MediaType::getQualityValue).reversed())
                .filter(a -> a.getQualityValue() > 0)
                .flatMap(a -> OFFERED.stream().filter(a::includes).limit(1))
                .findFirst()
                .orElseThrow(() -> new ApiProblem(EpcisProblemType.NOT_ACCEPTABLE, "query results are available"
                        + " as application/ld+json, application/json, application/xml or text/xml, not " + accept));
    }
}
