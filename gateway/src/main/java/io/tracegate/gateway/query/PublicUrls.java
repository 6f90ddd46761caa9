package io.tracegate.gateway.query;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The URLs the API writes into answers ({@code Link: <...>; rel="next"}): on the configured public base URL, else on
 * the request's own scheme and host when that host is on the allow-list, else relative (RFC 8288 resolves them against
 * the request). A client's {@code Host} header is never copied into an answer unverified.
 */
@Component
public class PublicUrls {

    /**
     * @param publicBaseUrl the gateway's URL as clients reach it ({@code https://epcis.example.com}); unset: see
     *                      {@code allowedHosts}
     * @param allowedHosts  request host names whose own URL may be used when no public base URL is set
     */
    @ConfigurationProperties("tracegate")
    public record Settings(URI publicBaseUrl, @DefaultValue({"localhost", "127.0.0.1", "[::1]"}) List<String> allowedHosts) {
        public Settings {
            if (publicBaseUrl != null && (publicBaseUrl.getScheme() == null || publicBaseUrl.getHost() == null
                    || !List.of("http", "https").contains(publicBaseUrl.getScheme()))) {
                throw new IllegalArgumentException("tracegate.public-base-url must be an absolute http(s) URL, not "
                        + publicBaseUrl);
            }
            allowedHosts = allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        }
    }

    private final Settings settings;

    PublicUrls(Settings settings) {
        this.settings = settings;
    }

    /** The request's own URL (path and query string) with one query parameter set anew. */
    public String withParameter(HttpServletRequest request, String name, String value) {
        UriComponentsBuilder url = UriComponentsBuilder.fromUriString(request.getRequestURI()
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString()));
        url.replaceQueryParam(name, value);
        String path = url.build(true).toUriString();
        return base(request) + path;
    }

    /** Where the URLs of an answer to this request start: the public base URL, a verified origin, or "" (relative). */
    public String base(HttpServletRequest request) {
        if (settings.publicBaseUrl() != null) {
            String base = settings.publicBaseUrl().toString();
            return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        }
        String host = request.getServerName().toLowerCase(Locale.ROOT);
        if (settings.allowedHosts().contains(host) || settings.allowedHosts().contains("[" + host + "]")) {
            int port = request.getServerPort();
            boolean defaultPort = port == ("https".equals(request.getScheme()) ? 443 : 80);
            String shown = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
            return request.getScheme() + "://" + shown + (defaultPort ? "" : ":" + port);
        }
        return "";
    }
}
