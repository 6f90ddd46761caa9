package io.tracegate.gateway.query;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Paging of the lists other than events ({@code /capture}, {@code /epcs}, {@code /bizSteps}, {@code /queries}, ...)
 * as the REST bindings page every list: {@code perPage} (default 30, at most 1000), a signed {@code nextPageToken}
 * bound to the list and its other parameters, {@code Link: <...>; rel="next"} and {@code GS1-Next-Page-Token-Expires}.
 */
@Component
public class Pages {

    /** How long a {@code nextPageToken} stays usable. */
    static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

    private final SignedTokens tokens;
    private final PublicUrls urls;
    private final Clock clock;

    Pages(SignedTokens tokens, PublicUrls urls, Clock clock) {
        this.tokens = tokens;
        this.urls = urls;
        this.clock = clock;
    }

    /**
     * A page to read: at most {@code perPage} items after the key {@code after} (null: from the start).
     *
     * @param list the list's name, part of what a token is bound to
     */
    public record Page(String list, int perPage, String after, String fingerprint) {
    }

    /** A page read: its items and the answer's paging headers (a next link when more follow). */
    public record Result<T>(List<T> items, HttpHeaders headers) {
    }

    /**
     * The page a request asks for ({@code perPage}, {@code nextPageToken}); any other parameter but those the list
     * takes is refused.
     *
     * @throws io.tracegate.gateway.problem.ApiProblem a QueryParameterException naming the parameter
     */
    public Page request(HttpServletRequest request, String list, List<String> parameters) {
        Map<String, String> identity = new TreeMap<>();
        request.getParameterMap().forEach((name, values) -> {
            EventQuery.checkText(name, values);
            if (!name.equals("perPage") && !name.equals("nextPageToken") && !parameters.contains(name)) {
                throw EventQuery.parameter(name, "is not a parameter of " + list + " (perPage, nextPageToken"
                        + parameters.stream().map(p -> ", " + p).reduce("", String::concat) + ")");
            }
            if (values.length != 1) {
                throw EventQuery.parameter(name, "is given " + values.length + " times; give it once");
            }
            identity.put(name, values[0]);
        });
        int perPage = identity.containsKey("perPage")
                ? EventQuery.positive("perPage", identity.remove("perPage"), EventQuery.MAX_PER_PAGE)
                : EventQuery.DEFAULT_PER_PAGE;
        String token = identity.remove("nextPageToken");
        String fingerprint = EventQuery.fingerprint(list, identity);
        String after = token == null ? null
                : PageToken.decode(token, fingerprint, clock.instant(), tokens).position();
        return new Page(list, perPage, after, fingerprint);
    }

    /**
     * The page of {@code items}, read with one more than {@code perPage} to know whether more follow, with the
     * headers announcing the next page.
     */
    public <T> Result<T> result(HttpServletRequest request, Page page, List<T> items, Function<T, String> key) {
        HttpHeaders headers = new HttpHeaders();
        if (items.size() <= page.perPage()) {
            return new Result<>(items, headers);
        }
        List<T> shown = items.subList(0, page.perPage());
        Instant expires = clock.instant().plus(TOKEN_LIFETIME);
        next(request, PageToken.after(key.apply(shown.get(shown.size() - 1)), 0, expires, page.fingerprint()),
                headers);
        return new Result<>(List.copyOf(shown), headers);
    }

    /** Announces the next page of this request: {@code Link} and {@code GS1-Next-Page-Token-Expires}. */
    void next(HttpServletRequest request, PageToken token, HttpHeaders headers) {
        String url = urls.withParameter(request, "nextPageToken", token.encode(tokens));
        headers.add(HttpHeaders.LINK, "<" + url + ">; rel=\"next\"");
        headers.add("GS1-Next-Page-Token-Expires", token.expires().toString());
    }
}
