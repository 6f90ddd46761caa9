package io.tracegate.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracegate.gateway.capture.DocumentProperties;
import io.tracegate.gateway.security.SecurityProperties;
import java.time.Duration;
import java.time.Period;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

/** The defaults and environment variable names docs/security.md documents. */
class HardeningSettingsTest {

    @Test
    void defaults() {
        PropertySource<?> none = new MapPropertySource("none", Map.of());

        HttpProperties http = bind(none, "tracegate.http", HttpProperties.class);
        assertThat(http.bodyIdleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(http.uploadsAllowed(200)).isEqualTo(100);
        assertThat(http.uploadsAllowed(1)).isEqualTo(1);
        SecurityProperties.AuthFailures failures = bind(none, "tracegate.security", SecurityProperties.class)
                .authFailures();
        assertThat(failures.limit()).isEqualTo(10);
        assertThat(failures.window()).isEqualTo(Duration.ofMinutes(1));
        assertThat(failures.addresses()).isEqualTo(10_000);
        DocumentProperties documents = bind(none, "tracegate.documents", DocumentProperties.class);
        assertThat(documents.keepAccepted()).isEqualTo(Period.ofYears(6));
        assertThat(documents.keepRefused()).isEqualTo(Period.ofDays(30));
        assertThat(documents.sweepInterval()).isEqualTo(Duration.ofDays(1));
        assertThat(documents.minFreeSpace()).isEqualTo(DataSize.ofGigabytes(1));
    }

    @Test
    void environmentVariables() {
        PropertySource<?> environment = new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                        "TRACEGATE_HTTP_BODY_IDLE_TIMEOUT", "2m",
                        "TRACEGATE_HTTP_MAX_UPLOADS", "7",
                        "TRACEGATE_SECURITY_AUTH_FAILURES_LIMIT", "3",
                        "TRACEGATE_SECURITY_AUTH_FAILURES_WINDOW", "5m",
                        "TRACEGATE_SECURITY_AUTH_FAILURES_ADDRESSES", "50",
                        "TRACEGATE_DOCUMENTS_KEEP_ACCEPTED", "10y",
                        "TRACEGATE_DOCUMENTS_KEEP_REFUSED", "7d",
                        "TRACEGATE_DOCUMENTS_SWEEP_INTERVAL", "6h",
                        "TRACEGATE_DOCUMENTS_MIN_FREE_SPACE", "20GB"));

        HttpProperties http = bind(environment, "tracegate.http", HttpProperties.class);
        assertThat(http.bodyIdleTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(http.uploadsAllowed(200)).isEqualTo(7);
        assertThat(bind(environment, "tracegate.security", SecurityProperties.class).authFailures())
                .isEqualTo(new SecurityProperties.AuthFailures(3, Duration.ofMinutes(5), 50));
        assertThat(bind(environment, "tracegate.documents", DocumentProperties.class)).isEqualTo(
                new DocumentProperties(Period.ofYears(10), Period.ofDays(7), Duration.ofHours(6),
                        DataSize.ofGigabytes(20)));
    }

    private static <T> T bind(PropertySource<?> source, String prefix, Class<T> type) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(source);
        return new Binder(ConfigurationPropertySources.get(environment)).bindOrCreate(prefix, type);
    }
}
