package io.tracegate.gateway.query;

import io.tracegate.epcis.io.Namespaces;
import io.tracegate.gateway.config.TracegateProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Discovery, as the REST bindings define it: {@code GET /} lists the top-level resources; {@code OPTIONS} on every
 * EPCIS resource answers 204 with the methods it allows and the versions, formats and capture limits the gateway
 * supports. (The version headers themselves come from {@link EpcisVersions}.)
 */
@RestController
class DiscoveryController {

    private static final List<String> TOP_LEVEL = List.of("queries", "capture", "events", "eventTypes", "epcs",
            "readPoints", "bizLocations", "dispositions", "bizSteps");

    private final TracegateProperties.Capture capture;

    DiscoveryController(TracegateProperties properties) {
        this.capture = properties.capture();
    }

    @GetMapping("/")
    Map<String, Object> topLevel() {
        return collection(TOP_LEVEL);
    }

    @RequestMapping(method = RequestMethod.OPTIONS, path = {"/", "/capture", "/capture/{id}", "/events",
        "/events/{id}", "/{resource:eventTypes|epcs|bizSteps|bizLocations|readPoints|dispositions}",
        "/{resource:eventTypes|epcs|bizSteps|bizLocations|readPoints|dispositions}/{value}",
        "/{resource:eventTypes|epcs|bizSteps|bizLocations|readPoints|dispositions}/{value}/events", "/queries",
        "/queries/{name}", "/queries/{name}/events", "/queries/{name}/subscriptions",
        "/queries/{name}/subscriptions/{id}"})
    ResponseEntity<Void> options(HttpServletRequest request) {
        String pattern = (String) request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.ALLOW, allowed(pattern));
        boolean captures = pattern.equals("/capture");
        headers.set("GS1-EPCIS-Min", captures ? "1.2.0" : EpcisVersions.EPCIS_VERSION);
        headers.set("GS1-EPCIS-Max", EpcisVersions.EPCIS_VERSION);
        headers.set("GS1-CBV-Min", captures ? "1.2.0" : EpcisVersions.CBV_VERSION);
        headers.set("GS1-CBV-Max", EpcisVersions.CBV_VERSION);
        headers.set("GS1-EPC-Format", "Always_GS1_Digital_Link");
        headers.set("GS1-CBV-XML-Format", "No_Preference");
        headers.set("GS1-Vendor-Version", "tracegate-" + vendorVersion());
        if (captures) {
            headers.set("GS1-EPCIS-Capture-Limit", String.valueOf(capture.maxEvents()));
            headers.set("GS1-EPCIS-Capture-File-Size-Limit", String.valueOf(capture.maxFileBytes().toBytes()));
            headers.set("GS1-Capture-Error-Behaviour", "all");
        }
        return ResponseEntity.noContent().headers(headers).build();
    }

    /** The methods of a resource, as the bindings list them for it. */
    private static String allowed(String pattern) {
        return switch (pattern) {
            case "/capture", "/events", "/queries", "/queries/{name}/subscriptions" -> "OPTIONS, GET, POST";
            case "/queries/{name}", "/queries/{name}/subscriptions/{id}" -> "OPTIONS, GET, DELETE";
            default -> "OPTIONS, GET";
        };
    }

    private static String vendorVersion() {
        String version = DiscoveryController.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    static Map<String, Object> collection(List<String> members) {
        Map<String, Object> collection = new LinkedHashMap<>();
        collection.put("@context", List.of(Namespaces.EPCIS_CONTEXT));
        collection.put("type", "Collection");
        collection.put("member", members);
        return collection;
    }
}
