package io.tracegate.gateway.config;

import jakarta.servlet.ServletException;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * After a refusal (4xx, 5xx) of a request whose body was not read, closes the connection once the answer is sent
 * instead of letting Tomcat read and discard ("swallow") the rest of the body, up to
 * {@code server.tomcat.max-swallow-size} (2 MB) with a worker thread waiting on every pause of the client. Without
 * this, a client without a key that sends its body slowly holds a thread for as long as it likes. A client still
 * sending a large body may see the connection reset instead of the answer; Tomcat does the same past the swallow size.
 * An engine valve, so that it runs after the error page (an {@code /error} dispatch) is rendered.
 */
final class UnreadBodyValve extends ValveBase {

    UnreadBodyValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        getNext().invoke(request, response);
        if (response.getStatus() >= 400 && !request.isAsync() && !request.isFinished()) {
            request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
        }
    }
}
