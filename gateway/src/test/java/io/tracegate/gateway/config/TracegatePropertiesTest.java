package io.tracegate.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

/** The defaults and environment variable names the README documents. */
class TracegatePropertiesTest {

    @Test
    void defaults() {
        TracegateProperties properties = bind(new MapPropertySource("none", Map.of()));

        assertThat(properties.dataDir().normalize()).isEqualTo(Path.of("data"));
        assertThat(properties.postgresDataDir().normalize()).isEqualTo(Path.of("data", "postgres"));
        assertThat(properties.adminKey()).isNull();
        assertThat(properties.embeddedDatabase().port()).isZero();
        assertThat(properties.capture().maxEvents()).isEqualTo(10_000_000);
        assertThat(properties.capture().maxFileBytes()).isEqualTo(DataSize.ofGigabytes(4));
    }

    @Test
    void environmentVariables() {
        TracegateProperties properties = bind(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                        "TRACEGATE_DATA_DIR", "/var/lib/tracegate",
                        "TRACEGATE_ADMIN_KEY", "k",
                        "TRACEGATE_EMBEDDED_DATABASE_PORT", "5433",
                        "TRACEGATE_CAPTURE_MAX_EVENTS", "5",
                        "TRACEGATE_CAPTURE_MAX_FILE_BYTES", "1MB")));

        assertThat(properties.dataDir()).isEqualTo(Path.of("/var/lib/tracegate"));
        assertThat(properties.adminKey()).isEqualTo("k");
        assertThat(properties.embeddedDatabase().port()).isEqualTo(5433);
        assertThat(properties.capture().maxEvents()).isEqualTo(5);
        assertThat(properties.capture().maxFileBytes()).isEqualTo(DataSize.ofMegabytes(1));
    }

    private static TracegateProperties bind(org.springframework.core.env.PropertySource<?> source) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(source);
        return new Binder(ConfigurationPropertySources.get(environment))
                .bindOrCreate("tracegate", TracegateProperties.class);
    }
}
