package io.tracegate.gateway.config;

import io.tracegate.gateway.config.EmbeddedPostgresServer.DataDirectoryInUseException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Replaces the stack trace with what to do, e.g. when the key command is run next to a running gateway. */
class DataDirectoryInUseFailureAnalyzer extends AbstractFailureAnalyzer<DataDirectoryInUseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DataDirectoryInUseException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Stop the other gateway first (to create API keys while it runs, use POST /admin/keys), "
                        + "or give this one its own --tracegate.data-dir.", cause);
    }
}
