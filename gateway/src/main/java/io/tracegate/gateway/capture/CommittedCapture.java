package io.tracegate.gateway.capture;

import io.tracegate.gateway.security.ApiPrincipal;
import io.tracegate.gateway.serials.LifecycleMode;
import java.util.List;

/**
 * A capture job whose events commit.
 *
 * @param jobId          the job ({@code /capture/{jobId}})
 * @param submitter      the caller the job was submitted by
 * @param mode           how the serial store took the events
 * @param documentSha256 the stored document ({@link CaptureService#document})
 * @param eventRefs      the event store rows of the events this job wrote (not those already captured before)
 */
public record CommittedCapture(long jobId, ApiPrincipal submitter, LifecycleMode mode, String documentSha256,
                               List<Long> eventRefs) {

    public CommittedCapture {
        eventRefs = List.copyOf(eventRefs);
    }
}
