package io.tracegate.gateway.verify;

import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gateway.problem.EpcisProblemType;
import io.tracegate.gateway.security.ApiPrincipal;
import io.tracegate.gateway.verify.RequestLog.LoggedRequest;
import io.tracegate.gateway.verify.ScanVerifier.ScanAnswer;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scan-to-verify for people: {@code POST /verify/scan} (the scanner's output), {@code POST /verify/image} (a photo of
 * the pack) and {@code GET /verify/history} (this key's latest scans). Bodies are read up to their configured limit
 * and refused (413) beyond it, whatever the client announces.
 */
@RestController
class ScanController {

    /** Most history rows on one page. */
    static final int MAX_HISTORY = 200;

    private final ScanVerifier scans;
    private final PhotoDecoder photos;
    private final RequestLog requestLog;
    private final JsonMapper json;
    private final VerifyProperties properties;

    ScanController(ScanVerifier scans, PhotoDecoder photos, RequestLog requestLog, JsonMapper json,
            VerifyProperties properties) {
        this.scans = scans;
        this.photos = photos;
        this.requestLog = requestLog;
        this.json = json;
        this.properties = properties;
    }

    /** {@code reqGLN} is optional: the key's only GLN, else {@code tracegate.verify.responder-gln}. */
    record ScanRequest(String scan, String reqGLN) {
    }

    @PostMapping(path = "/verify/scan", consumes = "application/json")
    ScanAnswer scan(@AuthenticationPrincipal ApiPrincipal caller, HttpServletRequest http) throws IOException {
        byte[] body = read(http, properties.maxScanBytes().toBytes(), "tracegate.verify.max-scan-bytes");
        ScanRequest request;
        try {
            request = json.readValue(body, ScanRequest.class);
        } catch (JacksonException e) {
            throw ApiProblem.validation("the request body is not {\"scan\": \"...\"}: " + e.getOriginalMessage());
        }
        if (request == null) {
            throw ApiProblem.validation("the request body is not {\"scan\": \"...\"}");
        }
        return scans.verify(caller, request.scan(), request.reqGLN(), "scan");
    }

    @PostMapping(path = "/verify/image", consumes = {"image/jpeg", "image/png"})
    ScanAnswer image(@AuthenticationPrincipal ApiPrincipal caller, HttpServletRequest http,
            @RequestParam(name = "reqGLN", required = false) String reqGln) throws IOException {
        byte[] photo = read(http, properties.maxImageBytes().toBytes(), "tracegate.verify.max-image-bytes");
        return scans.verify(caller, photos.decode(photo), reqGln, "image");
    }

    @GetMapping("/verify/history")
    List<LoggedRequest> history(@AuthenticationPrincipal ApiPrincipal caller,
            @RequestParam(defaultValue = "20") int limit) {
        if (limit < 1 || limit > MAX_HISTORY) {
            throw ApiProblem.validation("limit: " + limit + " is not between 1 and " + MAX_HISTORY);
        }
        return requestLog.latest(caller.name(), List.of("scan", "image"), limit);
    }

    /** The body, at most {@code max} bytes: 413 when it announces or sends more. */
    private static byte[] read(HttpServletRequest http, long max, String setting) throws IOException {
        if (http.getContentLengthLong() > max) {
            throw tooLarge(http.getContentLengthLong(), max, setting);
        }
        try (InputStream in = http.getInputStream()) {
            byte[] body = in.readNBytes((int) max + 1);
            if (body.length > max) {
                throw tooLarge(body.length, max, setting);
            }
            return body;
        }
    }

    private static ApiProblem tooLarge(long size, long max, String setting) {
        return new ApiProblem(EpcisProblemType.VALIDATION, HttpStatus.PAYLOAD_TOO_LARGE, "the request body has "
                + (size > max + 1 ? size + " bytes" : "more than " + max + " bytes") + ", more than the " + max
                + " accepted (" + setting + ")");
    }
}
