package io.tracegate.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracegate.gateway.GatewayTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class KeyCommandTest extends GatewayTest {

    @Autowired
    ApiKeys apiKeys;

    @Test
    void parsesNameAndRoles() {
        ApiPrincipal grant = KeyCommand.parse("line-1:LINE,partner");

        assertThat(grant.name()).isEqualTo("line-1");
        assertThat(grant.roles()).isEqualTo(Set.of(Role.LINE, Role.PARTNER));
        assertThat(grant.gtins()).isEmpty();
    }

    @Test
    void explainsABadSpecification() {
        assertThatThrownBy(() -> KeyCommand.parse("line-1"))
                .hasMessage("tracegate.create-key must be NAME:ROLE[,ROLE...], e.g. line-1:LINE, got 'line-1'");
        assertThatThrownBy(() -> KeyCommand.parse("line-1:LINE,"))
                .hasMessageStartingWith("unknown role ''");
        assertThatThrownBy(() -> KeyCommand.parse("bad name:LINE"))
                .hasMessageStartingWith("name: 'bad name' is not a valid key name");
    }

    @Test
    void printsAWorkingKey() {
        String name = unique("from-command");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            new KeyCommand(apiKeys, name + ":COMPLIANCE").run(null);
        } finally {
            System.setOut(original);
        }

        String printed = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(printed).startsWith("API key '" + name + "' (COMPLIANCE): tg_");
        String key = printed.substring(printed.lastIndexOf(' ') + 1);
        assertThat(get("/actuator/prometheus", key).statusCode()).isEqualTo(200);
    }

    @Test
    void isRequestedOnlyByItsCommandLineOption() {
        assertThat(KeyCommand.isRequested(new String[] {"--server.port=9000", "--tracegate.create-key=a:LINE"}))
                .isTrue();
        assertThat(KeyCommand.isRequested(new String[] {"--server.port=9000"})).isFalse();
    }
}
