package io.tracegate.gateway.exchange;

import io.tracegate.gateway.config.DaemonThreads;
import jakarta.annotation.PreDestroy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Works the durable outbound queue: outbound messages and the asynchronous MDNs we owe partners. A dispatcher
 * claims due rows (up to the free workers) and hands each to a worker; rows are claimed in the database, so several
 * gateways may share the queue, and a row whose gateway died mid-attempt is taken over when its claim runs out.
 *
 * <p>Connection errors, timeouts, HTTP 5xx, 408 and 429 are retried after a delay that doubles from
 * {@code initial-retry} up to {@code max-retry-delay}, until {@code max-attempts}; other HTTP errors fail the
 * message at once. Every attempt sends the octets composed when the message was queued, with the same Message-ID,
 * so a partner that did receive an earlier attempt answers with its first MDN instead of processing it again.
 */
@Service
class OutboundSender {

    private static final Logger log = LoggerFactory.getLogger(OutboundSender.class);
    /** Headers the HTTP client sets itself. */
    private static final Set<String> CLIENT_HEADERS = Set.of("content-length", "host", "connection", "expect",
            "upgrade", "transfer-encoding");

    private final Messages messages;
    private final Partners partners;
    private final PartnerHttp http;
    private final ExchangeMetrics metrics;
    private final ExchangeAudit audit;
    private final TransactionTemplate transactions;
    private final ExchangeProperties.Outbound settings;
    private final Clock clock;
    private final ScheduledExecutorService dispatcher = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("exchange-dispatch"));
    private final ExecutorService workers;
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicBoolean dispatchQueued = new AtomicBoolean();

    OutboundSender(Messages messages, Partners partners, PartnerHttp http, ExchangeMetrics metrics,
            ExchangeAudit audit, TransactionTemplate transactions, ExchangeProperties properties, Clock clock) {
        this.messages = messages;
        this.partners = partners;
        this.http = http;
        this.metrics = metrics;
        this.audit = audit;
        this.transactions = transactions;
        this.settings = properties.outbound();
        this.clock = clock;
        this.workers = Executors.newFixedThreadPool(settings.workers(), DaemonThreads.named("exchange-send"));
    }

    /** Sends once the gateway serves HTTP (never in the key command, which runs without it). */
    @EventListener(WebServerInitializedEvent.class)
    void start() {
        dispatcher.scheduleWithFixedDelay(this::sweep, 0, settings.poll().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Looks at the queue now (a message was queued or an MDN is owed). */
    void wake() {
        if (dispatchQueued.compareAndSet(false, true)) {
            dispatcher.execute(() -> {
                dispatchQueued.set(false);
                dispatch();
            });
        }
    }

    private void sweep() {
        try {
            Instant deadline = clock.instant().minus(settings.asyncMdnTimeout());
            for (long id : messages.awaitingMdnSince(deadline)) {
                messages.fail(id, "no asynchronous MDN came within " + settings.asyncMdnTimeout());
                partnerName(id).ifPresent(p -> metrics.status("out", p, "failed"));
            }
            dispatch();
            metrics.queueDepth(messages.queueDepth());
        } catch (RuntimeException e) {
            log.error("The outbound queue could not be read; trying again in {}", settings.poll(), e);
        }
    }

    private void dispatch() {
        int free = settings.workers() - busy.get();
        if (free <= 0) {
            return;
        }
        Duration claim = settings.connectTimeout().plus(settings.readTimeout()).plusSeconds(30);
        for (Messages.Due due : messages.claimDue(free, clock.instant().plus(claim))) {
            busy.incrementAndGet();
            workers.execute(() -> {
                try {
                    if (due.direction().equals("out")) {
                        send(due.id());
                    } else {
                        sendMdn(due.id());
                    }
                } catch (RuntimeException e) {
                    // The claim runs out and the row is tried again.
                    log.error("Sending queued row {} failed unexpectedly", due.id(), e);
                } finally {
                    busy.decrementAndGet();
                    wake();
                }
            });
        }
    }

    /** One attempt at an outbound message. */
    private void send(long id) {
        Messages.Outbound message = messages.outbound(id).orElseThrow();
        Optional<Partner> found = partners.find(message.partnerId());
        if (found.isEmpty()) {
            messages.fail(id, "the partner was removed before the message could be delivered");
            return;
        }
        Partner partner = found.get();
        Instant start = clock.instant();
        HttpResponse<byte[]> response;
        try {
            response = post(partner, partner.url(), message.headers(), message.body(), partner.interop().chunked());
        } catch (IOException e) {
            retryOrFail(partner, message.id(), message.attempts(), "no answer from " + partner.url() + ": "
                    + describe(e));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // stopping: the claim runs out and the next start sends it
        }
        int status = response.statusCode();
        if (status >= 500 || status == 408 || status == 429) {
            retryOrFail(partner, message.id(), message.attempts(), "HTTP " + status + " from " + partner.url());
            return;
        }
        if (status < 200 || status > 299) {
            messages.fail(id, "the partner's server refused the message: HTTP " + status + ": "
                    + excerpt(response.body()));
            metrics.status("out", partner.as2Id(), "failed");
            return;
        }
        if (!partner.isAs2()) {
            if (Boolean.TRUE.equals(transactions.execute(t -> {
                if (!messages.concluded(id, true, start, null, null, null)) {
                    return false;
                }
                audit.sent(message, false);
                return true;
            }))) {
                metrics.status("out", partner.as2Id(), "delivered");
            }
            return;
        }
        if (partner.mdn().async()) {
            transactions.executeWithoutResult(t -> {
                messages.sent(id, start);
                audit.sent(message, true);
            });
            return;
        }
        List<MimeEntity.Header> headers = new ArrayList<>();
        response.headers().map().forEach((name, values) -> values.forEach(v ->
                headers.add(new MimeEntity.Header(name, v))));
        Mdns.Composed raw = new Mdns.Composed(headerValue(headers, "Message-ID"), headers, response.body());
        conclude(partner, message, start, raw);
    }

    /** Judges an MDN (synchronous, or posted to us later) against what we sent. */
    void conclude(Partner partner, Messages.Outbound message, Instant sentAt, Mdns.Composed raw) {
        Mdns.Received mdn = null;
        List<String> problems = new ArrayList<>();
        try {
            mdn = Mdns.read(MimeEntity.of(raw.headers(), raw.body()), partner.x509Certificates());
        } catch (MessageFormatException | IllegalArgumentException e) {
            problems.add("the MDN cannot be read: " + e.getMessage());
        }
        if (mdn != null) {
            if (mdn.originalMessageId() != null && !mdn.originalMessageId().strip().equals(message.messageId())) {
                problems.add("the MDN answers Message-ID " + mdn.originalMessageId() + ", not ours");
            }
            if (!mdn.disposition().isProcessed()) {
                problems.add("the partner reports " + mdn.disposition().outcome());
            }
            Mic ours = Mic.parse(message.mic());
            if (mdn.mic() == null) {
                problems.add("the MDN has no Received-Content-MIC");
            } else if (!mdn.mic().equals(ours)) {
                problems.add("the MDN's MIC " + mdn.mic() + " differs from ours " + ours
                        + ": the partner did not receive exactly what we sent");
            }
            if (mdn.signed() && !mdn.verified()) {
                problems.add("the MDN's signature does not verify: " + mdn.signature());
            } else if (!mdn.signed() && partner.mdn().signed()) {
                problems.add("the MDN is not signed, and a signed MDN was asked for");
            }
        }
        boolean delivered = problems.isEmpty();
        Mdns.Received read = mdn;
        if (!Boolean.TRUE.equals(transactions.execute(t -> {
            if (!messages.concluded(message.id(), delivered, sentAt, raw, read,
                    delivered ? null : String.join("; ", problems))) {
                return false;
            }
            if (message.sentAt() == null) { // a synchronous MDN: sent and answered at once
                audit.sent(message, true);
            }
            audit.mdnReceived(message, raw);
            return true;
        }))) {
            return;
        }
        metrics.status("out", partner.as2Id(), delivered ? "delivered" : "rejected");
        metrics.mdnLatency(partner.as2Id(), Duration.between(sentAt, clock.instant()));
    }

    /** One attempt at posting an asynchronous MDN we owe a partner. */
    private void sendMdn(long id) {
        Optional<Messages.AsyncMdn> found = messages.asyncMdn(id);
        if (found.isEmpty()) {
            return;
        }
        Messages.AsyncMdn mdn = found.get();
        Optional<Partner> partner = mdn.partnerId() == null ? Optional.empty() : partners.find(mdn.partnerId());
        if (partner.isEmpty()) {
            messages.asyncMdnFailed(id, "the partner was removed before its MDN could be delivered");
            return;
        }
        String error;
        try {
            int status = post(partner.get(), URI.create(mdn.url()), mdn.headers(), mdn.body(), false).statusCode();
            if (status >= 200 && status <= 299) {
                messages.asyncMdnDelivered(id);
                return;
            }
            error = "HTTP " + status + " from " + mdn.url();
        } catch (IOException e) {
            error = "no answer from " + mdn.url() + ": " + describe(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (mdn.attempts() >= settings.maxAttempts()) {
            messages.asyncMdnFailed(id, "the MDN could not be delivered in " + mdn.attempts() + " attempts: " + error);
        } else {
            messages.asyncMdnRetry(id, clock.instant().plus(backoff(mdn.attempts())), error);
        }
    }

    private HttpResponse<byte[]> post(Partner partner, URI url, String headerLines, byte[] body, boolean chunked)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(settings.readTimeout())
                .POST(chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (MimeEntity.Header header : HeaderLines.parse(headerLines)) {
            if (!CLIENT_HEADERS.contains(header.name().toLowerCase(Locale.ROOT))) {
                try {
                    request.header(header.name(), header.value());
                } catch (IllegalArgumentException restricted) {
                    // a header the JDK client will not send (e.g. Date on some versions): informational in AS2
                }
            }
        }
        HttpClient client = http.client(partner);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private void retryOrFail(Partner partner, long id, int attempts, String error) {
        if (attempts >= settings.maxAttempts()) {
            messages.fail(id, "not delivered in " + attempts + " attempts; the last: " + error);
            metrics.status("out", partner.as2Id(), "failed");
            return;
        }
        Duration delay = backoff(attempts);
        log.info("Message {} to {}: attempt {} failed ({}); next in {}", id, partner.as2Id(), attempts, error, delay);
        messages.retry(id, clock.instant().plus(delay), error);
        metrics.retry(partner.as2Id());
    }

    /** {@code initial-retry} doubled for each attempt made after the first, at most {@code max-retry-delay}. */
    Duration backoff(int attempts) {
        Duration delay = settings.initialRetry();
        for (int i = 1; i < attempts && delay.compareTo(settings.maxRetryDelay()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(settings.maxRetryDelay()) > 0 ? settings.maxRetryDelay() : delay;
    }

    private Optional<String> partnerName(long id) {
        return messages.outbound(id).flatMap(m -> partners.find(m.partnerId())).map(Partner::as2Id);
    }

    private static String headerValue(List<MimeEntity.Header> headers, String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(MimeEntity.Header::value)
                .findFirst().orElse(null);
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": "
                + e.getMessage();
    }

    private static String excerpt(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "(no body)" : text;
    }

    /** Attempts under way may finish for a few seconds; what is left is resumed by the next start. */
    @PreDestroy
    void stop() throws InterruptedException {
        dispatcher.shutdownNow();
        workers.shutdown();
        if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
            workers.shutdownNow();
        }
    }
}
