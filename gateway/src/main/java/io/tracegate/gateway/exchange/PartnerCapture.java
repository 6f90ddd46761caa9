package io.tracegate.gateway.exchange;

import io.tracegate.gateway.capture.CaptureService;
import io.tracegate.gateway.security.ApiPrincipal;
import io.tracegate.gateway.security.Role;
import io.tracegate.gateway.serials.LifecycleMode;
import io.tracegate.gs1.Gln;
import java.io.ByteArrayInputStream;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The inbound hook: where a document a partner sent becomes a capture job owned by that partner. The one place the
 * exchange calls capture, and the one place a partner's caller identity is made.
 */
@Component
public class PartnerCapture {

    private static final Set<String> CAPTURE_TYPES = Set.of("application/ld+json", "application/json",
            "application/xml", "text/xml");

    private final CaptureService captures;

    PartnerCapture(CaptureService captures) {
        this.captures = captures;
    }

    /**
     * The caller a partner acts as, in capture jobs and on the mutual-TLS connector: {@code partner:<AS2 name>},
     * role PARTNER, limited to the partner's GLNs (none: no limit), allowed to import history. Its key id is the
     * partner's id negated: API keys' ids are positive, so a partner's capture jobs are its own and no key's.
     */
    public static ApiPrincipal principal(Partner partner) {
        return new ApiPrincipal(-partner.id(), "partner:" + partner.as2Id(), Set.of(Role.PARTNER), Set.of(),
                partner.glns().stream().map(Gln::new).collect(Collectors.toSet()), true);
    }

    /**
     * Submits a received document to capture as a history import ({@link LifecycleMode#OBSERVE}: what the partner
     * did happened elsewhere, so the store takes the states the events say instead of refusing them); returns the
     * job's id.
     *
     * @throws io.tracegate.gateway.problem.ApiProblem when capture refuses it (503: busy, try again later)
     */
    long capture(Partner partner, String contentType, byte[] document) {
        return captures.submit(principal(partner), "rollback", LifecycleMode.OBSERVE, mediaType(contentType),
                new ByteArrayInputStream(document)).id();
    }

    /** An EPCIS media type capture knows, or null to let capture recognise the document by its first byte. */
    private static String mediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return CAPTURE_TYPES.contains(type) ? type : null;
    }
}
