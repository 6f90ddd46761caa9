package io.tracegate.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.tracegate.gateway.GatewayJar;
import io.tracegate.gateway.PackagingDocument;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded PostgreSQL of a running {@code gateway.jar} is killed (SIGKILL to its server process): readiness goes
 * DOWN within a second while liveness stays UP, requests are answered 503 at once, and the gateway starts the server
 * again by itself, with everything committed before still there.
 * <p>
 * To hold the outage open while it is looked at, one of the server's processes is frozen (SIGSTOP) before the kill:
 * like a process slow to notice its server's death, it keeps the cluster's shared memory, and the gateway waits for
 * it before starting a new server (PostgreSQL would refuse the cluster). The test then kills it too.
 */
class DatabaseFaultIT {

    private static final int UNITS = 5000;

    private final GatewayJar gateway = new GatewayJar("database-fault-it");

    @AfterEach
    void stop() throws InterruptedException {
        gateway.close();
    }

    @Test
    void aKilledDatabaseIsRefusedFastThenRestartedWithoutTheGatewayAndNothingCommittedIsLost() throws Exception {
        gateway.start();
        String lineKey = gateway.createKey("line", "LINE");
        String before = PackagingDocument.newRun();
        String job = JsonPath.read(gateway.awaitJob(gateway.capture(PackagingDocument.of(before, UNITS), lineKey),
                lineKey), "$.captureID");

        ProcessHandle server = postmaster();
        ProcessHandle slow = server.children().findFirst().orElseThrow();
        signal("STOP", slow);
        long killed = System.nanoTime();
        server.destroyForcibly();

        awaitStatus("/actuator/health/readiness", 503, Duration.ofSeconds(1));
        long downAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
        assertThat(downAfter).as("readiness DOWN after %d ms", downAfter).isLessThanOrEqualTo(1000);
        assertThat(gateway.get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        assertFast(() -> assertThat(gateway.get("/actuator/health", null).statusCode()).isEqualTo(503));
        assertFast(() -> {
            HttpResponse<String> refused = gateway.get("/capture/" + job, lineKey);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat((String) JsonPath.read(refused.body(), "$.detail")).contains("database is unavailable");
        });

        signal("KILL", slow);
        awaitStatus("/actuator/health/readiness", 200, Duration.ofMinutes(2));
        assertThat(gateway.process().isAlive()).as("the same gateway process").isTrue();
        assertThat(postmaster().pid()).isNotEqualTo(server.pid());

        String still = gateway.get("/capture/" + job, lineKey).body();
        assertThat((Boolean) JsonPath.read(still, "$.success")).as(still).isTrue();
        assertThat(gateway.unitCount(before)).isEqualTo(PackagingDocument.sgtins(UNITS));
        String after = PackagingDocument.newRun();
        String captured = gateway.awaitJob(gateway.capture(PackagingDocument.of(after, UNITS), lineKey), lineKey);
        assertThat((Boolean) JsonPath.read(captured, "$.success")).as(captured).isTrue();
        assertThat(gateway.unitCount(after)).isEqualTo(PackagingDocument.sgtins(UNITS));

        assertThat(Files.readString(gateway.log())).contains("The embedded PostgreSQL runs again");
        gateway.stop(Duration.ofMinutes(2));
        assertThat(gateway.dataDir().resolve("postgres").resolve("postmaster.pid"))
                .as("the restarted server stopped with the gateway").doesNotExist();
    }

    private ProcessHandle postmaster() throws Exception {
        Path pidFile = gateway.dataDir().resolve("postgres").resolve("postmaster.pid");
        return ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).strip())).orElseThrow();
    }

    private static void signal(String signal, ProcessHandle process) throws Exception {
        assertThat(new ProcessBuilder(List.of("kill", "-" + signal, Long.toString(process.pid()))).inheritIO()
                .start().waitFor()).isZero();
    }

    private void awaitStatus(String path, int status, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos() + Duration.ofSeconds(1).toNanos();
        int last;
        do {
            last = gateway.get(path, null).statusCode();
            if (last == status) {
                return;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(path + " answered " + last + ", not " + status + ", within " + within
                + "; see " + gateway.log());
    }

    /** The request is answered within a second (a pool waiting for a connection would take 30 s). */
    private static void assertFast(ThrowingRunnable request) throws Exception {
        long started = System.nanoTime();
        request.run();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(1000);
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
