package io.tracegate.gateway.config;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/** Says, once the gateway is ready (after the first-start key banner), where the gateway listens, which database it uses and how to get a key. */
@Component
class StartupReport implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private final DataSource dataSource;

    StartupReport(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (!(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
            return; // the key command: nothing listens
        }
        log.info("Tracegate gateway listening on http://localhost:{} (database {}). "
                        + "Health: /actuator/health. API keys: the ADMIN key comes from TRACEGATE_ADMIN_KEY or was "
                        + "printed once at first start; create more with POST /admin/keys or "
                        + "'java -jar gateway.jar --tracegate.create-key=NAME:ROLE[,ROLE]'",
                web.getWebServer().getPort(), databaseUrl());
    }

    private String databaseUrl() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getURL();
        } catch (SQLException e) {
            return "unreachable: " + e.getMessage();
        }
    }
}
