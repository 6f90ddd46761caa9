package io.tracegate.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The default and environment variable docs/operations.md gives for the shutdown grace. */
class ShutdownPropertiesTest {

    @Test
    void runningCapturesGetThirtySecondsByDefault() {
        assertThat(bind(Map.of()).captureGrace()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theGraceComesFromItsEnvironmentVariable() {
        assertThat(bind(Map.of("TRACEGATE_SHUTDOWN_CAPTURE_GRACE", "2m")).captureGrace())
                .isEqualTo(Duration.ofMinutes(2));
    }

    private static ShutdownProperties bind(Map<String, Object> environment) {
        StandardEnvironment context = new StandardEnvironment();
        PropertySource<?> source = new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment);
        context.getPropertySources().addFirst(source);
        return new Binder(ConfigurationPropertySources.get(context))
                .bindOrCreate("tracegate.shutdown", ShutdownProperties.class);
    }
}
