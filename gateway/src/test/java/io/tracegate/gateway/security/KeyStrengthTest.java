package io.tracegate.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 9: a weak TRACEGATE_ADMIN_KEY is refused for its low entropy, not only for its length. */
class KeyStrengthTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @ParameterizedTest
    @ValueSource(strings = {
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "abcabcabcabcabcabcabcabcabcabcabcabc",
        "passwordpasswordpasswordpassword",
        "Tracegate2024!Tracegate2024!Tracegate2024!",
        "0123456789abcdefghijklmnopqrstuvwxyz",
        "qwertyqwertyqwerty1234567890123456"})
    void predictableKeysAreRefusedSayingWhyAndHowToMakeAGoodOne(String key) {
        assertThat(KeyStrength.weakness(key)).hasValueSatisfying(why -> assertThat(why)
                .startsWith("the API key is too easy to guess: about ").contains("bits of entropy estimated",
                        "at least 128 needed"));
    }

    @Test
    void theReasonNamesWhatMakesTheKeyPredictable() {
        assertThat(KeyStrength.weakness("a".repeat(32))).hasValueSatisfying(why -> assertThat(why)
                .contains("only 1 distinct character", "31 characters repeat an earlier part of it"));
        assertThat(KeyStrength.weakness("0123456789abcdefghijklmnopqrstuvwxyz")).hasValueSatisfying(why ->
                assertThat(why).contains("continue a run like 'aaa' or '123'"));
    }

    @Test
    void aShortKeyIsRefusedForItsLength() {
        assertThat(KeyStrength.weakness("Zq8#vL2!")).hasValue("an API key must have at least 32 characters, got 8");
    }

    @Test
    void generatedKeysPass() {
        for (int i = 0; i < 2000; i++) {
            String base64 = Base64.getEncoder().encodeToString(bytes(32)); // openssl rand -base64 32
            String hex128 = HexFormat.of().formatHex(bytes(16)); // openssl rand -hex 16
            String hex256 = HexFormat.of().formatHex(bytes(32));
            assertThat(KeyStrength.weakness(base64)).as(base64).isEmpty();
            assertThat(KeyStrength.weakness(hex128)).as(hex128).isEmpty();
            assertThat(KeyStrength.weakness(hex256)).as(hex256).isEmpty();
        }
    }

    private static byte[] bytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
