package io.tracegate.gateway.verify;

import io.tracegate.gateway.security.ApiPrincipal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The JSON body of a 200 LMS answer: {@code verificationTimestamp} (UTC, milliseconds), {@code responderGLN},
 * {@code data} ({@code verified}; {@code verificationFailureReason} only when not verified; {@code additionalInfo}
 * only when there is one) and {@code corrUUID}.
 *
 * <p>Written directly rather than through Jackson: the shape is fixed, it is written on every verification, and
 * every value is plain ASCII that needs no escaping (a timestamp, GLN digits, code-list codes, and a corrUUID that
 * {@link VerificationRequest} checked to be a UUID or generated).
 */
record LmsAnswer(Instant at, String responderGln, Verdict verdict, String corrUuid) {

    /** Always three digits of milliseconds ({@link Instant#toString()} leaves them out when they are zero). */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** The answer to this caller now: the verdict as its policy discloses it. */
    static LmsAnswer to(ApiPrincipal caller, Verdict verdict, String corrUuid, VerifyProperties properties,
            Clock clock) {
        return new LmsAnswer(clock.instant(), VrsController.gln(properties),
                verdict.disclosedTo(properties.policyOf(caller.name())), corrUuid);
    }

    String json() {
        StringBuilder b = new StringBuilder(192).append("{\"verificationTimestamp\":\"");
        TIMESTAMP.formatTo(at, b);
        b.append("\",\"responderGLN\":");
        quoted(b, responderGln).append(",\"data\":{\"verified\":").append(verdict.verified());
        if (verdict.reason() != null) {
            b.append(",\"verificationFailureReason\":");
            quoted(b, verdict.reason().code());
        }
        if (verdict.info() != null) {
            b.append(",\"additionalInfo\":");
            quoted(b, verdict.info().code());
        }
        b.append("},\"corrUUID\":");
        return quoted(b, corrUuid).append('}').toString();
    }

    private static StringBuilder quoted(StringBuilder b, String value) {
        return value == null ? b.append("null") : b.append('"').append(value).append('"');
    }
}
