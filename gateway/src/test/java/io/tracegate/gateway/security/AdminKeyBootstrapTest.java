package io.tracegate.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracegate.gateway.GatewayTest;
import io.tracegate.gateway.config.TracegateProperties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

/** First start is replayed inside transactions that roll back, on the shared database. */
class AdminKeyBootstrapTest extends GatewayTest {

    @Autowired
    ApiKeys apiKeys;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void theConfiguredAdminKeyWasInstalledAtStartAndOnlyItsHashIsStored() throws Exception {
        assertThat(get("/admin/keys", ADMIN_KEY).statusCode()).isEqualTo(200);

        byte[] storedHash = jdbc.sql("select key_hash from api_key where name = 'admin' and revoked_at is null")
                .query(byte[].class).single();
        assertThat(storedHash).isEqualTo(
                MessageDigest.getInstance("SHA-256").digest(ADMIN_KEY.getBytes(StandardCharsets.UTF_8)));
        assertThat(jdbc.sql("select count(*) from api_key k where position(? in k::text) > 0")
                .param(ADMIN_KEY).query(Long.class).single()).isZero();
    }

    @Test
    void withoutAConfiguredKeyTheFirstStartGeneratesOne() {
        inFirstStart(() -> {
            Optional<String> generated = bootstrap(null).ensureAdminKey();

            assertThat(generated).hasValueSatisfying(key -> {
                assertThat(key).startsWith("tg_");
                assertThat(apiKeys.authenticate(key)).hasValueSatisfying(principal -> {
                    assertThat(principal.name()).isEqualTo("admin");
                    assertThat(principal.roles()).containsExactly(Role.ADMIN);
                });
            });
        });
    }

    @Test
    void withAConfiguredKeyTheFirstStartInstallsIt() {
        String configured = "another-admin-key-for-this-test-0123456789";
        inFirstStart(() -> {
            assertThat(bootstrap(configured).ensureAdminKey()).isEmpty();

            assertThat(apiKeys.authenticate(configured)).map(ApiPrincipal::roles).hasValue(Set.of(Role.ADMIN));
        });
    }

    @Test
    void aShortConfiguredKeyIsRefused() {
        inFirstStart(() -> assertThatThrownBy(() -> bootstrap("too-short").ensureAdminKey())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("TRACEGATE_ADMIN_KEY (tracegate.admin-key): an API key must have at least 32 characters"));
    }

    @Test
    void aLongButPredictableConfiguredKeyIsRefusedSayingWhyAndHowToMakeAGoodOne() {
        inFirstStart(() -> assertThatThrownBy(() -> bootstrap("a".repeat(32)).ensureAdminKey())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("TRACEGATE_ADMIN_KEY (tracegate.admin-key): the API key is too easy to guess")
                .hasMessageContaining("openssl rand -base64 32"));
    }

    @Test
    void onceAnAdminKeyExistsTheConfiguredKeyIsIgnored() {
        String configured = "a-later-admin-key-that-must-be-ignored-0123456789";

        assertThat(bootstrap(configured).ensureAdminKey()).isEmpty();

        assertThat(apiKeys.authenticate(configured)).isEmpty();
    }

    /** The README's walkthrough run against an existing data directory: the log must say why its key fails. */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void anIgnoredConfiguredKeyIsLoggedAsIgnoredUnlessItIsTheStoredOne(CapturedOutput output) {
        bootstrap("a-fresh-key-for-an-old-data-directory-0123456789").ensureAdminKey();
        assertThat(output.getOut()).contains("TRACEGATE_ADMIN_KEY is IGNORED", "--tracegate.data-dir");

        int before = output.getOut().length();
        bootstrap(ADMIN_KEY).ensureAdminKey();
        assertThat(output.getOut().substring(before)).doesNotContain("TRACEGATE_ADMIN_KEY is IGNORED");
    }

    private AdminKeyBootstrap bootstrap(String configuredKey) {
        return new AdminKeyBootstrap(apiKeys, new TracegateProperties(Path.of("unused"), configuredKey,
                new TracegateProperties.EmbeddedDatabase(0, Map.of()),
                new TracegateProperties.Capture(10, DataSize.ofBytes(10), 1, 1, 1,
                        TracegateProperties.Validation.RULES), List.of()));
    }

    /** Runs the check as on a database with no active key, then rolls back. */
    private void inFirstStart(Runnable check) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("update api_key set revoked_at = now() where revoked_at is null").update();
            check.run();
            status.setRollbackOnly();
        });
    }
}
