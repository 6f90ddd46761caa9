package io.tracegate.gateway.query;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tracegate.gateway.masterdata.MasterDataStore;
import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gateway.problem.EpcisProblemType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Runs EPCIS event queries page by page and reads single events and the stored vocabularies. */
@Service
class EventQueryService {

    private final EventSearch search;
    private final MasterDataStore masterData;
    private final SignedTokens tokens;
    private final Clock clock;
    private final Timer latency;

    EventQueryService(EventSearch search, MasterDataStore masterData, SignedTokens tokens, Clock clock,
            MeterRegistry meters) {
        this.search = search;
        this.masterData = masterData;
        this.tokens = tokens;
        this.clock = clock;
        this.latency = Timer.builder("tracegate.query").description("EPCIS event query pages, from parameters"
                + " to the events read").publishPercentileHistogram().register(meters);
    }

    /** A page of events (stored one-event documents) and the token of the next page, or null on the last. */
    record Page(List<String> bodies, PageToken next) {
    }

    Page run(Map<String, List<String>> parameters, Map<String, String> implied) {
        return latency.record(() -> {
            EventQuery query = EventQuery.parse(parameters, implied, masterData);
            List<String> token = parameters.get("nextPageToken");
            Instant now = clock.instant();
            PageToken after = token == null ? null : PageToken.decode(token.get(0), query.fingerprint(), now, tokens);
            Integer max = query.maxEventCount();
            // checked once, on the first page: the token's pages belong to a query found small enough
            if (max != null && after == null && search.count(query, max + 1L) > max) {
                throw new ApiProblem(EpcisProblemType.QUERY_TOO_LARGE, "the query matches more than maxEventCount="
                        + max + " events; narrow it or raise maxEventCount");
            }
            int served = after == null ? 0 : after.served();
            int size = query.eventCountLimit() == null ? query.perPage()
                    : Math.min(query.perPage(), query.eventCountLimit() - served);
            if (size <= 0) {
                return new Page(List.of(), null);
            }
            List<EventSearch.Found> found = search.find(query, after, size + 1);
            if (found.size() <= size) {
                return new Page(found.stream().map(EventSearch.Found::body).toList(), null);
            }
            List<EventSearch.Found> page = found.subList(0, size);
            EventSearch.Found last = page.get(size - 1);
            boolean limitReached = query.eventCountLimit() != null && served + size >= query.eventCountLimit();
            return new Page(page.stream().map(EventSearch.Found::body).toList(), limitReached ? null
                    : PageToken.afterEvent(last.orderTime(), last.id(), served + size, now.plus(Pages.TOKEN_LIFETIME),
                    query.fingerprint()));
        });
    }

    /** Parses a query, refusing it as {@link #run} would. */
    void check(Map<String, List<String>> parameters) {
        EventQuery.parse(parameters, Map.of(), masterData);
    }

    /**
     * What a subscription delivers: the events of a query (its ordering and paging controls ignored) that also meet
     * {@code extra}, in record time order, after {@code after} (null: from the first).
     */
    List<EventSearch.Found> forSubscription(Map<String, List<String>> parameters, EventQuery.Condition extra,
            EventSearch.Found after, int limit) {
        Map<String, List<String>> conditions = new LinkedHashMap<>(parameters);
        List.of("orderBy", "orderDirection", "eventCountLimit", "maxEventCount", "perPage", "nextPageToken")
                .forEach(conditions::remove);
        EventQuery query = EventQuery.parse(conditions, Map.of(), masterData);
        List<EventQuery.Condition> all = new ArrayList<>(query.conditions());
        all.add(extra);
        EventQuery subscribed = new EventQuery(all, EventQuery.OrderBy.RECORD_TIME, false, null, null, limit,
                query.fingerprint());
        return search.find(subscribed, after == null ? null
                : PageToken.afterEvent(after.orderTime(), after.id(), 0, clock.instant(), ""), limit);
    }

    Optional<String> event(String eventId) {
        return search.byEventId(eventId);
    }

    List<String> distinct(EventSearch.Field field, String after, int limit) {
        return search.distinct(field, after, limit);
    }

    List<String> epcs(String after, int limit) {
        return search.epcs(after, limit);
    }
}
