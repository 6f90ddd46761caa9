package io.tracegate.gateway.config;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The one-command default: without {@code spring.datasource.url} the gateway runs its own PostgreSQL with the
 * cluster under {@code <tracegate.data-dir>/postgres}, and connects to it as a role that owns the schema and is no
 * superuser. With the URL set, Boot's usual data source is used instead.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoDataSourceUrl.class)
public class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgresServer embeddedPostgresServer(TracegateProperties properties) {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(
                properties.postgresDataDir().toAbsolutePath().normalize(), properties.embeddedDatabase().port(),
                properties.embeddedDatabase().settings());
        // Says how to connect, never the password itself (benchmarks read this line: keep its form).
        log.info("Embedded PostgreSQL listening on localhost:{} with its data in {} (connect with {} as user {},"
                        + " password in {})", server.port(), server.dataDirectory(), server.jdbcUrl(), server.username(),
                server.passwordFile());
        return server;
    }

    /** Pool settings still come from {@code spring.datasource.hikari.*}. The pool closes before the server stops. */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgresServer server) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(server.jdbcUrl());
        dataSource.setUsername(server.username());
        dataSource.setPassword(server.password());
        dataSource.setPoolName("tracegate-embedded");
        return dataSource;
    }

    static final class NoDataSourceUrl implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
        }
    }
}
