package io.tracegate.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracegate.gateway.GatewayTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each role is refused outside its rights, for the endpoints that exist. */
class RoleAccessTest extends GatewayTest {

    @ParameterizedTest
    @EnumSource(value = Role.class, names = "ADMIN", mode = EnumSource.Mode.EXCLUDE)
    void onlyAdminManagesKeys(Role role) {
        String key = createKey(unique(role.name().toLowerCase()), role);

        assertForbidden(get("/admin/keys", key));
        assertForbidden(post("/admin/keys", key, "{\"name\":\"" + unique("sneaky") + "\",\"roles\":[\"ADMIN\"]}"));
        assertForbidden(delete("/admin/keys/admin", key));
        assertThat(get("/admin/keys", ADMIN_KEY).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"LINE", "PARTNER", "PHARMACIST"})
    void metricsAreRefusedToOperationalRoles(Role role) {
        String key = createKey(unique(role.name().toLowerCase()), role);

        assertForbidden(get("/actuator/prometheus", key));
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"COMPLIANCE", "ADMIN"})
    void metricsAreOpenToComplianceAndAdmin(Role role) {
        String key = createKey(unique(role.name().toLowerCase()), role);

        HttpResponse<String> response = get("/actuator/prometheus", key);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void otherActuatorEndpointsAreAdminOnly() {
        String key = createKey(unique("compliance"), Role.COMPLIANCE);

        assertForbidden(get("/actuator", key));
        assertThat(get("/actuator", ADMIN_KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void aKeyWithSeveralRolesHasTheRightsOfEach() {
        String key = createKey(unique("line-and-compliance"), Role.LINE, Role.COMPLIANCE);

        assertThat(get("/actuator/prometheus", key).statusCode()).isEqualTo(200);
        assertForbidden(get("/admin/keys", key));
    }

    private static void assertForbidden(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat((String) json(response, "$.type")).isEqualTo("epcisException:SecurityException");
        assertThat((Integer) json(response, "$.status")).isEqualTo(403);
    }
}
