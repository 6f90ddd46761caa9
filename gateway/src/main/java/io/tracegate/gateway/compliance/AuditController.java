package io.tracegate.gateway.compliance;

import io.tracegate.gateway.problem.ApiProblem;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /audit?from=..&to=..&object=..} lists audit records; {@code GET /audit/verify} walks the chain
 * (COMPLIANCE, ADMIN).
 */
@RestController
class AuditController {

    private static final int MAX_PAGE = 1000;

    private final AuditTrail trail;

    AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    /** A page of records; {@code next} is the request for the page after it, or null. */
    record AuditPage(List<AuditRecord> records, String next) {
    }

    @GetMapping("/audit")
    AuditPage list(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String object, @RequestParam(defaultValue = "0") long after,
            @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw ApiProblem.validation("limit must be between 1 and " + MAX_PAGE + ", not " + limit);
        }
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        List<AuditRecord> records = trail.list(start, end, object, after, limit);
        String next = null;
        if (records.size() == limit) {
            next = "/audit?after=" + records.get(records.size() - 1).seq() + "&limit=" + limit
                    + parameter("from", from) + parameter("to", to) + parameter("object", object);
        }
        return new AuditPage(records, next);
    }

    @GetMapping("/audit/verify")
    AuditTrail.ChainCheck verify() {
        return trail.verify();
    }

    private static String parameter(String name, String value) {
        return value == null ? "" : "&" + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** An instant with an offset, or a date (its start, UTC). */
    static Instant instant(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(value.replace(' ', '+')).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiProblem.validation(parameter + ": '" + value + "' is neither a date (2026-01-31) nor a time"
                    + " with an offset (2026-01-31T10:00:00Z)");
        }
    }
}
