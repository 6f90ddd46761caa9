package io.tracegate.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracegate.gateway.GatewayTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class AuthenticationTest extends GatewayTest {

    @Test
    void healthAnswersWithoutAKey() {
        HttpResponse<String> response = get("/actuator/health", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat((String) json(response, "$.status")).isEqualTo("UP");
        assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
    }

    @Test
    void requestWithoutAKeyIsRefusedWithAnEpcisSecurityProblem() {
        assertUnauthenticated(get("/admin/keys", null));
    }

    @Test
    void unknownPathsAreNotRevealedWithoutAKey() {
        assertUnauthenticated(get("/no/such/thing", null));
    }

    @Test
    void unknownKeyIsRefused() {
        HttpResponse<String> response = get("/admin/keys", "tg_not-a-key-anyone-was-given");

        assertUnauthenticated(response);
        assertThat((String) json(response, "$.detail")).isEqualTo("the API key is unknown or revoked");
    }

    @Test
    void otherAuthorizationSchemesAreNotAccepted() {
        assertUnauthenticated(send(request("/admin/keys", null).header("Authorization", "Basic YWRtaW46YWRtaW4=")));
    }

    @Test
    void unknownPathWithAValidKeyIsAnEpcisNoSuchResourceProblem() {
        HttpResponse<String> response = get("/no/such/thing", ADMIN_KEY);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat((String) json(response, "$.type")).isEqualTo("epcisException:NoSuchResourceException");
        assertThat((String) json(response, "$.instance")).isEqualTo("/no/such/thing");
    }

    private static void assertUnauthenticated(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat((String) json(response, "$.type")).isEqualTo("epcisException:SecurityException");
        assertThat((Integer) json(response, "$.status")).isEqualTo(401);
        assertThat((String) json(response, "$.title")).isEqualTo("Authentication required");
    }
}
