package io.tracegate.gateway.query;

import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gateway.problem.EpcisProblemType;
import io.tracegate.gateway.security.ApiPrincipal;
import io.tracegate.gateway.security.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Named queries and their subscriptions: {@code POST/GET /queries}, {@code GET/DELETE /queries/{name}},
 * {@code GET /queries/{name}/events} (the results, paged; with {@code Upgrade: websocket} a WebSocket subscription)
 * and {@code POST/GET /queries/{name}/subscriptions}, {@code GET/DELETE .../subscriptions/{id}} (webhooks). A query
 * or subscription is deleted by the key that made it, or an ADMIN key.
 */
@RestController
class QueriesController {

    /** A query name: safe in a URL path as it is. */
    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9_.~-]{0,99}";
    private static final List<String> SOCKET_CONTROLS = List.of("stream", "second", "minute", "hour", "dayOfMonth",
            "month", "dayOfWeek", "reportIfEmpty", "initialRecordTime");

    private final NamedQueries queries;
    private final QuerySubscriptions subscriptions;
    private final SubscriptionSocket sockets;
    private final EventQueryController events;
    private final Pages pages;
    private final Clock clock;

    QueriesController(NamedQueries queries, QuerySubscriptions subscriptions, SubscriptionSocket sockets,
            EventQueryController events, Pages pages, Clock clock) {
        this.queries = queries;
        this.subscriptions = subscriptions;
        this.sockets = sockets;
        this.events = events;
        this.pages = pages;
        this.clock = clock;
    }

    /** A named query as the bindings show one. */
    record Shown(String name, JsonNode query) {
        static Shown of(NamedQueries.NamedQuery q) {
            return new Shown(q.name(), q.query());
        }
    }

    @PostMapping("/queries")
    ResponseEntity<Void> create(@AuthenticationPrincipal ApiPrincipal caller, @RequestBody JsonNode body) {
        JsonNode name = body.path("name");
        JsonNode query = body.path("query");
        if (!name.isString() || !name.asString().matches(NAME)) {
            throw ApiProblem.validation("name: a query needs a name of letters, digits and _ . ~ - (at most 100,"
                    + " starting with a letter or digit), not " + name);
        }
        if (!query.isObject()) {
            throw new ApiProblem(EpcisProblemType.QUERY_VALIDATION, "query: a query needs a 'query' object of EPCIS"
                    + " query parameters, not " + query);
        }
        // checked as a query now, so that a broken one never gets a name
        events.check(NamedQueries.NamedQuery.parameters(query));
        if (!queries.create(name.asString(), query, caller.name())) {
            throw ApiProblem.alreadyExists("a query named " + name.asString() + " exists already");
        }
        return ResponseEntity.created(URI.create("/queries/" + name.asString())).build();
    }

    @GetMapping("/queries")
    ResponseEntity<List<Shown>> list(HttpServletRequest request) {
        Pages.Page page = pages.request(request, "queries", List.of());
        Pages.Result<NamedQueries.NamedQuery> found = pages.result(request, page,
                queries.list(page.after(), page.perPage() + 1), NamedQueries.NamedQuery::name);
        return ResponseEntity.ok().headers(found.headers()).body(found.items().stream().map(Shown::of).toList());
    }

    @GetMapping("/queries/{name}")
    Shown query(@PathVariable String name) {
        return Shown.of(named(name));
    }

    @DeleteMapping("/queries/{name}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String name) {
        NamedQueries.NamedQuery query = named(name);
        mayRemove(caller, query.createdBy(), "query " + name);
        List<QuerySubscriptions.Subscription> subscribed = subscriptions.list(name, null, Integer.MAX_VALUE);
        if (!queries.delete(name)) {
            throw noSuchQuery(name);
        }
        subscriptions.queryDeleted(name, subscribed);
        return ResponseEntity.noContent().build();
    }

    /** The query's results, paged; with {@code Upgrade: websocket}, a WebSocket subscription to them. */
    @GetMapping("/queries/{name}/events")
    ResponseEntity<byte[]> events(@PathVariable String name, HttpServletRequest request, HttpServletResponse response,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            @RequestHeader(value = ResultForms.EPC_FORMAT, required = false) String epcFormat,
            @RequestHeader(value = ResultForms.CBV_XML_FORMAT, required = false) String cbvXmlFormat)
            throws IOException {
        NamedQueries.NamedQuery query = named(name);
        ResultForms forms = ResultForms.of(epcFormat, cbvXmlFormat);
        Map<String, String> given = new LinkedHashMap<>();
        request.getParameterMap().forEach((parameter, values) -> {
            EventQuery.checkText(parameter, values);
            given.put(parameter, values[values.length - 1]);
        });
        if ("websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE))) {
            Map<String, String> schedule = new LinkedHashMap<>();
            given.forEach((parameter, value) -> {
                if (!SOCKET_CONTROLS.contains(parameter)) {
                    throw QuerySubscriptions.controls("query parameter " + parameter + " is not a subscription control ("
                            + String.join(", ", SOCKET_CONTROLS) + ")");
                }
                if (!List.of("stream", "reportIfEmpty", "initialRecordTime").contains(parameter)) {
                    schedule.put(parameter, value);
                }
            });
            QuerySubscriptions.Controls controls = QuerySubscriptions.Controls.of(
                    given.containsKey("stream") ? Boolean.valueOf(given.get("stream")) : null, schedule,
                    Boolean.valueOf(given.get("reportIfEmpty")), given.get("initialRecordTime"), clock);
            sockets.handshake(request, response, name, controls, forms);
            return null;
        }
        Map<String, List<String>> parameters = new LinkedHashMap<>(query.parameters());
        given.forEach((parameter, value) -> {
            if (!parameter.equals("perPage") && !parameter.equals("nextPageToken")) {
                throw EventQuery.parameter(parameter, "cannot be added to the named query " + name + " (only perPage"
                        + " and nextPageToken)");
            }
            parameters.put(parameter, List.of(value));
        });
        return events.page(request, accept, forms, parameters, Map.of());
    }

    @PostMapping("/queries/{name}/subscriptions")
    ResponseEntity<QuerySubscriptions.Subscription> subscribe(@AuthenticationPrincipal ApiPrincipal caller,
            @PathVariable String name, @RequestBody JsonNode body,
            @RequestHeader(value = ResultForms.EPC_FORMAT, required = false) String epcFormat) {
        named(name);
        JsonNode dest = body.path("dest");
        if (!dest.isString()) {
            throw QuerySubscriptions.controls("dest: a webhook subscription needs the URL to send results to");
        }
        Map<String, String> schedule = new LinkedHashMap<>();
        JsonNode fields = body.path("schedule");
        if (!fields.isMissingNode() && !fields.isObject()) {
            throw QuerySubscriptions.controls("schedule: an object of second, minute, hour, dayOfMonth, month and"
                    + " dayOfWeek, not " + fields);
        }
        fields.properties().forEach(f -> schedule.put(f.getKey(), f.getValue().asString()));
        JsonNode token = body.path("signatureToken");
        QuerySubscriptions.Controls controls = QuerySubscriptions.Controls.of(
                body.path("stream").isBoolean() ? body.path("stream").asBoolean() : null, schedule,
                body.path("reportIfEmpty").asBoolean(false),
                body.path("initialRecordTime").isString() ? body.path("initialRecordTime").asString() : null, clock);
        ResultForms forms = ResultForms.of(epcFormat, null);
        QuerySubscriptions.Subscription subscription = subscriptions.subscribe(name, dest.asString(),
                token.isString() ? token.asString() : null, controls, forms.epcHeader(), caller.name());
        return ResponseEntity.created(URI.create("/queries/" + name + "/subscriptions/" + subscription.id()))
                .body(subscription);
    }

    @GetMapping("/queries/{name}/subscriptions")
    ResponseEntity<List<QuerySubscriptions.Subscription>> subscriptions(@PathVariable String name,
            HttpServletRequest request) {
        named(name);
        Pages.Page page = pages.request(request, "subscriptions of " + name, List.of());
        Pages.Result<QuerySubscriptions.Subscription> found = pages.result(request, page,
                subscriptions.list(name, page.after(), page.perPage() + 1), QuerySubscriptions.Subscription::id);
        return ResponseEntity.ok().headers(found.headers()).body(found.items());
    }

    @GetMapping("/queries/{name}/subscriptions/{id}")
    QuerySubscriptions.Subscription subscription(@PathVariable String name, @PathVariable String id) {
        named(name);
        return subscriptions.find(name, id).orElseThrow(() -> ApiProblem.noSuchResource("no subscription " + id
                + " to the query " + name));
    }

    @DeleteMapping("/queries/{name}/subscriptions/{id}")
    ResponseEntity<Void> unsubscribe(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String name,
            @PathVariable String id) {
        QuerySubscriptions.Subscription subscription = subscription(name, id);
        mayRemove(caller, subscription.createdBy(), "subscription " + id);
        subscriptions.unsubscribe(name, id);
        return ResponseEntity.noContent().build();
    }

    private NamedQueries.NamedQuery named(String name) {
        return queries.find(name).orElseThrow(() -> noSuchQuery(name));
    }

    private static ApiProblem noSuchQuery(String name) {
        return new ApiProblem(EpcisProblemType.NO_SUCH_NAME, "no query named " + URLEncoder.encode(name,
                StandardCharsets.UTF_8));
    }

    private static void mayRemove(ApiPrincipal caller, String owner, String what) {
        if (!caller.hasRole(Role.ADMIN) && !caller.name().equals(owner)) {
            throw new ApiProblem(EpcisProblemType.SECURITY, "the " + what + " was made by another key: only that key"
                    + " or an ADMIN key may delete it");
        }
    }
}
