package io.tracegate.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** A configured server replaces the embedded default (the default itself runs under every GatewayTest). */
class EmbeddedDatabaseConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(EmbeddedDatabaseConfiguration.class);

    @Test
    void aConfiguredDatasourceUrlTurnsTheEmbeddedServerOff() {
        runner.withPropertyValues("spring.datasource.url=jdbc:postgresql://db.example:5432/tracegate")
                .run(context -> assertThat(context)
                        .doesNotHaveBean(EmbeddedPostgresServer.class)
                        .doesNotHaveBean(DataSource.class));
    }

    @Test
    void soDoesTheEnvironmentVariable() {
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                Map.of("SPRING_DATASOURCE_URL", "jdbc:postgresql://db.example:5432/tracegate"))))
                .run(context -> assertThat(context).doesNotHaveBean(EmbeddedPostgresServer.class));
    }
}
