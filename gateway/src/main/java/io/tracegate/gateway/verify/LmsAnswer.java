package io.tracegate.gateway.verify;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The JSON body of a 200 LMS answer: {@code verificationTimestamp} (UTC, milliseconds), {@code responderGLN},
 * {@code data} and {@code corrUUID}.
 */
record LmsAnswer(String verificationTimestamp, String responderGLN, Data data, String corrUUID) {

    /** {@code verificationFailureReason} only when not verified; {@code additionalInfo} only when there is one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Data(boolean verified, String verificationFailureReason, String additionalInfo) {
    }

    static LmsAnswer of(Instant at, String responderGln, Verdict verdict, String corrUuid) {
        return new LmsAnswer(at.truncatedTo(ChronoUnit.MILLIS).toString(), responderGln,
                new Data(verdict.verified(), verdict.reason() == null ? null : verdict.reason().code(),
                        verdict.info() == null ? null : verdict.info().code()), corrUuid);
    }
}
