package io.tracegate.gateway.exchange;

import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gateway.problem.EpcisProblemType;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;

/** Request bodies read whole, up to {@code tracegate.exchange.max-message-bytes}. */
final class RequestBodies {

    private RequestBodies() {
    }

    static byte[] read(HttpServletRequest request, long max) throws IOException {
        if (request.getContentLengthLong() > max) {
            throw tooLarge(max);
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        }
        if (body.length > max) {
            throw tooLarge(max);
        }
        return body;
    }

    private static ApiProblem tooLarge(long max) {
        return new ApiProblem(EpcisProblemType.CAPTURE_LIMIT_EXCEEDED, "the body is larger than"
                + " tracegate.exchange.max-message-bytes (" + max + " bytes)");
    }
}
