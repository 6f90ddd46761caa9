package io.tracegate.gateway.ops;

import java.sql.SQLException;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * The database's availability as operations see it: the {@code database} health indicator (in {@code /actuator/health}
 * and its readiness group, in place of Boot's {@code db}, which waits on the pool) and fast 503s while it is down.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication // not for the key command
class DatabaseAvailabilityConfiguration {

    @Bean
    DatabaseAvailability databaseAvailability(DataSource dataSource, Clock clock) throws SQLException {
        return new DatabaseAvailability(dataSource, clock);
    }

    @Bean
    HealthIndicator databaseHealthIndicator(DatabaseAvailability availability) {
        return availability::health;
    }

    /**
     * Before Spring Security's filters, whose API key look-up needs the database, and before the verification
     * responder's hot path (at {@code DEFAULT_FILTER_ORDER - 1}), which reads the serial store.
     */
    @Bean
    FilterRegistrationBean<DatabaseUnavailableFilter> databaseUnavailableFilter(DatabaseAvailability availability,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        FilterRegistrationBean<DatabaseUnavailableFilter> registration =
                new FilterRegistrationBean<>(new DatabaseUnavailableFilter(availability, problems));
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 2);
        return registration;
    }
}
