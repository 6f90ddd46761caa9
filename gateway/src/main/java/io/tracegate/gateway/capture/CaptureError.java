package io.tracegate.gateway.capture;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * An entry of a capture job's {@code errors}: an RFC 7807 problem (type, title, status, detail, instance) and,
 * for a refused event, its index in the document, its eventID and what was wrong with it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CaptureError(String type, String title, int status, String detail, String instance,
                           Integer eventIndex, @JsonProperty("eventID") String eventId, List<Finding> findings) {

    /**
     * One thing wrong with an event.
     *
     * @param rule    the rule broken, e.g. {@code lifecycle.duplicate-commission} or an identifier rule
     * @param epc     the EPC concerned, when there is one
     * @param path    where in the event, for identifier findings
     * @param message what was wrong
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Finding(String rule, String epc, String path, String message) {
    }
}
