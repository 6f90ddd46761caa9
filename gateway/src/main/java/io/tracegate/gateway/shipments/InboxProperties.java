package io.tracegate.gateway.shipments;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The watched folder partners' documents can be dropped in, beside AS2 and the API (a file transfer's landing
 * directory, say). Under {@code tracegate.exchange}, as it is one of the ways documents come from partners; read by
 * {@link Inbox}.
 *
 * @param inboxDir  the folder; unset (the default): none is watched
 * @param inboxPoll how often it is looked at
 */
@ConfigurationProperties("tracegate.exchange")
public record InboxProperties(Path inboxDir, @DefaultValue("5s") Duration inboxPoll) {
}
