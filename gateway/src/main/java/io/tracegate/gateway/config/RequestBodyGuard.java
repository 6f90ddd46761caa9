package io.tracegate.gateway.config;

import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gateway.problem.EpcisProblemType;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.Semaphore;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Checks every request body before a controller reads it. Runs after authentication: a request without a valid key
 * never gets here.
 * <ul>
 * <li>Bodies are read as sent: a compressed one ({@code Content-Encoding: gzip}, ...) would be parsed as if it were
 * the document. Refused with 415 and {@code Accept-Encoding: identity} (RFC 9110, 15.5.16). Except at the AS2
 * endpoints: AS2 products send the MIME transfer encoding of their message there ({@code Content-Encoding: base64},
 * Apache Camel), which the exchange decodes itself.
 * <li>At most {@code tracegate.http.max-uploads} bodies are read at the same time. Reading a body blocks a worker
 * thread for as long as the client takes to send it (each pause bounded by {@code tracegate.http.body-idle-timeout},
 * the whole not at all: a large capture document may take hours on a slow line); with every thread reading slow
 * uploads, nothing else would be answered. Past the bound, a request with a body is refused at once (503) without
 * being read ({@link UnreadBodyValve}).
 * </ul>
 */
final class RequestBodyGuard implements HandlerInterceptor {

    static final String RETRY_AFTER_SECONDS = "5";
    private static final String SLOT = RequestBodyGuard.class.getName() + ".slot";
    private static final Set<String> AS2_PATHS = Set.of("/as2", "/as2/mdn");

    private final Semaphore slots;
    private final int uploads;

    RequestBodyGuard(int uploads) {
        this.slots = new Semaphore(uploads);
        this.uploads = uploads;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getDispatcherType() != DispatcherType.REQUEST || !hasBody(request)) {
            return true;
        }
        if (!AS2_PATHS.contains(request.getRequestURI())) {
            checkEncoding(request);
        }
        if (!slots.tryAcquire()) {
            throw new ApiProblem(EpcisProblemType.IMPLEMENTATION, HttpStatus.SERVICE_UNAVAILABLE, "the gateway is"
                    + " reading " + uploads + " request bodies already (tracegate.http.max-uploads); try again later")
                    .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        request.setAttribute(SLOT, Boolean.TRUE);
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception e) {
        if (request.getAttribute(SLOT) != null) {
            request.removeAttribute(SLOT);
            slots.release();
        }
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    private static void checkEncoding(HttpServletRequest request) {
        for (String header : Collections.list(request.getHeaders(HttpHeaders.CONTENT_ENCODING))) {
            for (String coding : header.split(",")) {
                String name = coding.strip();
                if (!name.isEmpty() && !name.equalsIgnoreCase("identity")) {
                    throw new ApiProblem(EpcisProblemType.UNSUPPORTED_MEDIA_TYPE, "Content-Encoding " + name
                            + " is not supported: send the body uncompressed, without a Content-Encoding header")
                            .header(HttpHeaders.ACCEPT_ENCODING, "identity");
                }
            }
        }
    }
}
