package io.tracegate.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.tracegate.gateway.GatewayJar;
import io.tracegate.gateway.PackagingDocument;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM to the real {@code gateway.jar} in the middle of a large capture: within the shutdown grace the capture
 * completes before the gateway stops its embedded PostgreSQL (whose own library would have stopped it at once);
 * past the grace it is cut off, rolled back, and reported failed.
 */
class GracefulShutdownIT {

    private final GatewayJar gateway = new GatewayJar("shutdown-it");

    @AfterEach
    void stop() throws InterruptedException {
        gateway.close();
    }

    @Test
    void aStoppedGatewayFinishesItsRunningCaptureWithinTheGraceAndCutsItOffPastIt() throws Exception {
        gateway.start("--tracegate.shutdown.capture-grace=10m");
        String lineKey = gateway.createKey("line", "LINE");
        String finishing = PackagingDocument.newRun();
        String finishingJob = runningJob(gateway.capture(PackagingDocument.of(finishing), lineKey), lineKey);

        gateway.stop(Duration.ofMinutes(10));
        assertThat(gateway.dataDir().resolve("postgres").resolve("postmaster.pid"))
                .as("the gateway stopped its PostgreSQL itself, cleanly").doesNotExist();

        gateway.start("--tracegate.shutdown.capture-grace=0s");
        String finished = gateway.get(finishingJob, lineKey).body();
        assertThat((Boolean) JsonPath.read(finished, "$.running")).as(finished).isFalse();
        assertThat((Boolean) JsonPath.read(finished, "$.success")).as(finished).isTrue();
        assertThat(gateway.unitCount(finishing)).isEqualTo(PackagingDocument.SGTINS);

        String cut = PackagingDocument.newRun();
        String cutJob = runningJob(gateway.capture(PackagingDocument.of(cut), lineKey), lineKey);
        gateway.stop(Duration.ofMinutes(1));

        gateway.start();
        String failed = gateway.get(cutJob, lineKey).body();
        assertThat((Boolean) JsonPath.read(failed, "$.running")).as(failed).isFalse();
        assertThat((Boolean) JsonPath.read(failed, "$.success")).as(failed).isFalse();
        assertThat(gateway.unitCount(cut)).as("rolled back").isZero();
    }

    /** The job a capture was accepted as, once it is under way. */
    private String runningJob(HttpResponse<String> accepted, String key) throws Exception {
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String job = accepted.headers().firstValue("Location").orElseThrow();
        Thread.sleep(1500); // well into the job: reading, checking and writing take far longer
        assertThat((Boolean) JsonPath.read(gateway.get(job, key).body(), "$.running")).isTrue();
        return job;
    }
}
