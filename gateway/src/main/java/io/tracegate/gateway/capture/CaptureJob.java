package io.tracegate.gateway.capture;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A capture job in the shape of the EPCIS 2.0 REST bindings ({@code captureID}, {@code createdAt},
 * {@code finishedAt}, {@code running}, {@code success}, {@code captureErrorBehaviour}, {@code errors}), plus counts.
 * rollback: running+success = in progress, running+!success = rolling back, !running+success = all captured,
 * !running+!success = nothing captured; proceed: !running+!success = captured except the events in errors.
 * While a job runs, {@code eventCount} is the number of events read so far and {@code finishedAt} is absent (the
 * bindings' schema has no null for it). {@code lifecycle}: {@code enforce}, or {@code observe} for a history import
 * ({@code Tracegate-Lifecycle} header). {@code submittedByKey} is the id of the API key that submitted it (0 for a job
 * older than key ids whose key was not found).
 */
public record CaptureJob(
        @JsonIgnore long id,
        @JsonProperty("captureID") String captureId,
        OffsetDateTime createdAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) OffsetDateTime finishedAt,
        boolean running,
        boolean success,
        String captureErrorBehaviour,
        String lifecycle,
        List<CaptureError> errors,
        int eventCount,
        int appliedCount,
        int duplicateCount,
        String documentSha256,
        long documentBytes,
        @JsonIgnore long submittedByKey) {

    CaptureJob withEventCount(int events) {
        return new CaptureJob(id, captureId, createdAt, finishedAt, running, success, captureErrorBehaviour,
                lifecycle, errors, events, appliedCount, duplicateCount, documentSha256, documentBytes,
                submittedByKey);
    }
}
