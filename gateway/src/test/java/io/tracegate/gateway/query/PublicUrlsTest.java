package io.tracegate.gateway.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class PublicUrlsTest {

    private static MockHttpServletRequest request(String host, int port) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/events");
        request.setServerName(host);
        request.setServerPort(port);
        request.setQueryString("EQ_bizStep=shipping&nextPageToken=old");
        return request;
    }

    @Test
    void aConfiguredPublicBaseUrlWinsOverAnyHost() {
        PublicUrls urls = new PublicUrls(new PublicUrls.Settings(URI.create("https://epcis.example.com/"),
                List.of("localhost")));
        assertThat(urls.withParameter(request("attacker.example", 80), "nextPageToken", "new"))
                .isEqualTo("https://epcis.example.com/events?EQ_bizStep=shipping&nextPageToken=new");
    }

    @Test
    void withoutOneOnlyAnAllowedHostIsUsedElseTheUrlIsRelative() {
        PublicUrls urls = new PublicUrls(new PublicUrls.Settings(null, List.of("LOCALHOST", "gw.internal")));
        assertThat(urls.withParameter(request("gw.internal", 8080), "nextPageToken", "t"))
                .isEqualTo("http://gw.internal:8080/events?EQ_bizStep=shipping&nextPageToken=t");
        assertThat(urls.withParameter(request("localhost", 80), "nextPageToken", "t"))
                .isEqualTo("http://localhost/events?EQ_bizStep=shipping&nextPageToken=t");
        assertThat(urls.withParameter(request("attacker.example", 8080), "nextPageToken", "t"))
                .isEqualTo("/events?EQ_bizStep=shipping&nextPageToken=t");
    }

    @Test
    void aPublicBaseUrlMustBeAnAbsoluteHttpUrl() {
        assertThatThrownBy(() -> new PublicUrls.Settings(URI.create("/relative"), List.of()))
                .hasMessageContaining("tracegate.public-base-url");
        assertThatThrownBy(() -> new PublicUrls.Settings(URI.create("ftp://host/"), List.of()))
                .hasMessageContaining("absolute http(s) URL");
    }
}
