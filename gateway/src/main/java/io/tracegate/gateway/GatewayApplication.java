package io.tracegate.gateway;

import io.tracegate.gateway.compliance.VerifyExportCommand;
import io.tracegate.gateway.security.KeyCommand;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/** The Tracegate gateway. {@code java -jar gateway.jar} serves HTTP; with {@code --tracegate.create-key=..} it
 * creates one API key, prints it and exits; {@code verify-export FILE.zip} checks an export bundle offline. */
// Users are API keys (security package), so Boot's generated in-memory user must not exist.
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class GatewayApplication {

    public static void main(String[] args) {
        if (VerifyExportCommand.isRequested(args)) {
            // offline: no Spring, no database
            System.exit(VerifyExportCommand.run(args, System.out));
        }
        SpringApplication application = new SpringApplication(GatewayApplication.class);
        boolean command = KeyCommand.isRequested(args);
        if (command) {
            // A one-shot command next to (or instead of) a running gateway: no HTTP port, quiet logs.
            application.setWebApplicationType(WebApplicationType.NONE);
            application.setDefaultProperties(Map.of("logging.level.root", "warn"));
        }
        ConfigurableApplicationContext context = application.run(args);
        if (command) {
            System.exit(SpringApplication.exit(context));
        }
    }
}
