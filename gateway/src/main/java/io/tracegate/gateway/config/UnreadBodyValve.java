package io.tracegate.gateway.config;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.apache.tomcat.util.net.ApplicationBufferHandler;

/**
 * After a refusal (4xx, 5xx) of a request whose body was not read, reads what the client sends within a small budget
 * (one second, 2 MB), never waiting on the socket for longer than that, then closes the connection if the body has
 * not ended. Tomcat alone would read and discard ("swallow") the rest with a worker thread waiting on every pause of
 * the client, each as long as the body idle timeout: a client without a key sending its body slowly would hold a
 * thread for as long as it liked. Reading what has come (rather than closing at once) lets a client that sent its
 * whole body see the answer: closing with unread bytes resets the connection, and the client may lose the answer.
 * An engine valve, so that it runs after the error page (an {@code /error} dispatch) is rendered.
 */
final class UnreadBodyValve extends ValveBase {

    private static final long BUDGET_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long BUDGET_BYTES = 2 << 20;
    private static final long POLL_MILLIS = 5;

    UnreadBodyValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        getNext().invoke(request, response);
        if (response.getStatus() < 400 || request.isAsync() || request.isFinished()) {
            return;
        }
        response.flushBuffer(); // the answer first
        if (!drained(request)) {
            request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
        }
    }

    /** Reads and drops the body's bytes as they come, within the budget: whether the body ended. */
    private static boolean drained(Request request) {
        org.apache.coyote.Request body = request.getCoyoteRequest();
        Sink sink = new Sink();
        long deadline = System.nanoTime() + BUDGET_NANOS;
        long bytes = 0;
        try {
            while (!body.isFinished()) {
                body.action(ActionCode.AVAILABLE, Boolean.TRUE); // a read that does not wait
                if (body.getAvailable() > 0) {
                    int n = body.doRead(sink); // takes only what has come
                    if (n < 0) {
                        return true;
                    }
                    bytes += n;
                } else if (System.nanoTime() < deadline) {
                    Thread.sleep(POLL_MILLIS); // Tomcat has no bounded wait for a blocking request's next bytes
                } else {
                    return false;
                }
                if (bytes > BUDGET_BYTES) {
                    return false;
                }
            }
            return true;
        } catch (IOException broken) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Where the dropped bytes go: Tomcat hands over a view of its own buffer. */
    private static final class Sink implements ApplicationBufferHandler {

        private ByteBuffer buffer = EMPTY_BUFFER;

        @Override
        public void setByteBuffer(ByteBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        public ByteBuffer getByteBuffer() {
            return buffer;
        }

        @Override
        public void expand(int size) {
            // nothing is kept
        }
    }
}
