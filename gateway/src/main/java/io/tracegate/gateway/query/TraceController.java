package io.tracegate.gateway.query;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /trace/{epc}}: the EPC as an EPC URN or a GS1 Digital Link, URL-encoded (a Digital Link's slashes as
 * {@code %2F}; the firewall and Tomcat are configured to let encoded slashes through).
 */
@RestController
class TraceController {

    private final TraceService traces;

    TraceController(TraceService traces) {
        this.traces = traces;
    }

    @GetMapping("/trace/{epc}")
    TraceService.Trace trace(@PathVariable String epc) {
        return traces.trace(epc);
    }
}
