package io.tracegate.gateway.exchange;

import java.net.URI;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** The URLs partners reach us at: {@code tracegate.exchange.public-url}, else this host's HTTP port. */
@Component
class OurAddress {

    private final ExchangeProperties properties;
    private final Environment environment;

    OurAddress(ExchangeProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    URI base() {
        if (properties.publicUrl() != null) {
            return properties.publicUrl();
        }
        // local.server.port is the port actually bound (server.port may be 0).
        return URI.create("http://localhost:" + environment.getProperty("local.server.port",
                environment.getProperty("server.port", "8080")));
    }

    /** Where partners post AS2 messages, given as our return address. */
    URI as2() {
        return base().resolve("/as2");
    }

    /** Where partners post asynchronous MDNs. */
    URI mdn() {
        return base().resolve("/as2/mdn");
    }
}
