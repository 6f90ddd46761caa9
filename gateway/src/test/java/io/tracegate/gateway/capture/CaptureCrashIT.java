package io.tracegate.gateway.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.tracegate.gateway.GatewayJar;
import io.tracegate.gateway.PackagingDocument;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Acceptance 3: the real {@code gateway.jar} is killed (SIGKILL) in the middle of capturing a large document. After
 * a restart on the same data directory the job is reported failed, nothing of it is applied, and posting the document
 * again applies it exactly once. Runs in {@code verify}, after {@code package} built the jar.
 */
class CaptureCrashIT {

    private final GatewayJar gateway = new GatewayJar("crash-it");

    @AfterEach
    void stop() throws InterruptedException {
        gateway.close();
    }

    @Test
    void aKilledCaptureIsFailedAfterRestartAndItsDocumentCapturesExactlyOnce() throws Exception {
        String run = PackagingDocument.newRun();
        byte[] document = PackagingDocument.of(run);
        gateway.start();
        String lineKey = gateway.createKey("line", "LINE");

        HttpResponse<String> accepted = gateway.capture(document, lineKey);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String job = accepted.headers().firstValue("Location").orElseThrow();
        Thread.sleep(1500); // well into the job: reading, checking and writing take far longer
        assertThat((Boolean) JsonPath.read(gateway.get(job, lineKey).body(), "$.running")).isTrue();
        gateway.kill();

        gateway.start();
        String after = gateway.get(job, lineKey).body();
        assertThat((Boolean) JsonPath.read(after, "$.running")).as(after).isFalse();
        assertThat((Boolean) JsonPath.read(after, "$.success")).as(after).isFalse();
        assertThat((String) JsonPath.read(after, "$.errors[0].detail")).contains("post the document again");
        assertThat(gateway.unitCount(run)).isZero();

        String retried = gateway.awaitJob(gateway.capture(document, lineKey), lineKey);
        assertThat((Boolean) JsonPath.read(retried, "$.success")).as(retried).isTrue();
        assertThat(gateway.unitCount(run)).isEqualTo(PackagingDocument.SGTINS);

        String again = gateway.awaitJob(gateway.capture(document, lineKey), lineKey);
        assertThat((Integer) JsonPath.read(again, "$.appliedCount")).isZero();
        assertThat((Integer) JsonPath.read(again, "$.duplicateCount"))
                .isEqualTo((Integer) JsonPath.read(retried, "$.appliedCount"));
    }
}
