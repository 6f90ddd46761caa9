package io.tracegate.gateway.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracegate.gateway.problem.ApiProblem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;

/** The disk-space guard on a file system whose free space the test decides, and uploads that stall. */
class DocumentStoreTest {

    @TempDir
    Path root;

    private final AtomicLong free = new AtomicLong();

    private DocumentStore store(long minFreeBytes) {
        return new DocumentStore(root, minFreeBytes, directory -> free.get());
    }

    @Test
    void anUploadThatWouldLeaveLessThanTheMinimumIsRefusedNamingTheFreeSpaceAndTheSetting() {
        free.set(1500);
        DocumentStore store = store(1000);

        store.ensureSpaceFor(500);
        assertThatThrownBy(() -> store.ensureSpaceFor(600)).isInstanceOfSatisfying(ApiProblem.class, problem -> {
            assertThat(problem.status()).isEqualTo(HttpStatus.INSUFFICIENT_STORAGE);
            assertThat(problem.getMessage()).contains("has 1,500 bytes free", "this 600 bytes document",
                    "tracegate.documents.min-free-space (1,000 bytes)", "nothing was stored");
        });
        free.set(999);
        assertThatThrownBy(() -> store.store(new ByteArrayInputStream(new byte[10]), 100))
                .isInstanceOfSatisfying(ApiProblem.class, problem ->
                        assertThat(problem.status()).isEqualTo(HttpStatus.INSUFFICIENT_STORAGE));
        assertThat(files()).isEmpty();
    }

    @Test
    void theGuardWatchesWhileALargeUploadIsWrittenAndLeavesNothingBehind() {
        long megabyte = 1 << 20;
        free.set(100 * megabyte);
        InputStream upload = new InputStream() {
            private long sent;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (sent >= 200 * megabyte) {
                    return -1;
                }
                sent += length;
                free.addAndGet(-length); // the disk fills as the upload is written
                return length;
            }
        };

        assertThatThrownBy(() -> store(50 * megabyte).store(upload, Long.MAX_VALUE))
                .isInstanceOfSatisfying(ApiProblem.class, problem ->
                        assertThat(problem.status()).isEqualTo(HttpStatus.INSUFFICIENT_STORAGE));
        assertThat(free.get()).as("refused within a few megabytes of the threshold")
                .isBetween(40 * megabyte, 50 * megabyte);
        assertThat(files()).isEmpty();
    }

    @Test
    void aStalledUploadIsTheClientsErrorAndLeavesNothingBehind() {
        free.set(Long.MAX_VALUE);
        InputStream stalling = new InputStream() {
            private boolean sent;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (sent) {
                    throw new IOException(new SocketTimeoutException());
                }
                sent = true;
                return 10;
            }
        };

        assertThatThrownBy(() -> store(0).store(stalling, 100)).isInstanceOfSatisfying(ApiProblem.class, problem -> {
            assertThat(problem.status()).isEqualTo(HttpStatus.REQUEST_TIMEOUT);
            assertThat(problem.getMessage()).contains("tracegate.http.body-idle-timeout",
                    "nothing was stored (10 bytes had come)");
        });
        assertThat(files()).isEmpty();
    }

    private List<Path> files() {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
