package io.tracegate.gateway.security;

import io.tracegate.gateway.config.TracegateProperties;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * First start: while no ADMIN key exists, creates the key named {@value #ADMIN_NAME} from {@code tracegate.admin-key}
 * (environment variable {@code TRACEGATE_ADMIN_KEY}), or generates one and logs it this once: only its hash is kept.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AdminKeyBootstrap implements ApplicationRunner {

    public static final String ADMIN_NAME = "admin";
    private static final Logger log = LoggerFactory.getLogger(AdminKeyBootstrap.class);

    private final ApiKeys apiKeys;
    private final String configuredKey;

    public AdminKeyBootstrap(ApiKeys apiKeys, TracegateProperties properties) {
        this.apiKeys = apiKeys;
        this.configuredKey = properties.adminKey();
    }

    @Override
    public void run(ApplicationArguments args) {
        ensureAdminKey();
    }

    /** @return the generated key, when one had to be generated */
    public Optional<String> ensureAdminKey() {
        if (apiKeys.hasActiveKeyWithRole(Role.ADMIN)) {
            if (configuredKey != null && !isActiveAdmin(configuredKey)) {
                // the usual way to be locked out: a fresh key exported for a data directory that already has one
                log.warn("TRACEGATE_ADMIN_KEY is IGNORED and does not authenticate: this data directory already has"
                        + " an ADMIN key (it is read only at the first start of a data directory). Use the ADMIN key"
                        + " of that first start, or start with a fresh --tracegate.data-dir.");
            }
            return Optional.empty();
        }
        ApiPrincipal admin = new ApiPrincipal(ADMIN_NAME, Set.of(Role.ADMIN), Set.of(), Set.of());
        if (configuredKey != null) {
            installConfigured(admin);
            return Optional.empty();
        }
        String generated = apiKeys.create(admin);
        announce(generated);
        return Optional.of(generated);
    }

    private boolean isActiveAdmin(String key) {
        return apiKeys.authenticate(key).map(admin -> admin.hasRole(Role.ADMIN)).orElse(false);
    }

    private void installConfigured(ApiPrincipal admin) {
        try {
            apiKeys.create(admin, configuredKey);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("TRACEGATE_ADMIN_KEY (tracegate.admin-key): " + e.getMessage(), e);
        }
        log.info("Created the API key '{}' (ADMIN) from TRACEGATE_ADMIN_KEY", ADMIN_NAME);
    }

    private static void announce(String generated) {
        log.warn("""

                ==========================================================================
                 First start: generated the ADMIN API key '{}'. It is shown only now
                 (only its hash is stored). Keep it safe:

                     {}

                 Use it as 'Authorization: Bearer <key>'; create more keys with
                 POST /admin/keys.
                ==========================================================================""", ADMIN_NAME, generated);
    }
}
