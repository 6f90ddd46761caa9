package io.tracegate.conformance;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Every response of the tour checked against GS1's OpenAPI definition of the REST bindings
 * ({@code schemas/2.0/epcis-rest-openapi.yaml}) with Atlassian's swagger-request-validator: status codes, headers,
 * media types and the bodies the definition describes itself. The definition's references to GS1's remote JSON
 * Schema stub become open schemas here (the EPCIS documents they stand for are checked against GS1's JSON Schema by
 * {@link EpcisSchemas}), and its Oniguruma-only schedule patterns are dropped: both are listed in
 * {@code docs/conformance.md}. A finding that is one of the definition's own contradictions ({@link #CONTRADICTIONS})
 * is counted apart; every other finding is the gateway's.
 */
final class OpenApiCheck {

    /**
     * Points where GS1's definition contradicts itself or RFC 7807, as (message pattern, why we answer as we do).
     * docs/conformance.md lists the same.
     */
    static final Map<Pattern, String> CONTRADICTIONS = new LinkedHashMap<>();

    static {
        CONTRADICTIONS.put(Pattern.compile("(?s).*/capture.*exactly one schema \\(matched 2 out of 2\\).*"),
                "CaptureJob: oneOf {errors} | {errorFile} without 'required': every job matches both branches");
        CONTRADICTIONS.put(Pattern.compile("(?s).*\\[406\\].*|(?s).*409.*status.*"),
                "409ResourceAlreadyExistsException: its status enum is [406]");
        CONTRADICTIONS.put(Pattern.compile("(?s).*NoSuchNameException.*"),
                "404ResourceNotFound: its type enum is only NoSuchNameException, its own example NoSuchResourceException"
                        + " (we answer NoSuchResourceException for resources, NoSuchNameException for query names)");
        CONTRADICTIONS.put(Pattern.compile("(?s).*IUnsupportedMediaTypeException.*"),
                "415UnsupportedMediaType: its type enum is the misspelt IUnsupportedMediaTypeException");
        CONTRADICTIONS.put(Pattern.compile("(?s)GET /queries/[^/ ]+ -> 200: .*allowed: \\[\"array\"\\].*"),
                "GET /queries/{queryName}: its schema is an array, its example (and every other binding) one object");
        CONTRADICTIONS.put(Pattern.compile("(?s)GET /queries -> 200: .*/items/allOf/1.*allowed: \\[\"array\"\\].*"),
                "EPCISEventsQuery: 'type: object' with 'items', which OpenAPI tools read as an array");
        CONTRADICTIONS.put(Pattern.compile("(?s).*validation\\.response\\.header\\.schema\\.format\\.uri: String \"<.*rel=.*"),
                "Link: its schema is 'format: uri' though its value, as its own example, is '<uri>; rel=\"next\"'");
        CONTRADICTIONS.put(Pattern.compile("(?s)GET /[^ ]*events[^ ]* -> 413: validation\\.response\\.status\\.unknown.*"),
                "maxEventCount: the event lists take it but do not list the 413 QueryTooLargeException it calls for");
    }

    private final OpenApiInteractionValidator validator;
    private final List<String> violations = new ArrayList<>();
    private final Map<String, Integer> contradictions = new TreeMap<>();
    private int checked;

    OpenApiCheck(Path oracles) throws IOException {
        String spec = Files.readString(oracles.resolve("epcis/schemas/2.0/epcis-rest-openapi.yaml"));
        spec = spec.replaceAll("\\$ref: 'https://gs1\\.github\\.io/EPCIS/REST%20Bindings/JSON-Schema-Stub\\.json#/"
                + "definitions/([^']+)'", "x-gs1-json-schema: '$1'");
        spec = spec.replaceAll("\\$ref: 'https://[^']+'", "x-remote-example: true");
        spec = spec.replaceAll("(?m)^(\\s*)pattern: \"\\(\\\\\\\\g<element>.*$", "$1x-oniguruma-pattern: true");
        // the version headers' schemas are an allOf (an example and the string schema 'version') and the vendor
        // version an anyOf of string and object: the validator reads such header values as JSON unless told they are
        // strings, which every header value is
        spec = spec.replaceAll("(?m)^(    GS1-(?:EPCIS|CBV)-(?:Version|Min|Max):\\n)      allOf: ?\\n        - example: "
                + "\"[^\"]*\"\\n        - \\$ref: '#/components/schemas/version'\\n",
                "$1      type: string\n      pattern: '^\\\\d+(\\\\.\\\\d+)*\\$'\n");
        spec = spec.replace("    GS1-Vendor-Version:\n      example: example-version-1.0\n      anyOf:\n        - type: string\n"
                + "        - type: object", "    GS1-Vendor-Version:\n      example: example-version-1.0\n      type: string");
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(spec)
                // OpenAPI's default: an object schema without additionalProperties allows other properties (the
                // validator's own default forbids them)
                .withLevelResolver(LevelResolver.create().withLevel("validation.schema.additionalProperties",
                        ValidationReport.Level.IGNORE).build())
                .build();
    }

    /** Checks one response to a request of the tour; returns the response. */
    HttpResponse<String> check(HttpRequest request, HttpResponse<String> response) {
        checked++;
        URI uri = request.uri();
        SimpleResponse.Builder built = SimpleResponse.Builder.status(response.statusCode());
        response.headers().map().forEach((name, values) -> {
            if (!name.equals(":status")) {
                built.withHeader(name, values);
            }
        });
        if (!response.body().isEmpty()) {
            built.withBody(response.body());
        }
        ValidationReport report = validator.validateResponse(uri.getRawPath(), Request.Method.valueOf(
                request.method()), built.build());
        for (ValidationReport.Message message : report.getMessages()) {
            if (message.getLevel() != ValidationReport.Level.ERROR) {
                continue;
            }
            String text = request.method() + " " + uri.getRawPath() + " -> " + response.statusCode() + ": "
                    + message.getKey() + ": " + message.getMessage() + " " + message.getAdditionalInfo();
            String contradiction = CONTRADICTIONS.entrySet().stream()
                    .filter(c -> c.getKey().matcher(text).matches()).map(Map.Entry::getValue).findFirst()
                    .orElse(null);
            if (contradiction != null) {
                contradictions.merge(contradiction, 1, Integer::sum);
            } else {
                violations.add(text);
            }
        }
        return response;
    }

    int checked() {
        return checked;
    }

    List<String> violations() {
        return violations;
    }

    Map<String, Integer> contradictions() {
        return contradictions;
    }
}
