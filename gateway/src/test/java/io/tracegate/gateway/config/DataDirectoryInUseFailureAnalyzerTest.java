package io.tracegate.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

class DataDirectoryInUseFailureAnalyzerTest {

    @Test
    void tellsWhatToDoWhenTheDataDirectoryIsInUse() {
        Throwable startupFailure = new BeanCreationException("embeddedPostgresServer", "failed",
                new EmbeddedPostgresServer.DataDirectoryInUseException(Path.of("data", "postgres")));

        FailureAnalysis analysis = new DataDirectoryInUseFailureAnalyzer().analyze(startupFailure);

        assertThat(analysis.getDescription()).isEqualTo(
                "the PostgreSQL cluster in " + Path.of("data", "postgres") + " is in use by another running Tracegate gateway");
        assertThat(analysis.getAction()).contains("POST /admin/keys").contains("--tracegate.data-dir");
    }
}
