package io.tracegate.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracegate.gs1.Gln;
import io.tracegate.gs1.Gtin;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiPrincipalTest {

    private static final Gtin OURS = Gtin.of("00312345678906");
    private static final Gtin OTHER = Gtin.of("00312345678913");
    private static final Gln SITE = new Gln("0312345000011");
    private static final Gln OTHER_SITE = Gln.withCheckDigit("031234500002");

    @Test
    void aKeyWithoutLimitsMayUseAnyProductAndSite() {
        ApiPrincipal line = new ApiPrincipal("line", Set.of(Role.LINE), Set.of(), Set.of());

        assertThat(line.mayUseGtin(OTHER)).isTrue();
        assertThat(line.mayUseGln(OTHER_SITE)).isTrue();
    }

    @Test
    void aLimitedKeyMayUseOnlyItsProductsAndSites() {
        ApiPrincipal line = new ApiPrincipal("line", Set.of(Role.LINE), Set.of(OURS), Set.of(SITE));

        assertThat(line.mayUseGtin(OURS)).isTrue();
        assertThat(line.mayUseGtin(OTHER)).isFalse();
        assertThat(line.mayUseGln(SITE)).isTrue();
        assertThat(line.mayUseGln(OTHER_SITE)).isFalse();
        assertThat(line.hasRole(Role.LINE)).isTrue();
        assertThat(line.hasRole(Role.ADMIN)).isFalse();
    }
}
