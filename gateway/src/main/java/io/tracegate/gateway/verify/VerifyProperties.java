package io.tracegate.gateway.verify;

import io.tracegate.gs1.Gln;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings under {@code tracegate.verify.*}; {@code docs/verify.md} lists them with their defaults.
 *
 * @param responderGln   this gateway's GLN: {@code responderGLN} of its answers, and {@code reqGLN} of the scans
 *                       it forwards for a key that has no single GLN of its own
 * @param responderFor   GS1 company prefixes (GS1 form, a U.P.C. prefix with its leading 0) and GTINs this gateway
 *                       answers for itself; empty: every GTIN the serial store has a lot of
 * @param contexts       the {@code context} values accepted (the LMS allow-list)
 * @param connectTimeout connecting to a remote responder
 * @param readTimeout    waiting for a remote responder's whole answer, unless its directory entry sets one
 * @param directoryFile  a CSV file of directory entries loaded (added or replaced) at start, or null
 * @param maxScanBytes   largest {@code POST /verify/scan} body
 * @param maxImageBytes  largest {@code POST /verify/image} body
 * @param maxImagePixels largest photo, in pixels (width times height), decoded
 * @param requestor      the policy of every requestor (API key) without one of its own in {@code requestors}
 * @param requestors     policies by API key name; what they leave out comes from {@code requestor}
 * @param log            the request log
 */
@ConfigurationProperties("tracegate.verify")
public record VerifyProperties(
        Gln responderGln,
        @DefaultValue List<String> responderFor,
        @DefaultValue("dscsaSaleableReturn") Set<String> contexts,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration readTimeout,
        Path directoryFile,
        @DefaultValue("4KB") DataSize maxScanBytes,
        @DefaultValue("10MB") DataSize maxImageBytes,
        @DefaultValue("40000000") long maxImagePixels,
        @DefaultValue RequestorPolicy requestor,
        Map<String, RequestorPolicy> requestors,
        @DefaultValue Log log) {

    /** Every {@code additionalInfo} code of GS1 US LMS IG R1.3. */
    static final Set<String> ADDITIONAL_INFO = Set.of("Expired", "ExpirationExtended", "Recalled", "Suspect",
            "Illegitimate");

    public VerifyProperties {
        requestors = requestors == null ? Map.of() : Map.copyOf(requestors);
        requestor = requestor.orDefaults(new RequestorPolicy(50.0, 100, true, ADDITIONAL_INFO));
        for (var entry : requestors.entrySet()) {
            entry.getValue().check("tracegate.verify.requestors." + entry.getKey());
        }
        requestor.check("tracegate.verify.requestor");
    }

    /** The policy of the requestor with this key name. */
    public RequestorPolicy policyOf(String keyName) {
        RequestorPolicy own = requestors.get(keyName);
        return own == null ? requestor : own.orDefaults(requestor);
    }

    /**
     * What one requestor may do and learn; a null component takes the default's.
     *
     * @param requestsPerSecond verifications (LMS requests, scans, photos) per second, sustained
     * @param burst             verifications allowed at once after a quiet spell
     * @param revealReasons     whether {@code verificationFailureReason} says why; false: {@code No_reason_provided}
     * @param revealInfo        the {@code additionalInfo} codes this requestor is told; others are left out
     */
    public record RequestorPolicy(Double requestsPerSecond, Integer burst, Boolean revealReasons,
            Set<String> revealInfo) {

        RequestorPolicy orDefaults(RequestorPolicy defaults) {
            return new RequestorPolicy(requestsPerSecond == null ? defaults.requestsPerSecond : requestsPerSecond,
                    burst == null ? defaults.burst : burst,
                    revealReasons == null ? defaults.revealReasons : revealReasons,
                    revealInfo == null ? defaults.revealInfo : Set.copyOf(revealInfo));
        }

        private void check(String name) {
            if (requestsPerSecond != null && !(requestsPerSecond > 0)) {
                throw new IllegalArgumentException(name + ".requests-per-second must be above 0");
            }
            if (burst != null && burst < 1) {
                throw new IllegalArgumentException(name + ".burst must be at least 1");
            }
            if (revealInfo != null && !ADDITIONAL_INFO.containsAll(revealInfo)) {
                throw new IllegalArgumentException(name + ".reveal-info: " + revealInfo + " holds codes that are not"
                        + " additionalInfo codes " + ADDITIONAL_INFO);
            }
        }
    }

    /**
     * @param queue     log rows waiting for their group commit before new requests wait for room
     * @param maxBatch  most rows in one group commit
     * @param commitWait longest a request waits for its row's commit before it is answered 503
     * @param retention rows older than this are deleted once a day; null (the default) keeps them for ever. At
     *                  least six years (DSCSA)
     */
    public record Log(@DefaultValue("20000") int queue, @DefaultValue("2000") int maxBatch,
            @DefaultValue("10s") Duration commitWait, Period retention) {
        public Log {
            if (retention != null && retention.toTotalMonths() < 72) {
                throw new IllegalArgumentException("tracegate.verify.log.retention must be at least six years"
                        + " (P6Y), the DSCSA's retention for verification records; got " + retention);
            }
        }
    }
}
