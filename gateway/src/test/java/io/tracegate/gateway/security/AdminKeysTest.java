package io.tracegate.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracegate.gateway.GatewayTest;
import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gateway.problem.EpcisProblemType;
import io.tracegate.gs1.Gtin;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

class AdminKeysTest extends GatewayTest {

    @Autowired
    ApiKeys apiKeys;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void adminCreatesAKeyThatAuthenticatesWithItsRoles() {
        String name = unique("compliance");
        HttpResponse<String> created = post("/admin/keys", ADMIN_KEY,
                "{\"name\":\"" + name + "\",\"roles\":[\"COMPLIANCE\"]}");

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat((String) json(created, "$.name")).isEqualTo(name);
        String key = json(created, "$.key");
        assertThat(key).startsWith("tg_").hasSize(46);
        assertThat(get("/actuator/prometheus", key).statusCode()).isEqualTo(200);
    }

    @Test
    void listShowsKeysWithNormalisedLimitsAndNoSecrets() {
        String name = unique("line");
        HttpResponse<String> created = post("/admin/keys", ADMIN_KEY, "{\"name\":\"" + name
                + "\",\"roles\":[\"line\"],\"gtins\":[\"0312345678906\"],\"glns\":[\"0312345000011\"]}");
        String key = json(created, "$.key");

        HttpResponse<String> list = get("/admin/keys", ADMIN_KEY);

        assertThat(list.statusCode()).isEqualTo(200);
        List<Map<String, Object>> entries = json(list, "$[?(@.name == '" + name + "')]");
        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.get("roles")).isEqualTo(List.of("LINE"));
            assertThat(entry.get("gtins")).isEqualTo(List.of("00312345678906"));
            assertThat(entry.get("glns")).isEqualTo(List.of("0312345000011"));
            assertThat(entry).containsKey("createdAt").doesNotContainKeys("key", "keyHash");
        });
        assertThat(list.body()).doesNotContain(key);
    }

    @Test
    void theKeysLimitsReachItsPrincipal() {
        String name = unique("limited");
        String key = json(post("/admin/keys", ADMIN_KEY, "{\"name\":\"" + name
                + "\",\"roles\":[\"LINE\"],\"gtins\":[\"00312345678906\"]}"), "$.key");

        ApiPrincipal principal = apiKeys.authenticate(key).orElseThrow();

        assertThat(principal.name()).isEqualTo(name);
        assertThat(principal.roles()).containsExactly(Role.LINE);
        assertThat(principal.mayUseGtin(Gtin.of("00312345678906"))).isTrue();
        assertThat(principal.mayUseGtin(Gtin.of("00312345678913"))).isFalse();
        assertThat(principal.glns()).isEmpty();
    }

    @Test
    void anActiveNameCannotBeGivenTwice() {
        String name = unique("twice");
        createKey(name, Role.PARTNER);

        HttpResponse<String> again = post("/admin/keys", ADMIN_KEY, "{\"name\":\"" + name + "\",\"roles\":[\"LINE\"]}");

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat((String) json(again, "$.type")).isEqualTo("epcisException:ResourceAlreadyExistsException");
        assertThat((String) json(again, "$.detail")).contains("'" + name + "'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"name":"has space","roles":["LINE"]}                   | name: 'has space' is not a valid key name
            {"roles":["LINE"]}                                      | name: 'null' is not a valid key name
            {"name":"k","roles":[]}                                 | roles: at least one role is required
            {"name":"k","roles":["LINE","CHEF"]}                    | roles[1]: unknown role 'CHEF' (roles are LINE, PARTNER, PHARMACIST, COMPLIANCE, ADMIN)
            {"name":"k","roles":["LINE"],"gtins":["00312345678907"]} | gtins[0]: not a GTIN-14 with a valid check digit: '00312345678907'
            {"name":"k","roles":["LINE"],"glns":["031234500001"]}   | glns[0]: not a GLN (13 digits, valid check digit): '031234500001'
            {"name":"k","roles":"LINE"                              | the request body could not be read:
            """)
    void badRequestsAreValidationProblemsNamingWhatIsWrong(String body, String detail) {
        HttpResponse<String> response = post("/admin/keys", ADMIN_KEY, body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat((String) json(response, "$.type")).isEqualTo("epcisException:ValidationException");
        assertThat((String) json(response, "$.detail")).startsWith(detail);
    }

    @Test
    void aBodyThatIsNotJsonIsAnUnsupportedMediaTypeProblem() {
        HttpResponse<String> response = send(request("/admin/keys", ADMIN_KEY).header("Content-Type", "text/plain")
                .POST(BodyPublishers.ofString("name=x")));

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat((String) json(response, "$.type")).isEqualTo("epcisException:UnsupportedMediaTypeException");
    }

    @Test
    void aRevokedKeyIsRefusedAtOnceAndItsNameCanBeReused() {
        String name = unique("revoked");
        String key = createKey(name, Role.COMPLIANCE);
        assertThat(get("/actuator/prometheus", key).statusCode()).isEqualTo(200);

        assertThat(delete("/admin/keys/" + name, ADMIN_KEY).statusCode()).isEqualTo(204);

        HttpResponse<String> refused = get("/actuator/prometheus", key);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat((String) json(refused, "$.detail")).isEqualTo("the API key is unknown or revoked");
        assertThat(get("/admin/keys", ADMIN_KEY).body()).doesNotContain("\"" + name + "\"");
        String newKey = createKey(name, Role.COMPLIANCE);
        assertThat(get("/actuator/prometheus", newKey).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/prometheus", key).statusCode()).isEqualTo(401);
    }

    @Test
    void revokingAnUnknownKeyIsANoSuchResourceProblem() {
        HttpResponse<String> response = delete("/admin/keys/" + unique("never-created"), ADMIN_KEY);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat((String) json(response, "$.type")).isEqualTo("epcisException:NoSuchResourceException");
    }

    @Test
    void theLastAdminKeyCannotBeRevoked() {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("update api_key set revoked_at = now() where revoked_at is null and 'ADMIN' = any(roles) "
                    + "and name <> 'admin'").update();

            assertThatThrownBy(() -> apiKeys.revoke("admin"))
                    .isInstanceOfSatisfying(ApiProblem.class,
                            problem -> assertThat(problem.type()).isEqualTo(EpcisProblemType.VALIDATION))
                    .hasMessage("'admin' is the last ADMIN key and cannot be revoked: create another ADMIN key first");
            status.setRollbackOnly();
        });
    }

    @Test
    void anAdminKeyCanBeRevokedWhileAnotherRemains() {
        String name = unique("second-admin");
        String key = createKey(name, Role.ADMIN);

        assertThat(delete("/admin/keys/" + name, ADMIN_KEY).statusCode()).isEqualTo(204);
        assertThat(get("/admin/keys", key).statusCode()).isEqualTo(401);
    }
}
