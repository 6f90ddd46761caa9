package io.tracegate.gateway.verify;

import io.tracegate.gateway.verify.Directory.Route;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * The requester side: sends a request on to the responder a directory entry names, with the entry's key as a bearer
 * token, within the connect timeout and the entry's (or the default) answer timeout, and tries once more when the
 * responder answers 5xx or not in time. JDK's HTTP client: HTTP/1.1, one connection pool for every responder.
 */
@Component
class Forwarder {

    /** An LMS answer is a few hundred bytes; anything much larger is not one. */
    static final int MAX_ANSWER_BYTES = 64 * 1024;

    private final HttpClient client;
    private final Duration readTimeout;

    Forwarder(VerifyProperties properties) {
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
        this.readTimeout = properties.readTimeout();
    }

    /** What came back from the responder, after at most one retry. */
    sealed interface Outcome {
    }

    /** The responder's answer (any status below 500), to pass through. */
    record Answered(int status, String contentType, String body) implements Outcome {
    }

    /**
     * No usable answer: it answered 5xx, could not be reached, or sent something that is no answer (502).
     *
     * @param serverError whether it answered 5xx (worth one retry)
     */
    record Failed(String detail, boolean serverError) implements Outcome {
    }

    /** It did not answer in time, twice (504). */
    record TimedOut(String detail) implements Outcome {
    }

    /** {@code GET <route url><pathAndQuery>}, retried once on 5xx or timeout. */
    Outcome get(Route route, String pathAndQuery) {
        URI uri = URI.create(route.url() + pathAndQuery);
        Duration timeout = route.timeoutMs() != null ? Duration.ofMillis(route.timeoutMs()) : readTimeout;
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().header("Accept", "application/json")
                .timeout(timeout);
        if (route.apiKey() != null) {
            request.header("Authorization", "Bearer " + route.apiKey());
        }
        Outcome first = attempt(request.build(), uri, timeout);
        return retry(first) ? attempt(request.build(), uri, timeout) : first;
    }

    private static boolean retry(Outcome outcome) {
        return outcome instanceof TimedOut || outcome instanceof Failed failed && failed.serverError();
    }

    private Outcome attempt(HttpRequest request, URI uri, Duration timeout) {
        CompletableFuture<HttpResponse<String>> exchange = client.sendAsync(request, BOUNDED);
        try {
            // the request timeout ends the wait for the headers; this one also bounds the body
            HttpResponse<String> response = exchange.get(timeout.toMillis() + 100, TimeUnit.MILLISECONDS);
            if (response.body() == null) {
                return new Failed("the responder at " + uri + " answered more than " + MAX_ANSWER_BYTES + " bytes",
                        false);
            }
            if (response.statusCode() >= 500) {
                return new Failed("the responder at " + uri + " answered " + response.statusCode(), true);
            }
            return new Answered(response.statusCode(), response.headers().firstValue("Content-Type")
                    .orElse("application/json"), response.body());
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return timedOut(uri, timeout);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HttpConnectTimeoutException) {
                return new TimedOut("could not connect to the responder at " + uri + " in time");
            }
            if (e.getCause() instanceof HttpTimeoutException) {
                return timedOut(uri, timeout);
            }
            return new Failed("the responder at " + uri + " could not be reached: " + describe(e.getCause()), false);
        } catch (CancellationException e) {
            return new Failed("the request to the responder at " + uri + " was cancelled", false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failed("interrupted while waiting for the responder at " + uri, false);
        }
    }

    private static TimedOut timedOut(URI uri, Duration timeout) {
        return new TimedOut("the responder at " + uri + " did not answer within " + timeout.toMillis() + " ms");
    }

    private static String describe(Throwable cause) {
        return cause instanceof IOException && cause.getMessage() != null ? cause.getMessage()
                : cause.getClass().getSimpleName();
    }

    /** The body as text, or null (with the body discarded) when the responder announces more than the limit. */
    private static final BodyHandler<String> BOUNDED = info -> info.headers().firstValueAsLong("Content-Length")
            .orElse(0) > MAX_ANSWER_BYTES ? BodySubscribers.replacing(null)
            : BodySubscribers.ofString(StandardCharsets.UTF_8);
}
