package io.tracegate.gateway.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tracegate.gateway.capture.CaptureListener;
import io.tracegate.gateway.capture.CommittedCapture;
import io.tracegate.gateway.config.DaemonThreads;
import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gateway.problem.EpcisProblemType;
import jakarta.annotation.PreDestroy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Service;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Subscriptions to named queries: webhooks (stored in {@code query_subscription}; each notification POSTed as an
 * {@code EPCISQueryDocument}, signed with the subscriber's {@code signatureToken} as
 * {@code GS1-Signature: sha256=<hex HMAC-SHA256 of the body>}) and WebSockets (live as long as their connection).
 * Either streams (notified when a capture commits events that match, see {@link #committed}) or runs on a
 * cron-like schedule (the events recorded since its last run). Notifications are sent off the capture's thread; a
 * webhook that fails misses that notification (a scheduled one gets the events again at its next run).
 */
@Service
public class QuerySubscriptions implements CaptureListener {

    private static final Logger log = LoggerFactory.getLogger(QuerySubscriptions.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Events per notification: larger results are sent as several documents. */
    static final int BATCH = 1000;
    /** Captured event rows checked against a streaming query at once. */
    private static final int REFS_PER_QUERY = 10_000;
    private static final String[] SCHEDULE_FIELDS = {"second", "minute", "hour", "dayOfMonth", "month", "dayOfWeek"};

    private final JdbcClient jdbc;
    private final NamedQueries queries;
    private final EventQueryService events;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ExecutorService notifying;
    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    private final Map<String, ScheduledFuture<?>> scheduled = new ConcurrentHashMap<>();
    private final Map<String, Socket> sockets = new ConcurrentHashMap<>();

    QuerySubscriptions(JdbcClient jdbc, NamedQueries queries, EventQueryService events, Clock clock,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.queries = queries;
        this.events = events;
        this.clock = clock;
        this.notifying = Executors.newSingleThreadExecutor(DaemonThreads.named("query-subscriptions"));
        scheduler.setPoolSize(2);
        scheduler.setThreadNamePrefix("query-schedule-");
        scheduler.initialize();
        Gauge.builder("tracegate.query.websockets", sockets, Map::size)
                .description("WebSockets subscribed to named queries").register(meters);
    }

    /**
     * When to notify: {@code stream} (on capture) or a {@code schedule} of cron-like fields, exclusively.
     *
     * @param cron the schedule as a Spring cron expression (UTC), null for a stream
     */
    record Controls(boolean stream, Map<String, String> schedule, String cron, boolean reportIfEmpty,
                    OffsetDateTime initialRecordTime) {

        /**
         * Controls from a subscription request (JSON body or WebSocket query string).
         *
         * @throws ApiProblem a SubscriptionControlsException naming what is wrong
         */
        static Controls of(Boolean stream, Map<String, String> schedule, Boolean reportIfEmpty,
                String initialRecordTime, Clock clock) {
            boolean streams = Boolean.TRUE.equals(stream);
            if (streams == !schedule.isEmpty()) {
                throw controls(streams ? "stream and a schedule exclude each other: give one"
                        : "give stream=true or a schedule (second, minute, hour, dayOfMonth, month, dayOfWeek)");
            }
            OffsetDateTime initial = OffsetDateTime.now(clock);
            if (initialRecordTime != null) {
                try {
                    initial = EventQuery.time("initialRecordTime", initialRecordTime);
                } catch (ApiProblem e) {
                    throw controls(e.getMessage());
                }
            }
            return new Controls(streams, schedule, streams ? null : cron(schedule),
                    Boolean.TRUE.equals(reportIfEmpty), initial);
        }

        /**
         * The schedule as a cron expression: fields finer than the finest one given are 0, coarser ones not given
         * match every value; {@code [a-b]} is a range, {@code ,} separates values; day of week 1 is Monday.
         */
        private static String cron(Map<String, String> schedule) {
            int finest = SCHEDULE_FIELDS.length;
            for (int i = 0; i < SCHEDULE_FIELDS.length; i++) {
                if (schedule.containsKey(SCHEDULE_FIELDS[i])) {
                    finest = Math.min(finest, i);
                }
            }
            for (String field : schedule.keySet()) {
                if (!List.of(SCHEDULE_FIELDS).contains(field)) {
                    throw controls("schedule field '" + field + "' is not one of " + String.join(", ",
                            SCHEDULE_FIELDS));
                }
            }
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < SCHEDULE_FIELDS.length; i++) {
                String value = schedule.get(SCHEDULE_FIELDS[i]);
                if (value != null && !value.strip().matches("[0-9\\[\\]\\-,/*]+")) {
                    throw controls("schedule field " + SCHEDULE_FIELDS[i] + " '" + value + "' is not a list of"
                            + " numbers and [from-to] ranges");
                }
                parts.add(value != null ? value.strip().replace("[", "").replace("]", "") : i < finest ? "0" : "*");
            }
            String cron = String.join(" ", parts);
            try {
                CronExpression.parse(cron);
            } catch (IllegalArgumentException e) {
                throw controls("the schedule " + schedule + " is not valid: " + e.getMessage());
            }
            return cron;
        }
    }

    /** A webhook subscription as the REST bindings show it (the signature token never shown). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Subscription(@JsonProperty("subscriptionID") String id, String queryName, String dest,
                        @JsonProperty(access = JsonProperty.Access.WRITE_ONLY) String signatureToken, Boolean stream,
                        Map<String, String> schedule, Boolean reportIfEmpty, OffsetDateTime initialRecordTime,
                        OffsetDateTime minRecordTime, String epcFormat, OffsetDateTime createdAt,
                        OffsetDateTime lastNotifiedAt, @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
                        String createdBy) {
    }

    static ApiProblem controls(String detail) {
        return new ApiProblem(EpcisProblemType.SUBSCRIPTION_CONTROLS, detail);
    }

    /** At start: the stored scheduled subscriptions run again. */
    @EventListener(ApplicationReadyEvent.class)
    void scheduleStored() {
        jdbc.sql("select * from query_subscription where not stream").query((rs, n) -> subscription(rs)).list()
                .forEach(this::schedule);
    }

    @PreDestroy
    void stop() {
        scheduler.shutdown();
        notifying.shutdownNow();
        sockets.values().forEach(socket -> close(socket.session()));
    }

    /** A new webhook subscription to a named query. */
    Subscription subscribe(String queryName, String dest, String signatureToken, Controls controls, String epcFormat,
            String createdBy) {
        URI uri;
        try {
            uri = URI.create(dest);
        } catch (IllegalArgumentException e) {
            throw controls("dest '" + dest + "' is not a URL: " + e.getMessage());
        }
        if (!List.of("http", "https").contains(String.valueOf(uri.getScheme())) || uri.getHost() == null) {
            throw controls("dest '" + dest + "' is not an absolute http or https URL");
        }
        String id = UUID.randomUUID().toString();
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("insert into query_subscription (id, query_name, dest, signature_token, stream, schedule,"
                        + " report_if_empty, initial_record_time, min_record_time, epc_format, created_by, created_at)"
                        + " values (?::uuid, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)")
                .params(id, queryName, dest, signatureToken, controls.stream(), controls.stream() ? null
                        : JSON.writeValueAsString(controls.schedule()), controls.reportIfEmpty(),
                        controls.initialRecordTime(), controls.initialRecordTime(), epcFormat, createdBy, now)
                .update();
        Subscription subscription = find(queryName, id).orElseThrow();
        if (subscription.schedule() != null) {
            schedule(subscription);
        }
        return subscription;
    }

    Optional<Subscription> find(String queryName, String id) {
        try {
            UUID.fromString(id);
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
        return jdbc.sql("select * from query_subscription where query_name = ? and id = ?::uuid")
                .params(queryName, id).query((rs, n) -> subscription(rs)).optional();
    }

    /** Up to {@code limit} subscriptions of a query, by id, after {@code after}. */
    List<Subscription> list(String queryName, String after, int limit) {
        return jdbc.sql("select * from query_subscription where query_name = ? and id::text > ? order by id::text"
                        + " limit ?")
                .params(queryName, after == null ? "" : after, limit).query((rs, n) -> subscription(rs)).list();
    }

    boolean unsubscribe(String queryName, String id) {
        if (find(queryName, id).isEmpty()) {
            return false;
        }
        jdbc.sql("delete from query_subscription where id = ?::uuid").param(id).update();
        cancel(id);
        return true;
    }

    /** A named query was deleted: its WebSockets are closed and its schedules stop (its rows went with it). */
    void queryDeleted(String queryName, List<Subscription> subscriptions) {
        subscriptions.forEach(s -> cancel(s.id()));
        sockets.values().stream().filter(socket -> socket.queryName().equals(queryName))
                .forEach(socket -> close(socket.session()));
    }

    /** A WebSocket subscribed to a named query. */
    private record Socket(String id, String queryName, Controls controls, ResultForms forms, WebSocketSession session) {
    }

    void opened(WebSocketSession session, String queryName, Controls controls, ResultForms forms) {
        Socket socket = new Socket(session.getId(), queryName, controls, forms, session);
        sockets.put(session.getId(), socket);
        if (!controls.stream()) {
            OffsetDateTime[] since = {controls.initialRecordTime()};
            scheduled.put(socket.id(), scheduler.schedule(() -> {
                OffsetDateTime until = OffsetDateTime.now(clock);
                queries.find(queryName).ifPresent(q -> {
                    if (deliverSince(q.parameters(), since[0], until, socket.id(), controls.reportIfEmpty(), forms,
                            body -> send(session, body))) {
                        since[0] = until;
                    }
                });
            }, new CronTrigger(controls.cron(), ZoneOffset.UTC)));
        }
    }

    void closed(WebSocketSession session) {
        sockets.remove(session.getId());
        cancel(session.getId());
    }

    /**
     * Once a capture job has committed: the streaming subscriptions whose query matches some of its event rows are
     * notified of them (on a thread of their own; this returns at once).
     */
    @Override
    public void committed(CommittedCapture capture) {
        List<Long> eventRefs = capture.eventRefs();
        if (eventRefs.isEmpty()) {
            return;
        }
        notifying.execute(() -> {
            try {
                notifyStreams(eventRefs);
            } catch (RuntimeException e) {
                log.warn("Streaming subscriptions could not be notified of {} captured events", eventRefs.size(), e);
            }
        });
    }

    private void notifyStreams(List<Long> refs) {
        List<Subscription> webhooks = jdbc.sql("select * from query_subscription where stream")
                .query((rs, n) -> subscription(rs)).list();
        List<Socket> streams = sockets.values().stream().filter(s -> s.controls().stream()).toList();
        if (webhooks.isEmpty() && streams.isEmpty()) {
            return;
        }
        Map<String, Map<String, List<String>>> definitions = new LinkedHashMap<>();
        for (int from = 0; from < refs.size(); from += REFS_PER_QUERY) {
            List<Long> chunk = refs.subList(from, Math.min(refs.size(), from + REFS_PER_QUERY));
            EventQuery.Condition among = new EventQuery.Condition("e.id = any(?)",
                    List.of(new SqlArrayValue("bigint", chunk.toArray())));
            for (Subscription s : webhooks) {
                notifyOne(definitions, s.queryName(), among, s.id(), ResultForms.of(s.epcFormat(), null),
                        body -> post(s, body));
            }
            for (Socket socket : streams) {
                notifyOne(definitions, socket.queryName(), among, socket.id(), socket.forms(),
                        body -> send(socket.session(), body));
            }
        }
    }

    /** One subscriber's share of a capture; its failure is logged and does not keep the others waiting. */
    private void notifyOne(Map<String, Map<String, List<String>>> definitions, String queryName,
            EventQuery.Condition among, String id, ResultForms forms, Target target) {
        try {
            Map<String, List<String>> definition = definition(definitions, queryName);
            if (definition != null) {
                deliver(definition, among, id, false, forms, target);
            }
        } catch (RuntimeException e) {
            log.warn("Subscription {} to query {} could not be notified", id, queryName, e);
        }
    }

    private Map<String, List<String>> definition(Map<String, Map<String, List<String>>> cache, String name) {
        return cache.computeIfAbsent(name, n -> queries.find(n).map(NamedQueries.NamedQuery::parameters)
                .orElse(null));
    }

    private void schedule(Subscription s) {
        Controls controls = Controls.of(false, s.schedule(), s.reportIfEmpty(), null, clock);
        scheduled.put(s.id(), scheduler.schedule(() -> runScheduled(s.id()),
                new CronTrigger(controls.cron(), ZoneOffset.UTC)));
    }

    /** One run of a scheduled webhook: the events recorded since its last successful run. */
    private void runScheduled(String id) {
        Optional<Subscription> stored = jdbc.sql("select * from query_subscription where id = ?::uuid").param(id)
                .query((rs, n) -> subscription(rs)).optional();
        if (stored.isEmpty()) {
            return;
        }
        Subscription s = stored.get();
        OffsetDateTime until = OffsetDateTime.now(clock);
        queries.find(s.queryName()).ifPresent(q -> {
            if (deliverSince(q.parameters(), s.minRecordTime(), until, s.id(), s.reportIfEmpty(),
                    ResultForms.of(s.epcFormat(), null), body -> post(s, body))) {
                jdbc.sql("update query_subscription set min_record_time = ? where id = ?::uuid").params(until, id)
                        .update();
            }
        });
    }

    /** Delivers the events recorded in [since, until); true when every notification was taken. */
    private boolean deliverSince(Map<String, List<String>> definition, OffsetDateTime since, OffsetDateTime until,
            String subscriptionId, boolean reportIfEmpty, ResultForms forms, Target target) {
        EventQuery.Condition window = new EventQuery.Condition("e.record_time >= ? and e.record_time < ?",
                List.of(since, until));
        return deliver(definition, window, subscriptionId, reportIfEmpty, forms, target);
    }

    /** Where a notification goes; true when it was taken. */
    private interface Target {
        boolean take(byte[] document);
    }

    private boolean deliver(Map<String, List<String>> definition, EventQuery.Condition condition, String id,
            boolean reportIfEmpty, ResultForms forms, Target target) {
        boolean all = true;
        boolean sent = false;
        EventSearch.Found after = null;
        while (true) {
            List<EventSearch.Found> found = events.forSubscription(definition, condition, after, BATCH);
            if (found.isEmpty() && (sent || !reportIfEmpty)) {
                return all;
            }
            all &= target.take(document(found, id, forms));
            sent = true;
            if (found.size() < BATCH) {
                return all;
            }
            after = found.get(found.size() - 1);
        }
    }

    private byte[] document(List<EventSearch.Found> found, String subscriptionId, ResultForms forms) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            QueryDocument.writeJsonLd(found.stream().map(f -> forms.identifiersOf(f.body())).toList(), subscriptionId,
                    OffsetDateTime.now(clock), out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** POSTs a notification to a webhook, signed; true on a 2xx answer. */
    private boolean post(Subscription s, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(s.dest())).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("GS1-EPCIS-Version", "2.0.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (s.signatureToken() != null) {
            request.header("GS1-Signature", signature(s.signatureToken(), body));
        }
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                jdbc.sql("update query_subscription set last_notified_at = ? where id = ?::uuid")
                        .params(OffsetDateTime.now(clock), s.id()).update();
                return true;
            }
            log.warn("Subscription {}: {} answered {}", s.id(), s.dest(), response.statusCode());
        } catch (IOException e) {
            log.warn("Subscription {}: {} could not be reached: {}", s.id(), s.dest(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** {@code sha256=<hex HMAC-SHA256 of the body with the subscriber's token>}. */
    static String signature(String token, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static boolean send(WebSocketSession session, byte[] body) {
        try {
            synchronized (session) {
                session.sendMessage(new TextMessage(body));
            }
            return true;
        } catch (IOException | IllegalStateException e) {
            log.warn("WebSocket subscription {} could not be notified: {}", session.getId(), e.toString());
            return false;
        }
    }

    private static void close(WebSocketSession session) {
        try {
            session.close();
        } catch (IOException e) {
            log.debug("WebSocket {} did not close cleanly", session.getId(), e);
        }
    }

    private void cancel(String id) {
        ScheduledFuture<?> future = scheduled.remove(id);
        if (future != null) {
            future.cancel(false);
        }
    }

    private static Subscription subscription(ResultSet rs) throws SQLException {
        String schedule = rs.getString("schedule");
        boolean stream = rs.getBoolean("stream");
        Map<String, String> fields = new LinkedHashMap<>();
        if (schedule != null) {
            JsonNode node = JSON.readTree(schedule);
            node.properties().forEach(f -> fields.put(f.getKey(), f.getValue().asString()));
        }
        return new Subscription(rs.getString("id"), rs.getString("query_name"), rs.getString("dest"),
                rs.getString("signature_token"), stream ? Boolean.TRUE : null, stream ? null : fields,
                rs.getBoolean("report_if_empty"), rs.getObject("initial_record_time", OffsetDateTime.class),
                rs.getObject("min_record_time", OffsetDateTime.class), rs.getString("epc_format"),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("last_notified_at", OffsetDateTime.class), rs.getString("created_by"));
    }
}
