package io.tracegate.gateway.capture;

import java.time.Duration;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How long stored capture documents are kept, and the free space they must leave ({@code tracegate.documents.*}).
 *
 * @param keepAccepted  how long the document of an accepted job (all or, under {@code proceed}, some of its events
 *                      captured) is kept after the job ended: six years, DSCSA's retention of transaction records
 * @param keepRefused   how long the document of a refused job (nothing captured) is kept after the job ended
 * @param sweepInterval how often expired documents are deleted (the first sweep runs a minute after start)
 * @param minFreeSpace  free space an upload must leave on the documents' file system: an upload that would leave
 *                      less is refused with 507 before the disk is full
 */
@ConfigurationProperties("tracegate.documents")
public record DocumentProperties(@DefaultValue("6y") Period keepAccepted, @DefaultValue("30d") Period keepRefused,
        @DefaultValue("1d") Duration sweepInterval, @DefaultValue("1GB") DataSize minFreeSpace) {
}
